// Syntetos–Boylan–Croston classification (2005): ADI = mean interval between non-zero
// demands, CV² = squared coefficient of variation of the non-zero sizes; cut-offs 1.32 and
// 0.49. Both are scale-free, so scaling a series never changes its class.
import type { DemandClass } from './types.ts';

export const ADI_CUTOFF = 1.32;
export const CV2_CUTOFF = 0.49;

export interface DemandStats {
  readonly demandClass: DemandClass;
  readonly adi: number;
  readonly cv2: number;
  readonly nonZero: number;
  /** Days since the last non-zero demand (0 = demand on the last day). */
  readonly sinceLast: number;
}

export function classifyDemand(y: Float64Array, from: number, to: number): DemandStats {
  let nonZero = 0;
  let sum = 0;
  let sumSq = 0;
  let last = -1;
  for (let t = from; t < to; t++) {
    const v = y[t]!;
    if (v > 0) {
      nonZero++;
      sum += v;
      sumSq += v * v;
      last = t;
    }
  }
  const days = to - from;
  if (nonZero === 0) return { demandClass: 'none', adi: Infinity, cv2: 0, nonZero, sinceLast: days };
  const adi = days / nonZero;
  const mean = sum / nonZero;
  const variance = Math.max(0, sumSq / nonZero - mean * mean);
  const cv2 = variance / (mean * mean);
  const intermittentish = adi >= ADI_CUTOFF;
  const variable = cv2 >= CV2_CUTOFF;
  const demandClass: DemandClass = intermittentish
    ? variable
      ? 'lumpy'
      : 'intermittent'
    : variable
      ? 'erratic'
      : 'smooth';
  return { demandClass, adi, cv2, nonZero, sinceLast: to - 1 - last };
}
