// Forecast-error variances for the chosen ETS model. Additive seasonality (class 1) has
// the closed form; multiplicative seasonality with additive errors has none (HKOS 2008,
// ch. 6), so its variances come from simulated sample paths with the injected RNG.
import { etsClass1Variance, etsPoint } from './ets-filter.ts';
import type { EtsFit } from './ets-fit.ts';
import { fillFastNormals } from './rng.ts';
import { SEASON } from './types.ts';

/** Paths for simulated variances: relative sd of a variance estimate ≈ √(2/N) = 10%, of a width ≈ 5%. */
const SIM_PATHS = 200;

export function etsVariances(
  fit: EtsFit,
  n: number,
  sigma2: number,
  horizon: number,
  rng: () => number,
): Float64Array {
  const out = new Float64Array(horizon);
  if (fit.spec.season !== 'M') {
    etsClass1Variance(fit.spec.trend, fit.spec.season, fit.params, sigma2, out);
    return out;
  }
  simulateVariances(fit, n, Math.sqrt(sigma2), rng, out);
  return out;
}

function simulateVariances(
  fit: EtsFit,
  n: number,
  sigma: number,
  rng: () => number,
  out: Float64Array,
): void {
  const horizon = out.length;
  const mean = new Float64Array(horizon);
  etsPoint(n, fit.spec.trend, fit.spec.season, fit.params, fit.state, mean);
  const s = new Float64Array(SEASON);
  const { alpha, gamma } = fit.params;
  const z = new Float64Array(horizon);
  for (let path = 0; path < SIM_PATHS; path++) {
    fillFastNormals(rng, z);
    let l = fit.state[0]!;
    for (let j = 0; j < SEASON; j++) s[j] = fit.state[2 + j]!;
    for (let h = 0; h < horizon; h++) {
      const k = (n + h) % SEASON;
      const sk = s[k]!;
      const e = sigma * z[h]!;
      const dev = l * sk + e - mean[h]!;
      out[h]! += dev * dev;
      // Keep the state admissible on extreme paths rather than dividing by ≤ 0.
      const lNew = Math.max(l + (alpha * e) / sk, 1e-9 * Math.abs(fit.state[0]!));
      s[k] = Math.max(sk + (gamma * e) / l, 1e-6);
      l = lNew;
    }
  }
  for (let h = 0; h < horizon; h++) {
    out[h] = out[h]! / SIM_PATHS;
    // Same weekday a week later cannot be more certain: remove Monte-Carlo noise.
    if (h >= SEASON) out[h] = Math.max(out[h]!, out[h - SEASON]!);
  }
}
