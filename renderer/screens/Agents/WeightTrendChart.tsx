import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { INITIAL_WEIGHT } from '../../../shared/engine/reinforcement.ts';
import { AXIS_LINE, AXIS_TICK, CHART_MARGIN, GRID_STROKE } from '../../charts/axis.ts';
import { hoveredRow, TooltipBox, TooltipLine, type TooltipProps } from '../../charts/ChartTooltip.tsx';
import { agentSeries } from '../../charts/palette.ts';
import { etDateTime, num } from '../../format.ts';
import { weightAxis, type WeightSeries, type WeightStep } from '../../state/agents.ts';

export type WeightTrendChartProps = {
  readonly series: WeightSeries;
  readonly hidden: readonly string[];
};

/** Reinforcement weight of each agent after each committed trade (x = trade number in exit order). */
export function WeightTrendChart({ series, hidden }: WeightTrendChartProps) {
  const axis = weightAxis(series);
  return (
    <div className="qa-chart" data-testid="agents-weight-chart">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height: 300 }}>
        <LineChart data={[...series.steps]} margin={{ ...CHART_MARGIN, right: 40 }}>
          <CartesianGrid stroke={GRID_STROKE} vertical={false} />
          <XAxis
            dataKey="seq"
            type="number"
            domain={[0, Math.max(1, series.steps.length - 1)]}
            allowDecimals={false}
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            tickLine={false}
            label={{ value: 'committed trade #', position: 'insideBottomRight', offset: -2, fill: 'var(--text-muted)', fontSize: 11 }}
            height={36}
          />
          <YAxis domain={axis.domain} ticks={[...axis.ticks]} tick={AXIS_TICK} axisLine={false} tickLine={false} width={40} tickFormatter={(value: number) => value.toFixed(2)} />
          <ReferenceLine y={INITIAL_WEIGHT} stroke="var(--text-muted)" strokeDasharray="4 4" label={{ value: INITIAL_WEIGHT.toFixed(2), position: 'right', fill: 'var(--text-muted)', fontSize: 10 }} />
          <Tooltip cursor={{ stroke: 'var(--border)' }} content={(props: TooltipProps) => <StepTooltip {...props} series={series} hidden={hidden} />} />
          {series.agents.map((agent, index) =>
            hidden.includes(agent) ? null : (
              <Line
                key={agent}
                type="stepAfter"
                name={agent}
                dataKey={(step: WeightStep) => step.weights[agent]}
                stroke={agentSeries(index).color}
                strokeDasharray={agentSeries(index).dash}
                strokeWidth={2}
                dot={series.steps.length <= 40 ? { r: 2.5, fill: agentSeries(index).color, strokeWidth: 0 } : false}
                activeDot={{ r: 4 }}
                isAnimationActive={false}
              />
            ),
          )}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

function StepTooltip(props: TooltipProps & { readonly series: WeightSeries; readonly hidden: readonly string[] }) {
  const step = hoveredRow<WeightStep>(props);
  if (!step) return null;
  const title = step.trade_id === null ? 'Start (before the first committed trade)' : `#${step.seq} · ${step.trade_id}`;
  return (
    <TooltipBox title={title}>
      {step.time ? <p className="qa-tooltip-hint">exit {etDateTime(step.time)}</p> : null}
      {props.series.agents.map((agent, index) =>
        props.hidden.includes(agent) ? null : (
          <TooltipLine
            key={agent}
            swatch={agentSeries(index).color}
            label={step.moved.includes(agent) ? `${agent} •` : agent}
            value={num(step.weights[agent] ?? null, 3)}
          />
        ),
      )}
      {step.trade_id !== null ? <p className="qa-tooltip-hint">• moved by this trade</p> : null}
    </TooltipBox>
  );
}
