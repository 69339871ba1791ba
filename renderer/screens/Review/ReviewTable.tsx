import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { JournalEntry } from '../../../shared/domain/journal.ts';
import { RegretStrip } from '../../components/RegretStrip.tsx';
import { blockRange } from '../../charts/timeBlocks.ts';
import { contractLabel, etDateTime, etShortDateTime, money, pnlTone } from '../../format.ts';
import { archetypeLabel, finalLabelName, flagLabel, timeBlockLabel } from '../../labels.ts';
import { selectTrade, toggleSort, type Sort, type SortKey } from '../../state/review.ts';

export const ROW_HEIGHT = 30;

const COLUMNS: readonly { readonly key: SortKey | 'flags'; readonly label: string; readonly numeric?: boolean; readonly title?: string }[] = [
  { key: 'time', label: 'Entry' },
  { key: 'contract', label: 'Contract' },
  { key: 'side', label: 'Side' },
  { key: 'qty', label: 'Qty', numeric: true },
  { key: 'pnl', label: 'PnL', numeric: true },
  { key: 'label', label: 'Label' },
  { key: 'archetype', label: 'Archetype' },
  { key: 'regret', label: 'Regret' },
  { key: 'block', label: 'Block' },
  { key: 'source', label: 'Source' },
  { key: 'flags', label: '⚑', title: 'Flags (● = mesh conflict)' },
];

export type ReviewTableProps = {
  readonly entries: readonly JournalEntry[];
  readonly selectedId: string | null;
  readonly sort: Sort;
  readonly saving: readonly string[];
  readonly confirmed: readonly string[];
};

/**
 * The staged batch, virtualised so thousands of rows scroll smoothly: only the rows in view (plus a few)
 * are in the DOM. The selected row is kept in view as j/k move it.
 */
export function ReviewTable({ entries, selectedId, sort, saving, confirmed }: ReviewTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 900, height: 600 },
    // The sticky header row covers the top of the scroll area.
    scrollPaddingStart: ROW_HEIGHT,
  });
  const selectedIndex = entries.findIndex((entry) => entry.id === selectedId);

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  return (
    <div className="review-table" role="grid" aria-label="Staged trades" aria-rowcount={entries.length + 1} ref={scrollRef} data-testid="review-table">
      <div className="review-row review-head" role="row" aria-rowindex={1}>
        {COLUMNS.map((column) => {
          const sortable = column.key !== 'flags';
          const active = sort.key === column.key;
          return (
            <div
              key={column.key}
              role="columnheader"
              className={column.numeric ? 'cell num' : 'cell'}
              aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
            >
              {sortable ? (
                <button type="button" className="sort-button" onClick={() => toggleSort(column.key as SortKey)} data-testid={`sort-${column.key}`}>
                  {column.label}
                  <span className="sort-mark" aria-hidden="true">
                    {active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              ) : (
                <span title={column.title} aria-label={column.title}>
                  {column.label}
                </span>
              )}
            </div>
          );
        })}
      </div>
      <div className="review-body" style={{ height: virtualizer.getTotalSize() }}>
        <div>
          {virtualizer.getVirtualItems().map((item) => {
            const entry = entries[item.index];
            if (!entry) return null;
            const selected = entry.id === selectedId;
            const classes = ['review-row', selected ? 'selected' : '', entry.label_source === 'manual' ? 'overridden' : '', confirmed.includes(entry.id) ? 'confirmed' : '']
              .filter(Boolean)
              .join(' ');
            return (
              <div
                key={entry.id}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                className={classes}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={() => selectTrade(entry.id)}
                data-testid="review-row"
                data-trade-id={entry.id}
              >
                <div role="gridcell" className="cell num" title={etDateTime(entry.entry_time)}>
                  {etShortDateTime(entry.entry_time)}
                </div>
                <div role="gridcell" className="cell contract" title={entry.trade.legs ? `${entry.trade.strategy ?? 'multi-leg'}: ${entry.trade.legs.map((leg) => `${leg.side === 'long' ? '+' : '−'}${leg.qty} ${contractLabel(leg)}`).join(', ')}` : undefined}>
                  {contractLabel(entry.trade)}
                  {entry.trade.legs ? <span className="muted"> +{entry.trade.legs.length - 1}</span> : null}
                </div>
                <div role="gridcell" className="cell muted">
                  {entry.trade.side}
                </div>
                <div role="gridcell" className="cell num">
                  {entry.trade.qty}
                </div>
                <div role="gridcell" className={`cell num ${pnlTone(entry.pnl)}`}>
                  {money(entry.pnl)}
                </div>
                <div role="gridcell" className={`cell label-${entry.final_label}`} data-testid="row-label" title={finalLabelName(entry.final_label)}>
                  {finalLabelName(entry.final_label)}
                </div>
                <div role="gridcell" className="cell" data-testid="row-archetype" title={archetypeLabel(entry.setup_archetype)}>
                  {archetypeLabel(entry.setup_archetype)}
                </div>
                <div role="gridcell" className="cell">
                  <RegretStrip scores={entry} />
                </div>
                <div role="gridcell" className="cell muted" title={`${timeBlockLabel(entry.time_block)} · ${blockRange(entry.time_block)}`}>
                  {timeBlockLabel(entry.time_block, { short: true })}
                </div>
                <div role="gridcell" className={entry.label_source === 'manual' ? 'cell warn' : 'cell muted'} data-testid="row-source">
                  {saving.includes(entry.id) ? '…' : entry.label_source}
                </div>
                <div role="gridcell" className="cell" title={flagsTitle(entry.flags)} data-testid="row-flags">
                  {entry.mesh_conflict ? <span className="flag-dot bad" aria-label="mesh conflict">●</span> : null}
                  {entry.flags.length > 0 ? <span className="muted num" aria-label={`${entry.flags.length} flags`}>{entry.flags.length}</span> : null}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** The row's flags as a trader reads them, one per line, for the flag column's tooltip. */
export function flagsTitle(flags: readonly string[]): string | undefined {
  return flags.length > 0 ? flags.map(flagLabel).join('\n') : undefined;
}
