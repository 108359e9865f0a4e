// The ETS state-space recursions (Hyndman, Koehler, Ord & Snyder 2008, additive errors):
//   A,Ad,A: ŷ = l + φb + s,  l' = l + φb + αe,  b' = φb + βe,  s' = s + γe
//   A,N,M:  ŷ = l·s,         l' = l + αe/s,                    s' = s + γe/l
// with e = y − ŷ. ANN and ANA are the β = 0, γ = 0 / trendless special cases.
// The loop runs over typed arrays and allocates nothing: it is the fitting hot path.
import { SEASON } from './types.ts';

export type TrendKind = 'N' | 'Ad';
export type SeasonKind = 'N' | 'A' | 'M';

export interface EtsParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

/**
 * Runs the recursions over y[0..n) from the initial state `init` = [l0, b0, s0..s6] and
 * returns the sum of squared one-step errors (Infinity when the state degenerates).
 * `state` receives the final [l, b, s ring indexed by t mod 7]; `residuals`, when given,
 * the one-step errors.
 */
export function etsFilter(
  y: Float64Array,
  n: number,
  trend: TrendKind,
  season: SeasonKind,
  p: EtsParams,
  init: Float64Array,
  state: Float64Array,
  residuals?: Float64Array,
): number {
  // ANN and ANA are most of the optimiser's evaluations: a branch-free loop is ~30% faster.
  if (residuals === undefined && trend === 'N' && season !== 'M') {
    return levelOnlySse(y, n, p.alpha, season === 'A' ? p.gamma : 0, season === 'A', init, state);
  }
  const { alpha, gamma } = p;
  const beta = trend === 'Ad' ? p.beta : 0;
  const phi = trend === 'Ad' ? p.phi : 0;
  const mult = season === 'M';
  const seasonal = season !== 'N';
  let l = init[0]!;
  let b = init[1]!;
  for (let j = 0; j < SEASON; j++) state[2 + j] = init[2 + j]!;
  let sse = 0;
  let k = 0;
  for (let t = 0; t < n; t++) {
    const si = 2 + k;
    const s = seasonal ? state[si]! : mult ? 1 : 0;
    const lb = l + phi * b;
    let e: number;
    if (mult) {
      if (!(lb > 0) || !(s > 0)) return Infinity;
      e = y[t]! - lb * s;
      const lNew = lb + (alpha * e) / s;
      state[si] = s + (gamma * e) / lb;
      l = lNew;
    } else {
      e = y[t]! - lb - s;
      l = lb + alpha * e;
      if (seasonal) state[si] = s + gamma * e;
    }
    b = phi * b + beta * e;
    sse += e * e;
    if (residuals !== undefined) residuals[t] = e;
    k = k === SEASON - 1 ? 0 : k + 1;
  }
  state[0] = l;
  state[1] = b;
  return sse;
}

/** ETS(A,N,N) / ETS(A,N,A) recursions only (same results as the general loop). */
function levelOnlySse(
  y: Float64Array,
  n: number,
  alpha: number,
  gamma: number,
  seasonal: boolean,
  init: Float64Array,
  state: Float64Array,
): number {
  let l = init[0]!;
  for (let j = 2; j < 2 + SEASON; j++) state[j] = seasonal ? init[j]! : 0;
  let sse = 0;
  let k = 2;
  for (let t = 0; t < n; t++) {
    const s = state[k]!;
    const e = y[t]! - l - s;
    l += alpha * e;
    state[k] = s + gamma * e;
    sse += e * e;
    k = k === SEASON + 1 ? 2 : k + 1;
  }
  state[0] = l;
  state[1] = 0;
  return sse;
}

/** Point forecasts for steps 1..h after a series of length n ending in `state`. */
export function etsPoint(
  n: number,
  trend: TrendKind,
  season: SeasonKind,
  p: EtsParams,
  state: Float64Array,
  out: Float64Array,
): void {
  const l = state[0]!;
  const b = trend === 'Ad' ? state[1]! : 0;
  let damp = 0;
  let phiPow = 1;
  for (let h = 1; h <= out.length; h++) {
    phiPow *= p.phi;
    damp += phiPow;
    const base = l + (trend === 'Ad' ? damp * b : 0);
    const s = state[2 + ((n + h - 1) % SEASON)]!;
    out[h - 1] = season === 'A' ? base + s : season === 'M' ? base * s : base;
  }
}

/**
 * Class-1 forecast variances (HKOS 2008, Table 6.1), additive error and additive or no
 * seasonality: Var(h) = σ²(1 + Σ_{j<h} c_j²), c_j = α(1 + βφ_j) + γ·[j mod 7 = 0],
 * φ_j = φ + … + φ^j. Non-decreasing in h by construction.
 */
export function etsClass1Variance(
  trend: TrendKind,
  season: SeasonKind,
  p: EtsParams,
  sigma2: number,
  out: Float64Array,
): void {
  let acc = 1;
  let phiJ = 0;
  let phiPow = 1;
  for (let h = 1; h <= out.length; h++) {
    out[h - 1] = sigma2 * acc;
    phiPow *= p.phi;
    phiJ += phiPow;
    const cj =
      p.alpha * (1 + (trend === 'Ad' ? p.beta * phiJ : 0)) +
      (season === 'A' && h % SEASON === 0 ? p.gamma : 0);
    acc += cj * cj;
  }
}
