import { REGRET_DIMENSIONS, type RegretDimension, type TimeBlock } from '../../../shared/domain/journal.ts';
import { TooltipBox, TooltipLine } from '../../charts/ChartTooltip.tsx';
import { DIMENSION_HINTS } from '../../charts/dimensions.ts';
import { FloatingTooltip } from '../../charts/FloatingTooltip.tsx';
import { regretFill } from '../../charts/heatFill.ts';
import { blockLabel, blockRange } from '../../charts/timeBlocks.ts';
import { useCellTooltip } from '../../charts/useCellTooltip.ts';
import { DASH, regret } from '../../format.ts';
import { dimensionLabel } from '../../labels.ts';
import type { BlockGrid } from '../../state/heatmap.ts';

type Key = { readonly block: TimeBlock; readonly dimension: RegretDimension };

/** Time block × regret dimension: mean regret coloured on the regret scale, with the n of scores behind it. */
export function BlockDimensionGrid({ grid }: { readonly grid: BlockGrid }) {
  const tooltip = useCellTooltip<Key>();
  const active = tooltip.active;
  const activeCell = active ? grid.cell(active.block, active.dimension) : null;
  return (
    <div className="qa-heat-wrap" ref={tooltip.containerRef} onMouseLeave={tooltip.hide}>
      <table className="qa-heat" data-testid="heatmap-block-grid" aria-label="Mean regret by time block and dimension">
        <thead>
          <tr>
            <th scope="col" className="qa-heat-corner">
              Block
            </th>
            {REGRET_DIMENSIONS.map((dimension) => (
              <th key={dimension} scope="col" title={DIMENSION_HINTS[dimension]}>
                {dimensionLabel(dimension)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.blocks.map((block) => (
            <tr key={block}>
              <th scope="row" className="qa-heat-rowhead">
                <span>{blockLabel(block)}</span>
                <span className="qa-heat-sub">{blockRange(block)}</span>
              </th>
              {REGRET_DIMENSIONS.map((dimension) => {
                const cell = grid.cell(block, dimension);
                const empty = cell.count === 0 || cell.mean === null;
                const label = `${blockLabel(block)}, ${dimensionLabel(dimension)}: ${empty ? 'no scored trades' : `mean ${regret(cell.mean)}, n ${cell.count}`}`;
                return (
                  <td
                    key={dimension}
                    className={empty ? 'qa-heat-cell qa-heat-empty' : 'qa-heat-cell'}
                    style={{ background: regretFill(empty ? null : cell.mean, cell.count) }}
                    tabIndex={empty ? undefined : 0}
                    aria-label={label}
                    data-testid={`heat-block-${block}-${dimension}`}
                    onMouseEnter={(event) => (empty ? tooltip.hide() : tooltip.show({ block, dimension }, event.currentTarget))}
                    onFocus={(event) => tooltip.show({ block, dimension }, event.currentTarget)}
                    onBlur={tooltip.hide}
                  >
                    <span className="qa-heat-value num">{empty ? DASH : regret(cell.mean)}</span>
                    <span className="qa-heat-n num">{empty ? '' : `n ${cell.count}`}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {active && activeCell ? (
        <FloatingTooltip position={tooltip.position}>
          <TooltipBox title={`${blockLabel(active.block)} · ${dimensionLabel(active.dimension)}`} testId="heatmap-tooltip">
            <TooltipLine label="Time" value={blockRange(active.block)} />
            <TooltipLine label="Mean regret" value={regret(activeCell.mean)} />
            <TooltipLine label="Trades scored (n)" value={String(activeCell.count)} />
            <p className="qa-tooltip-hint">{DIMENSION_HINTS[active.dimension]}</p>
          </TooltipBox>
        </FloatingTooltip>
      ) : null}
    </div>
  );
}
