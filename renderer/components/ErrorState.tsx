import type { ApiError } from '../../shared/ipc/schemas.ts';

export type ErrorStateProps = {
  readonly error: ApiError | string;
  readonly onRetry?: () => void;
  readonly title?: string;
};

const TITLES: Record<ApiError['kind'], string> = {
  invalid_request: 'That request was not valid',
  not_found: 'Not found',
  conflict: 'Something changed meanwhile',
  io: 'Could not read or write a file',
  import_rejected: 'The import was rejected',
  unsupported: 'Not available here',
  unauthorized: 'Not signed in to this app',
  forbidden: 'Not allowed',
  internal: 'Something went wrong',
};

/** A failed load or action: what went wrong in the trader's words, and a retry when one makes sense. */
export function ErrorState({ error, onRetry, title }: ErrorStateProps) {
  const message = typeof error === 'string' ? error : error.message;
  const heading = title ?? (typeof error === 'string' ? 'Something went wrong' : TITLES[error.kind]);
  return (
    <div className="error-state" role="alert" data-testid="error-state">
      <strong className="error-state-title">{heading}</strong>
      <p className="error-state-message">{message}</p>
      {onRetry ? (
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
