// ETS branch of forecastSeries: fit the model set on the recent window, forecast, and
// compute error variances (closed form or simulated).
import { etsFilter, etsPoint } from './ets-filter.ts';
import { fitBestEts, type EtsFit } from './ets-fit.ts';
import { etsVariances } from './ets-intervals.ts';
import type { BaseForecast } from './seasonal-naive.ts';
import { empiricalMultipliers, GAUSSIAN, type Multipliers } from './quantiles.ts';
import { SEASON, type EtsModelName } from './types.ts';

/** Residuals of the first weeks mostly reflect the heuristic initial states: skip them. */
const BURN_IN = 2 * SEASON;

export function etsForecast(
  y: Float64Array,
  from: number,
  to: number,
  horizon: number,
  rng: () => number,
  only?: EtsModelName,
): BaseForecast & { readonly fit: EtsFit } {
  const window = y.subarray(from, to);
  const n = to - from;
  const fit = fitBestEts(window, n, only);
  const point = new Float64Array(horizon);
  etsPoint(n, fit.spec.trend, fit.spec.season, fit.params, fit.state, point);
  // Unbiased residual variance: SSE over the degrees of freedom left after k estimates.
  const sigma2 = Number.isFinite(fit.sse) ? fit.sse / Math.max(1, n - fit.k) : 0;
  const variance = etsVariances(fit, n, sigma2, horizon, rng);
  return {
    point,
    variance,
    sigma: Math.sqrt(sigma2),
    fit,
    multipliers: residualMultipliers(window, n, fit, sigma2),
  };
}

function residualMultipliers(y: Float64Array, n: number, fit: EtsFit, sigma2: number): Multipliers {
  if (!(sigma2 > 0) || n <= BURN_IN) return GAUSSIAN;
  const e = new Float64Array(n);
  etsFilter(y, n, fit.spec.trend, fit.spec.season, fit.params, fit.init, new Float64Array(2 + SEASON), e);
  const sigma = Math.sqrt(sigma2);
  const z = e.subarray(BURN_IN);
  for (let t = 0; t < z.length; t++) z[t] = z[t]! / sigma;
  return empiricalMultipliers(z);
}
