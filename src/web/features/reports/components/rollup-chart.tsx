// The ES module build: the CommonJS one (lib/) reaches the bundle as an object, not a component.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// The bar chart of one figure per organisation on the home page's 下属单位主要数据. Only the parts of
// ECharts it draws with are registered, and the card loads this file on demand, so the chart library
// stays out of the app's first download.
echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface RollupChartProps {
  /** The organisations, in the table's order. */
  names: string[];
  values: number[];
  /** The figure's header, e.g. 立项资金（万元）. */
  label: string;
}

export default function RollupChart({ names, values, label }: RollupChartProps) {
  const option = {
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', name: label, nameTextStyle: { align: 'left' }, minInterval: 1 },
    series: [{ type: 'bar', name: label, data: values, barMaxWidth: 36, itemStyle: { color: '#1f4e99' }, label: { show: true, position: 'top' } }],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 280 }} aria-label={`${label}柱状图`} />;
}
