import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { JournalEntry } from '../../../shared/domain/journal.ts';
import { meanRegret, tradingDay } from '../../../shared/ipc/views.ts';
import { Badge } from '../../components/Badge.tsx';
import { RegretStrip } from '../../components/RegretStrip.tsx';
import { contractLabel, duration, etTime, money, pct, pnlTone, regret } from '../../format.ts';
import { archetypeLabel, finalLabelName, timeBlockLabel } from '../../labels.ts';
import { LABEL_TONE } from './labelTone.ts';

const ROW_HEIGHT = 32;
const COLUMNS = ['Day', 'Entry', 'Exit', 'Held', 'Contract', 'Side', 'PnL', 'Block', 'Archetype', 'Label', 'Regret', 'Mesh', 'Agents'] as const;
const NUMERIC = new Set(['Entry', 'Exit', 'Held', 'PnL', 'Mesh']);

/**
 * Committed trades, newest first, as a virtualised table: only the rows in view are in the DOM, so a
 * journal of thousands of scalps scrolls smoothly.
 */
export function TradesTable({ entries, onOpen }: { readonly entries: readonly JournalEntry[]; readonly onOpen?: (id: string) => void }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // A first size before layout is measured (and in tests, where nothing is laid out).
    initialRect: { width: 1200, height: 480 },
  });
  return (
    <div className="qa-vtable" role="table" aria-label="Committed trades" aria-rowcount={entries.length + 1} data-testid="journal-trades-table">
      <div className="qa-vtable-scroll" ref={scrollRef}>
        <div className="qa-vrow qa-vhead" role="row" aria-rowindex={1}>
          {COLUMNS.map((column) => (
            <span key={column} role="columnheader" className={NUMERIC.has(column) ? 'qa-vcell num' : 'qa-vcell'}>
              {column}
            </span>
          ))}
        </div>
        <div className="qa-vbody" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const entry = entries[item.index];
            if (!entry) return null;
            return <TradeRow key={entry.id} entry={entry} index={item.index} top={item.start} onOpen={onOpen} />;
          })}
        </div>
      </div>
    </div>
  );
}

function TradeRow({ entry, index, top, onOpen }: { readonly entry: JournalEntry; readonly index: number; readonly top: number; readonly onOpen?: ((id: string) => void) | undefined }) {
  const trade = entry.trade;
  const overridden = entry.label_source === 'manual' && entry.engine_proposal;
  const proposal = entry.engine_proposal;
  return (
    <div
      className="qa-vrow"
      role="row"
      aria-rowindex={index + 2}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      data-testid="journal-trade-row"
      data-trade-id={entry.id}
      tabIndex={onOpen ? 0 : undefined}
      onClick={onOpen ? () => onOpen(entry.id) : undefined}
      onKeyDown={
        onOpen
          ? (event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                onOpen(entry.id);
              }
            }
          : undefined
      }
      title={entry.note ? `Note: ${entry.note}` : undefined}
    >
      <span role="cell" className="qa-vcell num">
        {tradingDay(entry)}
      </span>
      <span role="cell" className="qa-vcell num">
        {etTime(entry.entry_time)}
      </span>
      <span role="cell" className="qa-vcell num">
        {etTime(entry.exit_time)}
      </span>
      <span role="cell" className="qa-vcell num muted">
        {duration(entry.duration_minutes)}
      </span>
      <span role="cell" className="qa-vcell mono" title={entry.id}>
        {contractLabel(trade)}
      </span>
      <span role="cell" className="qa-vcell">
        {trade.side === 'long' ? 'Long' : 'Short'} ×{trade.qty}
      </span>
      <span role="cell" className={`qa-vcell num ${pnlTone(entry.pnl)}`}>
        {money(entry.pnl)}
      </span>
      <span role="cell" className="qa-vcell" title={entry.time_block ?? 'no time of day'}>
        {timeBlockLabel(entry.time_block)}
      </span>
      <span
        role="cell"
        className="qa-vcell"
        title={
          overridden && proposal && proposal.setup_archetype !== entry.setup_archetype
            ? `${archetypeLabel(entry.setup_archetype)} (overridden; the engine proposed ${archetypeLabel(proposal.setup_archetype)})`
            : archetypeLabel(entry.setup_archetype)
        }
      >
        {archetypeLabel(entry.setup_archetype)}
        {overridden && proposal && proposal.setup_archetype !== entry.setup_archetype ? <span className="qa-manual" aria-label="overridden"> ✎</span> : null}
      </span>
      <span
        role="cell"
        className="qa-vcell"
        title={overridden && proposal && proposal.final_label !== entry.final_label ? `Overridden; the engine proposed ${finalLabelName(proposal.final_label)}` : undefined}
      >
        <Badge tone={LABEL_TONE[entry.final_label]}>{finalLabelName(entry.final_label)}</Badge>
        {overridden && proposal && proposal.final_label !== entry.final_label ? <span className="qa-manual" aria-label="overridden"> ✎</span> : null}
      </span>
      <span role="cell" className="qa-vcell qa-vregret">
        <RegretStrip scores={entry} />
        <span className="num">{regret(meanRegret(entry))}</span>
      </span>
      <span role="cell" className={entry.mesh_conflict ? 'qa-vcell num warn' : 'qa-vcell num'} title={entry.mesh_conflict ? 'Mesh conflict (alignment below 60%)' : undefined}>
        {pct(entry.mesh_alignment)}
      </span>
      <span role="cell" className="qa-vcell qa-vagents" title={entry.agents_involved.join(', ')}>
        {entry.agents_involved.join(', ') || '—'}
      </span>
    </div>
  );
}
