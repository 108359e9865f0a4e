// Comlink worker for on-device what-if forecasts: exposes the pure what-if (shared core)
// so a re-forecast never blocks the UI thread. No logic of its own.
import { expose } from 'comlink';
import { applyPromotion, forecastWhatIf } from '../shared/forecasting/what-if.ts';

export const forecastWorkerApi = { forecastWhatIf, applyPromotion };
export type ForecastWorkerApi = typeof forecastWorkerApi;

expose(forecastWorkerApi);
