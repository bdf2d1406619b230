import type { ChartData } from '../../../../preload/contract';

type T = (key: string) => string;

/**
 * The ECharts option for a chart (pure, so tests check it without a canvas):
 * bars of net sales per hour / day / operator, or a pie of the tender mix.
 * Labels follow the app language through `t`; amounts in yuan.
 */
export function chartOption(data: ChartData, t: T) {
  const yuan = (fen: number) => Math.round(fen) / 100;
  if (data.kind === 'tender') {
    return {
      animation: false,
      title: { text: t('reports.chart.tender'), left: 'center' },
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          name: t('reports.chart.net'),
          radius: '60%',
          data: data.buckets.map((b) => ({
            name: t(`history.tenders.${b.key}`),
            value: yuan(b.netFen),
          })),
        },
      ],
    };
  }
  const labels = data.buckets.map((b) =>
    data.kind === 'byHour'
      ? `${b.key}${t('reports.chart.hour')}`
      : data.kind === 'byDay'
        ? b.key.slice(5)
        : b.key,
  );
  return {
    animation: false,
    title: { text: t(`reports.chart.${data.kind}`), left: 'center' },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 60, right: 20, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value', name: t('reports.chart.net') },
    series: [
      {
        type: 'bar',
        name: t('reports.chart.sales'),
        data: data.buckets.map((b) => yuan(b.salesFen)),
      },
      {
        type: 'bar',
        name: t('reports.chart.credits'),
        data: data.buckets.map((b) => yuan(b.creditsFen)),
      },
      {
        type: 'line',
        name: t('reports.chart.net'),
        data: data.buckets.map((b) => yuan(b.netFen)),
      },
    ],
  };
}
