/**
 * A symbol's chart for the exposure drill-down: its mid price with the desk's trades as markers
 * (buys below, sells above), and beneath it the broker's net exposure in the symbol over time.
 * History comes from the core's `charts.symbol` (the last half hour); new points are appended
 * with `series.update` every second, never by redrawing the chart.
 */
import {
  createChart,
  createSeriesMarkers,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  LineSeries,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import type { DeskApi, RequestOutput } from '../../../shared/contract';

type ChartData = RequestOutput<'charts.symbol'>;

export interface SymbolChartProps {
  desk: DeskApi;
  server: string;
  symbol: string;
}

const REFRESH_MS = 1_000;
const seconds = (timeMsc: number) => Math.floor(timeMsc / 1000) as UTCTimestamp;

const theme = {
  layout: { background: { color: '#111418' }, textColor: '#aeb6c2' },
  grid: { vertLines: { color: '#1c2128' }, horzLines: { color: '#1c2128' } },
  timeScale: { timeVisible: true, secondsVisible: true },
  autoSize: true,
} as const;

export function SymbolChart({ desk, server, symbol }: SymbolChartProps) {
  const priceRef = useRef<HTMLDivElement>(null);
  const exposureRef = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!priceRef.current || !exposureRef.current) return;
    const priceChart: IChartApi = createChart(priceRef.current, theme);
    const exposureChart: IChartApi = createChart(exposureRef.current, theme);
    const price: ISeriesApi<'Line'> = priceChart.addSeries(LineSeries, { color: '#4ea1ff', lineWidth: 2 });
    const exposure: ISeriesApi<'Line'> = exposureChart.addSeries(LineSeries, {
      color: '#f0b429',
      lineWidth: 2,
      priceFormat: { type: 'custom', formatter: (v: number) => Math.round(v).toLocaleString('en-US') },
    });
    const markers: ISeriesMarkersPluginApi<Time> = createSeriesMarkers(price, []);
    let lastPrice = 0;
    let lastExposure = 0;
    let disposed = false;

    const draw = (data: ChartData) => {
      const prices = data.prices.filter((p) => seconds(p.timeMsc) > lastPrice);
      if (lastPrice === 0) price.setData(prices.map((p) => ({ time: seconds(p.timeMsc), value: p.price })));
      else for (const p of prices) price.update({ time: seconds(p.timeMsc), value: p.price });
      lastPrice = seconds(data.prices.at(-1)?.timeMsc ?? 0) || lastPrice;

      // Exposure is sampled twice a second; the chart keeps the second's last sample.
      const bySecond = new Map<number, number>();
      for (const e of data.exposure) bySecond.set(seconds(e.timeMsc), e.brokerNetNotional / 100);
      const points = [...bySecond].filter(([t]) => t > lastExposure);
      if (lastExposure === 0) exposure.setData(points.map(([t, v]) => ({ time: t as UTCTimestamp, value: v })));
      else for (const [t, v] of points) exposure.update({ time: t as UTCTimestamp, value: v });
      lastExposure = points.at(-1)?.[0] ?? lastExposure;

      const first = data.prices[0]?.timeMsc ?? 0;
      markers.setMarkers(
        data.trades
          .filter((t) => t.timeMsc >= first)
          .map(
            (t): SeriesMarker<Time> => ({
              time: seconds(t.timeMsc),
              position: t.side === 'buy' ? 'belowBar' : 'aboveBar',
              shape: t.side === 'buy' ? 'arrowUp' : 'arrowDown',
              color: t.side === 'buy' ? '#3fb950' : '#f85149',
              text: `${t.side} ${t.lots}`,
            }),
          ),
      );
    };

    const refresh = async () => {
      const reply = await desk['charts.symbol']({ server, symbol });
      if (disposed) return;
      if (!reply.ok) {
        setProblem(reply.error.message);
        return;
      }
      setProblem(null);
      draw(reply.value);
    };
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      disposed = true;
      clearInterval(timer);
      priceChart.remove();
      exposureChart.remove();
    };
  }, [desk, server, symbol]);

  return (
    <div className="symbol-chart" data-testid="symbol-chart">
      <div className="symbol-chart-title">
        {symbol} · mid price with the desk's trades
        {problem && <span className="symbol-chart-problem"> — {problem}</span>}
      </div>
      <div ref={priceRef} className="symbol-chart-pane" data-testid="symbol-chart-price" />
      <div className="symbol-chart-title">Broker net exposure ({server})</div>
      <div ref={exposureRef} className="symbol-chart-pane small" data-testid="symbol-chart-exposure" />
    </div>
  );
}
