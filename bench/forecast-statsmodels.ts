// statsmodels' ExponentialSmoothing (Holt-Winters, additive weekly seasonality, parameters
// estimated) on the same series and rolling origins as bench/forecast.ts, run by Debian's
// python3-statsmodels when it is installed: a well-known reference for our accuracy and
// speed. Point forecasts only (its Holt-Winters class has no prediction intervals).
import { spawnSync } from 'node:child_process';

export interface StatsmodelsOptions {
  readonly origins: number;
  readonly horizon: number;
  /** History days given to each fit (the most recent ones before the origin). */
  readonly historyDays: number;
}

export type StatsmodelsResult =
  | {
      readonly available: true;
      readonly version: string;
      readonly series: number;
      readonly week: number;
      readonly month: number;
      readonly failures: number;
      readonly seriesPerSecond: number;
    }
  | { readonly available: false; readonly reason: string };

const SCRIPT = String.raw`
import json, sys, time, warnings
warnings.filterwarnings("ignore")
import numpy as np
import statsmodels
from statsmodels.tsa.holtwinters import ExponentialSmoothing
job = json.load(sys.stdin)
H, O, D = job["horizon"], job["origins"], job["historyDays"]
acc = {"week": [0.0, 0.0], "month": [0.0, 0.0]}
fails = fits = 0
fit_time = 0.0
for values in job["series"]:
    y = np.asarray(values, dtype=float)
    for i in range(O):
        origin = len(y) - (O - i) * H
        if origin <= 14:
            continue
        hist, actual = y[max(0, origin - D):origin], y[origin:origin + H]
        t = time.process_time()
        try:
            if hist.max() <= 0:
                f = np.zeros(H)
            else:
                m = ExponentialSmoothing(hist, trend=None, seasonal="add", seasonal_periods=7,
                                         initialization_method="estimated").fit()
                f = np.clip(m.forecast(H), 0, None)
        except Exception:
            fails += 1
            f = np.repeat(hist[-28:].mean(), H)
        fit_time += time.process_time() - t
        fits += 1
        for key, n in (("week", 7), ("month", H)):
            acc[key][0] += abs(f[:n].sum() - actual[:n].sum())
            acc[key][1] += actual[:n].sum()
json.dump({"version": statsmodels.__version__, "week": acc["week"][0] / acc["week"][1],
           "month": acc["month"][0] / acc["month"][1], "failures": fails,
           "seriesPerSecond": fits / fit_time if fit_time > 0 else 0}, sys.stdout)
`;

export function statsmodelsBacktest(
  series: readonly { readonly values: readonly number[] }[],
  opts: StatsmodelsOptions,
): StatsmodelsResult {
  // Debian's package lives under /usr/bin/python3, which a pyenv or venv python3 on PATH hides.
  const python = ['python3', '/usr/bin/python3'].find(
    (bin) => spawnSync(bin, ['-c', 'import statsmodels'], { encoding: 'utf8' }).status === 0,
  );
  if (python === undefined) {
    return {
      available: false,
      reason:
        'neither python3 nor /usr/bin/python3 can import statsmodels; apt-get install python3-statsmodels',
    };
  }
  const run = spawnSync(python, ['-c', SCRIPT], {
    input: JSON.stringify({ ...opts, series: series.map((s) => s.values) }),
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (run.status !== 0) return { available: false, reason: `${python} failed: ${run.stderr.slice(0, 300)}` };
  const out = JSON.parse(run.stdout) as {
    version: string;
    week: number;
    month: number;
    failures: number;
    seriesPerSecond: number;
  };
  return { available: true, series: series.length, ...out };
}
