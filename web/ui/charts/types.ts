// The chart option type, importable by screens without importing echarts itself.
import type { EChartsCoreOption } from 'echarts/core';

export type ChartOption = EChartsCoreOption;
