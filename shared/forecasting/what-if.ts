// What-if re-forecast of one SKU×store (issue 9 item 5): the same shared core as the
// nightly pipeline, then a planned promotion applied as a multiplicative uplift on its
// days (point and both intervals scale with it). Pure; runs in the comlink worker and, as
// the fallback, on the main thread.
import { epochDay } from '../calendar/dates.ts';
import { forecastSeries } from './forecast-series.ts';
import type { ForecastInput, ForecastResult } from './types.ts';

export interface PlannedPromotion {
  /** First and last promotion day (ISO, inclusive). */
  readonly from: string;
  readonly to: string;
  /** Expected change in daily demand on promotion days, percent (−100 … 1000). */
  readonly upliftPercent: number;
}

/** No `rng`: functions cannot cross the worker boundary; the core's fixed seed is used. */
export interface WhatIfInput extends Omit<ForecastInput, 'rng'> {
  readonly promotion?: PlannedPromotion;
}

export interface Bands {
  readonly point: number[];
  readonly lower80: number[];
  readonly upper80: number[];
  readonly lower95: number[];
  readonly upper95: number[];
}

export interface WhatIfResult {
  readonly baseline: ForecastResult;
  readonly scenario: Bands;
  /** Forecast days (indices into baseline.dates) the promotion covers. */
  readonly promotionDays: number[];
  /** Scenario point total minus baseline point total over the horizon. */
  readonly extraUnits: number;
}

export class WhatIfError extends Error {
  override name = 'WhatIfError';
}

function promotionFactor(p: PlannedPromotion): { from: number; to: number; factor: number } {
  const { upliftPercent } = p;
  if (
    typeof upliftPercent !== 'number' ||
    !Number.isFinite(upliftPercent) ||
    upliftPercent < -100 ||
    upliftPercent > 1000
  ) {
    throw new WhatIfError(
      `promotion.upliftPercent must be a number from -100 to 1000, got ${String(upliftPercent)}`,
    );
  }
  let from: number;
  let to: number;
  try {
    from = epochDay(p.from);
    to = epochDay(p.to);
  } catch (e) {
    throw new WhatIfError(`promotion dates: ${(e as Error).message}`);
  }
  if (to < from) throw new WhatIfError(`promotion.to (${p.to}) is before promotion.from (${p.from})`);
  return { from, to, factor: 1 + upliftPercent / 100 };
}

export function forecastWhatIf(input: WhatIfInput): WhatIfResult {
  const promo = input.promotion === undefined ? null : promotionFactor(input.promotion);
  const baseline = forecastSeries(input);
  const promotionDays: number[] = [];
  const scale = baseline.dates.map((d, i) => {
    const day = epochDay(d);
    const inPromo = promo !== null && day >= promo.from && day <= promo.to;
    if (inPromo) promotionDays.push(i);
    return inPromo ? promo.factor : 1;
  });
  const apply = (xs: readonly number[]): number[] => xs.map((x, i) => x * scale[i]!);
  const scenario: Bands = {
    point: apply(baseline.point),
    lower80: apply(baseline.lower80),
    upper80: apply(baseline.upper80),
    lower95: apply(baseline.lower95),
    upper95: apply(baseline.upper95),
  };
  const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  return { baseline, scenario, promotionDays, extraUnits: sum(scenario.point) - sum(baseline.point) };
}
