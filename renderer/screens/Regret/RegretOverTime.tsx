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
/** A period's start as epoch ms: "2025-03-10" (day, week of) or "2025-03" (month). */
export function periodTime(period: string): number {
  return Date.parse(/^\d{4}-\d{2}$/.test(period) ? `${period}-01T12:00:00Z` : `${period}T12:00:00Z`);
}

/** Mean of each shown regret dimension per period, on a continuous time axis; a period without scores breaks the line. */
export function RegretOverTime({ rows, dimensions, bucket }: RegretOverTimeProps) {
  const data = rows.map((row) => ({ ...row, time: periodTime(row.period) }));
  const first = data[0]?.time ?? 0;
  const last = data[data.length - 1]?.time ?? first;
  const spanDays = (last - first) / 86_400_000;
  const tick = (value: number): string => new Date(value).toISOString().slice(0, spanDays > 400 || bucket === 'month' ? 7 : 10);
  // Dots only while they can be told apart; a long range reads as lines.
  const dots = data.length <= 60;
  return (
    <div className="qa-chart" data-testid="regret-over-time-chart">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height: 300 }}>
        <LineChart data={data} margin={CHART_MARGIN}>
          <CartesianGrid stroke={GRID_STROKE} vertical={false} />
          <XAxis
            dataKey="time"
            type="number"
            scale="time"
            domain={first === last ? [first - 86_400_000, last + 86_400_000] : [first, last]}
            tickFormatter={tick}
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            tickLine={false}
            minTickGap={32}
            padding={{ left: 16, right: 16 }}
          />
          <YAxis domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tick={AXIS_TICK} axisLine={false} tickLine={false} width={36} />
          <Tooltip
            cursor={{ stroke: 'var(--border)' }}
            content={(props: TooltipProps) => <OverTimeTooltip {...props} dimensions={dimensions} bucket={bucket} />}
          />
          {dimensions.map((dimension) => (
            <Line
              key={dimension}
              type="linear"
              name={dimensionLabel(dimension)}
              dataKey={(row: RegretChartRow) => row.means[dimension]}
              stroke={DIMENSION_SERIES[dimension].color}
              strokeDasharray={DIMENSION_SERIES[dimension].dash}
              strokeWidth={2}
              dot={dots ? { r: 3, fill: DIMENSION_SERIES[dimension].color, strokeWidth: 0 } : false}
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
