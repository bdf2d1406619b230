import { BarChart, LineChart, PieChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartData } from '../../../../preload/contract';
import { chartOption } from './chart-option';

// Only the parts used, so the bundle stays small; SVG renders in jsdom too.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

/** One chart of report data, redrawn when the data or the language changes. */
export function ReportChart({ data }: { data: ChartData }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'svg', width: 720, height: 360 });
    chart.setOption(chartOption(data, (k) => t(k)));
    return () => chart.dispose();
  }, [data, t, i18n.language]);
  return <div ref={ref} className="report-chart" data-testid="chart" data-kind={data.kind} />;
}
