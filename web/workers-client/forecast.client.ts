// The app's door to what-if forecasts: runs them in the comlink worker, or on the main
// thread where module workers are unavailable (old WebViews, tests). Same code either
// way, so answers are identical; errors keep their message across the worker boundary.
import { wrap, type Remote } from 'comlink';
import {
  applyPromotion,
  forecastWhatIf,
  type PromotionInput,
  type PromotionResult,
  type WhatIfInput,
  type WhatIfResult,
} from '#shared/forecasting/what-if.ts';
import type { ForecastWorkerApi } from '../../workers/forecast.worker.ts';

export interface ForecastClient {
  forecastWhatIf(input: WhatIfInput): Promise<WhatIfResult>;
  /** A planned promotion applied to a forecast already made (the synced nightly one). */
  applyPromotion(input: PromotionInput): Promise<PromotionResult>;
  /** Whether answers come from a worker (false: the main-thread fallback). */
  readonly inWorker: boolean;
  dispose(): void;
}

/** The main-thread fallback (also what tests use). */
export function mainThreadForecastClient(): ForecastClient {
  return {
    inWorker: false,
    forecastWhatIf: async (input) => forecastWhatIf(input),
    applyPromotion: async (input) => applyPromotion(input),
    dispose: () => {},
  };
}

export function createForecastClient(): ForecastClient {
  if (typeof Worker === 'undefined') return mainThreadForecastClient();
  let worker: Worker;
  try {
    worker = new Worker(new URL('../../workers/forecast.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return mainThreadForecastClient();
  }
  const remote: Remote<ForecastWorkerApi> = wrap<ForecastWorkerApi>(worker);
  return {
    inWorker: true,
    forecastWhatIf: (input) => remote.forecastWhatIf(input),
    applyPromotion: (input) => remote.applyPromotion(input),
    dispose: () => worker.terminate(),
  };
}
