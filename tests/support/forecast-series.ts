// Deterministic synthetic retail daily series for forecasting tests and bench/forecast.ts:
// weekly pattern, slow trend, regional festival spikes (the same shape every year, so a
// year-earlier window is informative), negative-binomial noise (most series are slow
// sellers with many zero days) and occasional stockout runs of zeros.
// Swap in the demo chain later by producing the same `SyntheticSeries` shape.
import { epochDay, isoDate } from '../../shared/calendar/dates.ts';
import { festivalOccurrences } from '../../shared/calendar/festival-days.ts';
import { INDIA_FESTIVALS } from '../../shared/calendar/festivals.ts';
import { REGION_CODES } from '../../shared/calendar/regions.ts';
import { mulberry32 } from '../../shared/forecasting/rng.ts';

export interface SyntheticSeries {
  readonly id: string;
  readonly region: string;
  readonly startDate: string;
  readonly values: number[];
  /** Mean daily units the generator aimed at (before noise). */
  readonly meanLevel: number;
}

export interface GenerateOptions {
  readonly count: number;
  readonly days: number;
  readonly seed: number;
  /** ISO date of the last day. */
  readonly endDate: string;
}

const WEEK_SHAPE = [0.9, 0.85, 0.9, 0.95, 1.1, 1.3, 1.2];

export function generateRetailSeries(opts: GenerateOptions): SyntheticSeries[] {
  const rng = mulberry32(opts.seed);
  const startDay = epochDay(opts.endDate) - opts.days + 1;
  return Array.from({ length: opts.count }, (_, i) => oneSeries(rng, i, startDay, opts.days));
}

function oneSeries(rng: () => number, i: number, startDay: number, days: number): SyntheticSeries {
  const region = REGION_CODES[Math.floor(rng() * REGION_CODES.length)]!;
  const tier = rng();
  // 30% fast movers, 30% medium, 40% long tail.
  const level =
    tier < 0.3 ? logUniform(rng, 10, 60) : tier < 0.6 ? logUniform(rng, 2, 10) : logUniform(rng, 0.05, 2);
  const shape = WEEK_SHAPE.map((w) => w * (0.85 + 0.3 * rng()));
  const growth = -0.3 + 0.8 * rng();
  const dispersion = 2 + 8 * rng();
  const sensitivity = 0.3 + 2.2 * rng();
  const stockoutRate = rng() < 0.3 ? 0.01 : 0;
  const lift = festivalMultipliers(region, startDay, days, sensitivity);
  const values: number[] = [];
  let stockout = 0;
  for (let t = 0; t < days; t++) {
    const wd = (((startDay + t + 3) % 7) + 7) % 7;
    const mean = level * shape[wd]! * (1 + (growth * t) / 365) * lift[t]!;
    if (stockout === 0 && rng() < stockoutRate) stockout = 1 + Math.floor(rng() * 5);
    const v = negBinomial(rng, Math.max(0, mean), dispersion);
    values.push(stockout > 0 ? 0 : v);
    if (stockout > 0) stockout--;
  }
  return { id: `s${i}`, region, startDate: isoDate(startDay), values, meanLevel: level };
}

/** Ramp up to the main day (×(1 + sensitivity)), a smaller day after. */
function festivalMultipliers(
  region: string,
  startDay: number,
  days: number,
  sensitivity: number,
): Float64Array {
  const out = new Float64Array(days).fill(1);
  for (const o of festivalOccurrences(INDIA_FESTIVALS, region, startDay, startDay + days)) {
    const { before, after } = o.festival;
    for (let k = -before; k <= after; k++) {
      const t = o.day + k - startDay;
      if (t < 0 || t >= days) continue;
      const closeness = k <= 0 ? (before + 1 + k) / (before + 1) : 0.5;
      out[t] = Math.max(out[t]!, 1 + sensitivity * closeness);
    }
  }
  return out;
}

function logUniform(rng: () => number, lo: number, hi: number): number {
  return Math.exp(Math.log(lo) + rng() * (Math.log(hi) - Math.log(lo)));
}

/** Gamma–Poisson mixture: mean m, variance m + m²/r. */
function negBinomial(rng: () => number, m: number, r: number): number {
  if (m <= 0) return 0;
  return poisson(rng, (gamma(rng, r) * m) / r);
}

/** Marsaglia–Tsang, shape ≥ 1. */
function gamma(rng: () => number, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = stdNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

function poisson(rng: () => number, lambda: number): number {
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * stdNormal(rng)));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

function stdNormal(rng: () => number): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/**
 * Splits a regional series into `stores` store series: each unit sold goes to a store
 * with that store's share (shares drawn unequal, fixed over time), as in a region where
 * stores differ in size but share the demand pattern.
 */
export function splitToStores(regional: readonly number[], stores: number, seed: number): number[][] {
  const rng = mulberry32(seed);
  const weights = Array.from({ length: stores }, () => 0.2 + rng());
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative = weights.map(
    (
      (sum) => (w: number) =>
        (sum += w / total)
    )(0),
  );
  const out = Array.from({ length: stores }, () => new Array<number>(regional.length).fill(0));
  regional.forEach((units, t) => {
    for (let u = 0; u < Math.round(units); u++) {
      const r = rng();
      const j = cumulative.findIndex((c) => r < c);
      out[j === -1 ? stores - 1 : j]![t]! += 1;
    }
  });
  return out;
}
