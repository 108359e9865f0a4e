// Fits the small ETS model set by (concentrated Gaussian) maximum likelihood and picks the
// model with the lowest AICc. Minimising SSE is equivalent to maximising the likelihood
// with σ² profiled out; AICc = n·log(SSE/n) + 2k + 2k(k+1)/(n−k−1), k counting smoothing
// parameters, initial states and σ (as R's forecast::ets does).
import { etsFilter, type EtsParams, type SeasonKind, type TrendKind } from './ets-filter.ts';
import { initialStates } from './ets-init.ts';
import { NelderMead } from './nelder-mead.ts';
import { SEASON, type EtsModelName } from './types.ts';

interface ModelSpec {
  readonly name: EtsModelName;
  readonly trend: TrendKind;
  readonly season: SeasonKind;
  /** Free smoothing parameters in optimiser order. */
  readonly free: readonly (keyof EtsParams)[];
  /** Count of initial states. */
  readonly states: number;
}

export const ETS_MODELS: readonly ModelSpec[] = [
  { name: 'ETS(A,N,N)', trend: 'N', season: 'N', free: ['alpha'], states: 1 },
  { name: 'ETS(A,N,A)', trend: 'N', season: 'A', free: ['alpha', 'gamma'], states: SEASON },
  { name: 'ETS(A,N,M)', trend: 'N', season: 'M', free: ['alpha', 'gamma'], states: SEASON },
  {
    name: 'ETS(A,Ad,A)',
    trend: 'Ad',
    season: 'A',
    free: ['alpha', 'gamma', 'beta', 'phi'],
    states: SEASON + 1,
  },
];

const START: EtsParams = { alpha: 0.05, beta: 0.005, gamma: 0.02, phi: 0.9 };
const STEP: EtsParams = { alpha: 0.05, beta: 0.005, gamma: 0.02, phi: 0.03 };
/** Evaluations per free parameter. Warm starts (below) make most fits converge well before. */
const MAX_EVALS = 40;
/** Relative SSE spread of the simplex at which a fit stops: changes AICc by < 0.2. */
const TOL = 1e-3;

export interface EtsFit {
  readonly spec: ModelSpec;
  readonly params: EtsParams;
  readonly sse: number;
  readonly aicc: number;
  readonly k: number;
  /** Final state [l, b, s ring by t mod 7]. */
  readonly state: Float64Array;
  /** Initial state the fit started from. */
  readonly init: Float64Array;
}

/** Inside the usual admissible region (HKOS): 0<α<1, 0<β<α, 0<γ<1−α, 0.8≤φ≤0.98. */
function admissible(p: EtsParams, spec: ModelSpec): boolean {
  if (!(p.alpha > 1e-4 && p.alpha < 0.9999)) return false;
  if (spec.season !== 'N' && !(p.gamma > 0 && p.gamma < 1 - p.alpha)) return false;
  if (spec.trend === 'Ad' && !(p.beta > 0 && p.beta < p.alpha && p.phi >= 0.8 && p.phi <= 0.98)) return false;
  return true;
}

function fitOne(y: Float64Array, n: number, spec: ModelSpec, init: Float64Array, start: EtsParams): EtsFit {
  const d = spec.free.length;
  const nm = new NelderMead(d);
  const x0 = new Float64Array(d);
  const step = new Float64Array(d);
  spec.free.forEach((key, i) => {
    x0[i] = start[key];
    step[i] = STEP[key];
  });
  const p: EtsParams = { ...start };
  const state = new Float64Array(2 + SEASON);
  const objective = (x: Float64Array): number => {
    for (let i = 0; i < d; i++) p[spec.free[i]!] = x[i]!;
    return admissible(p, spec) ? etsFilter(y, n, spec.trend, spec.season, p, init, state) : Infinity;
  };
  const best = new Float64Array(d);
  nm.minimize(objective, x0, step, best, { maxEvals: MAX_EVALS * d, tol: TOL });
  const sse = objective(best);
  const k = d + spec.states + 1;
  // Floor relative to the data's scale so a perfect fit has a finite AICc and scaling y
  // by c shifts every model's AICc by the same n·log(c²).
  let sumSq = 0;
  for (let t = 0; t < n; t++) sumSq += y[t]! * y[t]!;
  const sseFloor = Math.max(sse, 1e-12 * sumSq, Number.MIN_VALUE);
  const aicc = n * Math.log(sseFloor / n) + 2 * k + (2 * k * (k + 1)) / Math.max(1, n - k - 1);
  return { spec, params: { ...p }, sse, aicc: Number.isFinite(sse) ? aicc : Infinity, k, state, init };
}

/**
 * Fits every eligible model on y[0..n) and returns the lowest-AICc fit. Each model starts
 * from the previous model's optimum (ANN → ANA → ANM, AAdA): nested models have similar
 * smoothing constants, and a warm start roughly halves the evaluations.
 */
export function fitBestEts(y: Float64Array, n: number, only?: EtsModelName): EtsFit {
  const initA = new Float64Array(2 + SEASON);
  const initM = new Float64Array(2 + SEASON);
  const multOk = initialStates(y, n, initA, initM);
  let best: EtsFit | undefined;
  let start: EtsParams = START;
  let seasonalFit: EtsFit | undefined;
  for (const spec of ETS_MODELS) {
    if (only !== undefined && spec.name !== only) continue;
    if (spec.season === 'M' && !multOk) continue;
    // The damped trend costs as much as the other three models together; try it only when
    // the level moved significantly within the window.
    if (only === undefined && spec.trend === 'Ad' && seasonalFit && !levelShifted(y, n, seasonalFit))
      continue;
    const fit = fitOne(y, n, spec, spec.season === 'M' ? initM : initA, warm(start, spec));
    if (spec.name === 'ETS(A,N,N)' || spec.name === 'ETS(A,N,A)') start = fit.params;
    if (spec.name === 'ETS(A,N,A)') seasonalFit = fit;
    if (best === undefined || fit.aicc < best.aicc) best = fit;
  }
  // ETS(A,N,N) is always eligible and finite, so best is set unless `only` excluded all.
  return best ?? fitOne(y, n, ETS_MODELS[0]!, initA, START);
}

/** Trend screen: the last 8 weeks' mean differs from the 8 before by > 2 standard errors. */
function levelShifted(y: Float64Array, n: number, fit: EtsFit): boolean {
  const w = 8 * SEASON;
  if (n < 2 * w) return false;
  let recent = 0;
  let before = 0;
  for (let t = n - w; t < n; t++) recent += y[t]!;
  for (let t = n - 2 * w; t < n - w; t++) before += y[t]!;
  const sigma = Math.sqrt(fit.sse / n);
  return Math.abs(recent - before) / w > 2 * sigma * Math.sqrt(2 / w);
}

/** A start inside the admissible region of `spec`, close to the previous optimum. */
function warm(prev: EtsParams, spec: ModelSpec): EtsParams {
  const alpha = Math.min(Math.max(prev.alpha, 0.01), 0.8);
  const gamma = Math.min(Math.max(prev.gamma, 0.005), 0.5 * (1 - alpha));
  return { alpha, gamma, beta: spec.trend === 'Ad' ? 0.1 * alpha : START.beta, phi: START.phi };
}
