import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RegretDimension } from '../../../shared/domain/journal.ts';
import { AXIS_LINE, AXIS_TICK, CHART_MARGIN, GRID_STROKE } from '../../charts/axis.ts';
import { hoveredRow, TooltipBox, TooltipLine, type TooltipProps } from '../../charts/ChartTooltip.tsx';
import { DIMENSION_SERIES } from '../../charts/palette.ts';
import { plural, regret } from '../../format.ts';
import { dimensionLabel } from '../../labels.ts';
import type { RegretBucket, RegretChartRow } from '../../state/regret.ts';

export type RegretOverTimeProps = {
  readonly rows: readonly RegretChartRow[];
  readonly dimensions: readonly RegretDimension[];
  readonly bucket: RegretBucket;
};

const BUCKET_WORD: Readonly<Record<RegretBucket, string>> = { day: 'Day', week: 'Week of', month: 'Month' };

/** Mean of each shown regret dimension per period; a period without scores breaks the line. */
export function RegretOverTime({ rows, dimensions, bucket }: RegretOverTimeProps) {
  return (
    <div className="qa-chart" data-testid="regret-over-time-chart">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height: 300 }}>
        <LineChart data={[...rows]} margin={CHART_MARGIN}>
          <CartesianGrid stroke={GRID_STROKE} vertical={false} />
          <XAxis dataKey="period" tick={AXIS_TICK} axisLine={AXIS_LINE} tickLine={false} minTickGap={24} padding={{ left: 16, right: 16 }} />
          <YAxis domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tick={AXIS_TICK} axisLine={false} tickLine={false} width={36} />
          <Tooltip
            cursor={{ stroke: 'var(--border)' }}
            content={(props: TooltipProps) => <OverTimeTooltip {...props} dimensions={dimensions} bucket={bucket} />}
          />
          {dimensions.map((dimension) => (
            <Line
              key={dimension}
              type="monotone"
              name={dimensionLabel(dimension)}
              dataKey={(row: RegretChartRow) => row.means[dimension]}
              stroke={DIMENSION_SERIES[dimension].color}
              strokeDasharray={DIMENSION_SERIES[dimension].dash}
              strokeWidth={2}
              dot={{ r: 3, fill: DIMENSION_SERIES[dimension].color, strokeWidth: 0 }}
              activeDot={{ r: 5 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

function OverTimeTooltip(props: TooltipProps & { readonly dimensions: readonly RegretDimension[]; readonly bucket: RegretBucket }) {
  const row = hoveredRow<RegretChartRow>(props);
  if (!row) return null;
  const ordered = [...props.dimensions].sort((a, b) => (row.means[b] ?? -1) - (row.means[a] ?? -1));
  return (
    <TooltipBox title={`${BUCKET_WORD[props.bucket]} ${row.period} · ${plural(row.trades, 'trade')}`}>
      {ordered.map((dimension) => (
        <TooltipLine
          key={dimension}
          swatch={DIMENSION_SERIES[dimension].color}
          label={dimensionLabel(dimension)}
          value={row.counts[dimension] > 0 ? `${regret(row.means[dimension])}  n=${row.counts[dimension]}` : 'not scored'}
        />
      ))}
    </TooltipBox>
  );
}
