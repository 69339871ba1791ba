import { useMemo } from 'react';
import type { CalendarDay } from '../../../shared/ipc/schemas.ts';
import { compactMoney } from '../../charts/compact.ts';
import { Panel } from '../../components/Panel.tsx';
import { money, plural, pnlTone, regret, regretColor } from '../../format.ts';
import { pnlFill } from '../../state/heatmap.ts';
import { monthGrid, shiftMonth, type CalendarCell } from './calendarGrid.ts';

export type CalendarPanelProps = {
  readonly days: readonly CalendarDay[];
  readonly month: string;
  readonly latest: string | null;
  readonly selected: string | null;
  readonly onMonth: (month: string) => void;
  readonly onDay: (date: string) => void;
};

const HEADINGS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** Daily PnL (cell colour) and mean regret (the small bar) for one month; a day click filters the trades. */
export function CalendarPanel({ days, month, latest, selected, onMonth, onDay }: CalendarPanelProps) {
  const grid = useMemo(() => monthGrid(month, days), [month, days]);
  const maxAbsPnl = useMemo(
    () => Math.max(0, ...grid.weeks.flatMap((week) => week.cells.map((cell) => Math.abs(cell.day?.pnl ?? 0)))),
    [grid],
  );
  return (
    <Panel
      title="Calendar"
      testId="journal-calendar"
      actions={
        <div className="qa-month-nav">
          <button type="button" className="btn btn-ghost btn-icon" aria-label="Previous month" onClick={() => onMonth(shiftMonth(month, -1))} data-testid="calendar-prev">
            ‹
          </button>
          <span className="qa-month-title" data-testid="calendar-month">
            {grid.title}
          </span>
          <button type="button" className="btn btn-ghost btn-icon" aria-label="Next month" onClick={() => onMonth(shiftMonth(month, 1))} data-testid="calendar-next">
            ›
          </button>
          {latest !== null && latest !== month ? (
            <button type="button" className="btn btn-small" onClick={() => onMonth(latest)}>
              Latest
            </button>
          ) : null}
        </div>
      }
    >
      <div className="qa-month-stats num">
        <span className={pnlTone(grid.pnl)}>{money(grid.pnl)}</span>
        <span>{plural(grid.trades, 'trade')}</span>
        <span>{plural(grid.tradingDays, 'trading day')}</span>
        <span>
          <span className="good">{grid.greenDays} green</span> · <span className="bad">{grid.redDays} red</span>
        </span>
      </div>
      <div className="qa-calendar" role="grid" aria-label={`Journal calendar, ${grid.title}`}>
        <div className="qa-cal-row qa-cal-head" role="row">
          {HEADINGS.map((heading) => (
            <span key={heading} role="columnheader" className="qa-cal-heading">
              {heading}
            </span>
          ))}
          <span role="columnheader" className="qa-cal-heading">
            Week
          </span>
        </div>
        {grid.weeks.map((week) => (
          <div key={week.cells[0]?.date} className="qa-cal-row" role="row">
            {week.cells.map((cell) => (
              <DayCell key={cell.date} cell={cell} maxAbsPnl={maxAbsPnl} selected={cell.date === selected} onDay={onDay} />
            ))}
            <span role="gridcell" className="qa-cal-week num">
              {week.trades > 0 ? (
                <>
                  <span className={pnlTone(week.pnl)}>{compactMoney(week.pnl)}</span>
                  <span className="qa-cal-sub">{plural(week.trades, 'trade')}</span>
                </>
              ) : null}
            </span>
          </div>
        ))}
      </div>
      <p className="qa-note">Colour: the day's PnL. Bar: the day's mean regret (scored dimensions only). Click a day to filter the trades below; click it again to clear.</p>
    </Panel>
  );
}

function DayCell({
  cell,
  maxAbsPnl,
  selected,
  onDay,
}: {
  readonly cell: CalendarCell;
  readonly maxAbsPnl: number;
  readonly selected: boolean;
  readonly onDay: (date: string) => void;
}) {
  const classes = ['qa-cal-day', cell.inMonth ? '' : 'qa-cal-out', cell.weekend ? 'qa-cal-weekend' : '', selected ? 'qa-cal-selected' : '']
    .filter(Boolean)
    .join(' ');
  const day = cell.day;
  if (!day || day.trades === 0) {
    return (
      <span role="gridcell" className={`${classes} qa-cal-empty`} aria-label={`${cell.date}: no trades`}>
        <span className="qa-cal-date num">{cell.dayOfMonth}</span>
      </span>
    );
  }
  return (
    <span role="gridcell" className="qa-cal-gridcell">
      <button
        type="button"
        className={classes}
        style={{ background: pnlFill(day.pnl, maxAbsPnl) }}
        aria-pressed={selected}
        aria-label={`${cell.date}: ${money(day.pnl)}, ${plural(day.trades, 'trade')}, ${day.wins} won, ${day.losses} lost, mean regret ${regret(day.mean_regret)}`}
        title={`${cell.date} · ${money(day.pnl)} · ${plural(day.trades, 'trade')} (${day.wins}W/${day.losses}L) · mean regret ${regret(day.mean_regret)}`}
        onClick={() => onDay(cell.date)}
        data-testid={`calendar-day-${cell.date}`}
      >
        <span className="qa-cal-top">
          <span className="qa-cal-date num">{cell.dayOfMonth}</span>
          <span className="qa-cal-sub num">{day.trades}</span>
        </span>
        <span className="qa-cal-pnl num">{compactMoney(day.pnl)}</span>
        <span className="qa-cal-regret" aria-hidden="true">
          <span className="qa-cal-regret-fill" style={{ width: `${(day.mean_regret ?? 0) * 100}%`, background: regretColor(day.mean_regret) }} />
        </span>
      </button>
    </span>
  );
}
