// The one place echarts is assembled: only the chart types and components the screens use,
// so the chart chunk stays small, and it is loaded lazily (Chart.tsx) so the first
// dashboard numbers never wait for it. SVG renderer: crisp on phones, cheap to redraw.
import { BarChart, LineChart } from 'echarts/charts';
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  LineChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DatasetComponent,
  MarkLineComponent,
  MarkAreaComponent,
  SVGRenderer,
]);

export { echarts };
