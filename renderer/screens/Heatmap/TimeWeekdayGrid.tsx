import { TooltipBox, TooltipLine } from '../../charts/ChartTooltip.tsx';
import { compactMoney } from '../../charts/compact.ts';
import { FloatingTooltip } from '../../charts/FloatingTooltip.tsx';
import { regretFill } from '../../charts/heatFill.ts';
import { slotRange } from '../../charts/timeBlocks.ts';
import { useCellTooltip } from '../../charts/useCellTooltip.ts';
import { money, plural, pnlTone, regret } from '../../format.ts';
import { pnlFill, SESSION_SLOTS, WEEKDAYS, type HeatmapMode, type SlotCell, type SlotGrid } from '../../state/heatmap.ts';

type Key = { readonly weekday: number; readonly slot: string };

const DAY_NAMES: Readonly<Record<number, string>> = { 1: 'Monday', 2: 'Tuesday', 3: 'Wednesday', 4: 'Thursday', 5: 'Friday' };

/** Entry time (30-minute slots, New York) × weekday, coloured by PnL (diverging) or by mean regret. */
export function TimeWeekdayGrid({ grid, mode }: { readonly grid: SlotGrid; readonly mode: HeatmapMode }) {
  const tooltip = useCellTooltip<Key>();
  const active = tooltip.active;
  const activeCell = active ? grid.cell(active.weekday, active.slot) : null;
  return (
    <div className="qa-heat-wrap" ref={tooltip.containerRef} onMouseLeave={tooltip.hide}>
      <table className="qa-heat qa-heat-time" data-testid="heatmap-time-grid" aria-label={`${mode === 'pnl' ? 'PnL' : 'Mean regret'} by entry time and weekday`}>
        <thead>
          <tr>
            <th scope="col" className="qa-heat-corner">
              <abbr title="Entry time, New York">ET</abbr>
            </th>
            {WEEKDAYS.map((day) => (
              <th key={day.day} scope="col">
                {day.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {SESSION_SLOTS.map((slot) => (
            <tr key={slot}>
              <th scope="row" className="qa-heat-rowhead qa-heat-slot num">
                {slot}
              </th>
              {WEEKDAYS.map((day) => {
                const cell = grid.cell(day.day, slot);
                return (
                  <TimeCell
                    key={day.day}
                    cell={cell}
                    mode={mode}
                    maxAbsPnl={grid.maxAbsPnl}
                    label={`${DAY_NAMES[day.day] ?? day.label} ${slotRange(slot)}`}
                    testId={`heat-time-${day.day}-${slot.replace(':', '')}`}
                    onShow={(element) => tooltip.show({ weekday: day.day, slot }, element)}
                    onHide={tooltip.hide}
                  />
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {active && activeCell ? (
        <FloatingTooltip position={tooltip.position}>
          <SlotTooltip cell={activeCell} title={`${DAY_NAMES[active.weekday] ?? ''} ${slotRange(active.slot)} ET`} />
        </FloatingTooltip>
      ) : null}
    </div>
  );
}

type TimeCellProps = {
  readonly cell: SlotCell | null;
  readonly mode: HeatmapMode;
  readonly maxAbsPnl: number;
  readonly label: string;
  readonly testId: string;
  readonly onShow: (element: HTMLElement) => void;
  readonly onHide: () => void;
};

function TimeCell({ cell, mode, maxAbsPnl, label, testId, onShow, onHide }: TimeCellProps) {
  if (!cell || cell.trades === 0) {
    return <td className="qa-heat-cell qa-heat-empty" aria-label={`${label}: no trades`} data-testid={testId} onMouseEnter={onHide} />;
  }
  const fill = mode === 'pnl' ? pnlFill(cell.pnl, maxAbsPnl) : regretFill(cell.mean_regret, cell.trades);
  const value = mode === 'pnl' ? compactMoney(cell.pnl) : regret(cell.mean_regret);
  return (
    <td
      className="qa-heat-cell"
      style={{ background: fill }}
      tabIndex={0}
      aria-label={`${label}: ${plural(cell.trades, 'trade')}, PnL ${money(cell.pnl)}, mean regret ${regret(cell.mean_regret)}`}
      data-testid={testId}
      onMouseEnter={(event) => onShow(event.currentTarget)}
      onFocus={(event) => onShow(event.currentTarget)}
      onBlur={onHide}
    >
      <span className="qa-heat-value num">{value}</span>
      <span className="qa-heat-n num">n {cell.trades}</span>
    </td>
  );
}

function SlotTooltip({ cell, title }: { readonly cell: SlotCell; readonly title: string }) {
  return (
    <TooltipBox title={title} testId="heatmap-tooltip">
      <TooltipLine label="Trades (n)" value={String(cell.trades)} />
      <TooltipLine label="PnL" value={money(cell.pnl)} tone={pnlTone(cell.pnl)} />
      <TooltipLine label="Mean regret" value={regret(cell.mean_regret)} />
      {cell.best ? <TooltipLine label={`Best ${cell.best.trade_id}`} value={money(cell.best.pnl)} tone={pnlTone(cell.best.pnl)} /> : null}
      {cell.worst && cell.trades > 1 ? (
        <TooltipLine label={`Worst ${cell.worst.trade_id}`} value={money(cell.worst.pnl)} tone={pnlTone(cell.worst.pnl)} />
      ) : null}
    </TooltipBox>
  );
}
