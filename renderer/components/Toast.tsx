import { useEffect } from 'react';
import { appActions, useToasts, type Toast } from '../state/app.ts';

const TOAST_MS = 5000;

function ToastItem({ toast }: { readonly toast: Toast }) {
  useEffect(() => {
    const timer = window.setTimeout(() => appActions().dismissToast(toast.id), toast.tone === 'bad' ? TOAST_MS * 2 : TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [toast.id, toast.tone]);
  return (
    <div className={`toast toast-${toast.tone}`} role={toast.tone === 'bad' ? 'alert' : 'status'} data-testid="toast">
      <span className="toast-message">{toast.message}</span>
      <button type="button" className="btn btn-ghost btn-icon" aria-label="Dismiss" onClick={() => appActions().dismissToast(toast.id)}>
        ×
      </button>
    </div>
  );
}

/** The stack of toasts at the bottom right; push one with `useToast()` from state/app.ts. */
export function ToastHost() {
  const toasts = useToasts();
  return (
    <div className="toast-host" aria-live="polite">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  );
}
