import { useEffect, useRef } from 'react';
import { CandlestickSeries, createChart, createSeriesMarkers, LineSeries, LineStyle, type UTCTimestamp } from 'lightweight-charts';
import type { ThemeColors } from '../../components/useThemeColors.ts';
import { etTime } from '../../format.ts';
import type { ChartLevel, ChartModel } from './chartData.ts';

const seconds = (ms: number): UTCTimestamp => Math.floor(ms / 1000) as UTCTimestamp;

/** The bar whose minute holds `ms` (or the nearest before it): markers sit on a bar of the series. */
function barTime(model: ChartModel, ms: number): UTCTimestamp {
  let found = model.points[0]?.t ?? ms;
  for (const point of model.points) if (point.t <= ms) found = point.t;
  return seconds(found);
}

function canDrawCanvas(): boolean {
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
}

export function levelColor(key: ChartLevel['key'], colors: ThemeColors): string {
  if (key === 'vwap') return colors.info;
  if (key === 'max_pain') return colors.warn;
  return colors.bad;
}

/**
 * Candlesticks of the underlying (TradingView's lightweight-charts, on a canvas) with the session VWAP,
 * entry and exit markers and the levels the scores used as price lines. Times shown in New York time.
 * Where no 2D canvas exists (a test DOM) the box stays empty and the legend beside it says everything.
 */
export function CandleChart({ model, colors, height }: { readonly model: ChartModel; readonly colors: ThemeColors; readonly height: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    // lightweight-charts draws on a 2D canvas; without one (a test DOM) it fails later, asynchronously.
    if (!element || !canDrawCanvas()) return undefined;
    let chart: ReturnType<typeof createChart> | null = null;
    try {
      chart = createChart(element, {
        autoSize: true,
        layout: { background: { color: colors.panel }, textColor: colors.textMuted, fontSize: 11, attributionLogo: false },
        grid: { vertLines: { color: colors.grid }, horzLines: { color: colors.grid } },
        rightPriceScale: { borderColor: colors.border },
        timeScale: { borderColor: colors.border, timeVisible: true, secondsVisible: false, tickMarkFormatter: (time: number) => etTime(time * 1000) },
        localization: { timeFormatter: (time: number) => `${etTime(time * 1000)} ET` },
        crosshair: { mode: 0 },
      });
      const candles = chart.addSeries(CandlestickSeries, {
        upColor: colors.good,
        downColor: colors.bad,
        borderVisible: false,
        wickUpColor: colors.good,
        wickDownColor: colors.bad,
        priceLineVisible: false,
      });
      candles.setData(model.points.map((point) => ({ time: seconds(point.t), open: point.open, high: point.high, low: point.low, close: point.close })));
      const vwap = chart.addSeries(LineSeries, { color: colors.info, lineWidth: 1, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false, title: 'VWAP' });
      vwap.setData(model.points.flatMap((point) => (point.vwap === null ? [] : [{ time: seconds(point.t), value: point.vwap }])));
      for (const level of model.levels) {
        if (level.offChart) continue;
        candles.createPriceLine({ price: level.value, color: levelColor(level.key, colors), lineWidth: 1, lineStyle: level.key === 'trap' ? LineStyle.Dashed : LineStyle.Dotted, axisLabelVisible: true, title: level.label });
      }
      createSeriesMarkers(candles, [
        { time: barTime(model, model.entryMs), position: 'belowBar', color: colors.good, shape: 'arrowUp', text: 'Entry' },
        { time: barTime(model, model.exitMs), position: 'aboveBar', color: colors.bad, shape: 'arrowDown', text: 'Exit' },
      ]);
      chart.timeScale().fitContent();
    } catch {
      // A chart that cannot be drawn leaves the box empty; the legend carries the figures.
    }
    return () => chart?.remove();
  }, [model, colors]);
  return <div ref={box} className="trade-chart-canvas" style={{ height }} data-testid="candle-chart" aria-label="Candlestick chart of the underlying around the trade" role="img" />;
}
