// Renders one echarts option into a div, resizing with its container. Loaded lazily
// through Chart.tsx; do not import this file directly from screens.
import { useEffect, useRef } from 'react';
import { echarts } from './echarts-setup.ts';
import type { ChartOption } from './types.ts';

export default function EChart({ option, height }: { option: ChartOption; height: number }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | undefined>(undefined);
  useEffect(() => {
    const node = el.current;
    if (node === null) return;
    const c = echarts.init(node, undefined, { renderer: 'svg' });
    chart.current = c;
    const ro = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => c.resize());
    ro?.observe(node);
    return () => {
      ro?.disconnect();
      c.dispose();
      chart.current = undefined;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return <div ref={el} style={{ width: '100%', height }} aria-hidden="true" />;
}
