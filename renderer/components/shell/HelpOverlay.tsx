import { Dialog } from '../Dialog.tsx';
import { Kbd } from '../Kbd.tsx';
import { REVIEW_KEYS } from '../../screens/Review/keymap.ts';
import { GLOBAL_KEYS } from './shortcuts.ts';

function KeyTable({ rows }: { readonly rows: readonly { readonly keys: readonly string[]; readonly action: string }[] }) {
  return (
    <table className="table help-table">
      <tbody>
        {rows.map((row) => (
          <tr key={row.action}>
            <td className="help-keys">
              {row.keys.map((key, index) => (
                <span key={key}>
                  {index > 0 ? <span className="muted"> / </span> : null}
                  {key.split(' ').map((part, step) => (
                    <span key={part}>
                      {step > 0 ? <span className="muted"> then </span> : null}
                      <Kbd>{part}</Kbd>
                    </span>
                  ))}
                </span>
              ))}
            </td>
            <td>{row.action}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The `?` overlay: every shortcut of the app. */
export function HelpOverlay({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" open={open} onClose={onClose} testId="help-overlay" wide>
      <div className="help-grid">
        <section>
          <h3 className="help-heading">Anywhere</h3>
          <KeyTable rows={GLOBAL_KEYS} />
        </section>
        <section>
          <h3 className="help-heading">Review</h3>
          <KeyTable rows={REVIEW_KEYS} />
        </section>
      </div>
    </Dialog>
  );
}
