import type { JournalEntry } from '../../../shared/domain/journal.ts';
import { money, pnlTone } from '../../format.ts';

const PARTS = [
  { key: 'underlying', label: 'Underlying move', hint: 'delta and gamma' },
  { key: 'time', label: 'Time', hint: 'theta' },
  { key: 'volatility', label: 'Implied volatility', hint: 'vega' },
  { key: 'residual', label: 'Not explained', hint: 'what the model does not reproduce' },
] as const;

/** The premium change split by cause, with the IVs it was priced at; a line saying why when it cannot be split. */
export function PnlAttribution({ entry }: { readonly entry: JournalEntry }) {
  const parts = entry.pnl_attribution;
  if (!parts) {
    return (
      <p className="muted" data-testid="pnl-attribution-none">
        {entry.explanations.pnl_attribution ?? 'No attribution: this line was written before the engine split P&L by cause.'}
      </p>
    );
  }
  const ivCrush = entry.flags.includes('iv_crush');
  return (
    <div className="pnl-attribution" data-testid="pnl-attribution">
      <table className="table compact">
        <caption className="muted">
          Premium change <span className={`num ${pnlTone(parts.premium_change)}`}>{money(parts.premium_change)}</span> before fees · IV{' '}
          <span className="num">{(parts.iv_entry * 100).toFixed(1)}%</span> → <span className="num">{(parts.iv_exit * 100).toFixed(1)}%</span>
        </caption>
        <tbody>
          {PARTS.map((part) => (
            <tr key={part.key}>
              <th scope="row">
                {part.label} <span className="muted">({part.hint})</span>
              </th>
              <td className={`num ${pnlTone(parts[part.key])}`}>{money(parts[part.key])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {ivCrush ? (
        <p className="warn" data-testid="iv-crush">
          IV crush: the underlying moved the trade&apos;s way, but falling implied volatility turned it into a loss.
        </p>
      ) : null}
    </div>
  );
}
