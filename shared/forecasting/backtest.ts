// Rolling-origin backtest: forecast from several origins at the end of a history and
// compare with what happened. Origin i (0 = earliest) cuts the history at
// n − (origins − i)·step and forecasts `horizon` days. The forecaster is a parameter, so
// the same harness scores our models, the seasonal-naive baseline and the hierarchy paths.

export interface BacktestOptions {
  readonly origins: number;
  readonly horizon: number;
  /** Days between origins; defaults to the horizon (non-overlapping windows). */
  readonly step?: number;
}

export interface BacktestFold<F> {
  /** Length of the history the forecaster saw. */
  readonly origin: number;
  readonly forecast: F;
  readonly actual: readonly number[];
  readonly history: readonly number[];
}

export function rollingOrigin<F>(
  history: readonly number[],
  opts: BacktestOptions,
  forecaster: (history: readonly number[], horizon: number) => F,
): BacktestFold<F>[] {
  const step = opts.step ?? opts.horizon;
  const folds: BacktestFold<F>[] = [];
  for (let i = 0; i < opts.origins; i++) {
    const origin = history.length - (opts.origins - i) * step;
    if (origin < 0) continue;
    const past = history.slice(0, origin);
    const actual = history.slice(origin, origin + opts.horizon);
    folds.push({ origin, forecast: forecaster(past, opts.horizon), actual, history: past });
  }
  return folds;
}
