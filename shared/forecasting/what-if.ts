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
  // validate the promotion before spending a forecast on it
  if (input.promotion !== undefined) promotionFactor(input.promotion);
  const baseline = forecastSeries(input);
  return { baseline, ...applyPromotion({ ...baseline, promotion: input.promotion }) };
}

/** A forecast already made (the nightly one, as synced) and the promotion to apply to it. */
export interface PromotionInput {
  readonly dates: readonly string[];
  readonly point: readonly number[];
  readonly lower80: readonly number[];
  readonly upper80: readonly number[];
  readonly lower95: readonly number[];
  readonly upper95: readonly number[];
  readonly promotion?: PlannedPromotion | undefined;
}

export interface PromotionResult {
  readonly scenario: Bands;
  readonly promotionDays: number[];
  readonly extraUnits: number;
}

/**
 * The promotion applied to a given forecast. The device holds 90 days of sales, under
 * the 12 months a model forecast needs (Property 10), so the screen's what-if starts from
 * the synced nightly forecast instead of re-fitting a worse one.
 */
export function applyPromotion(input: PromotionInput): PromotionResult {
  const promo = input.promotion === undefined ? null : promotionFactor(input.promotion);
  const n = input.point.length;
  for (const key of ['lower80', 'upper80', 'lower95', 'upper95'] as const) {
    if (input[key].length !== n)
      throw new WhatIfError(`${key} has ${input[key].length} days, point has ${n}`);
  }
  if (input.dates.length !== n) throw new WhatIfError(`dates has ${input.dates.length} days, point has ${n}`);
  const promotionDays: number[] = [];
  const scale = input.dates.map((d, i) => {
    let day: number;
    try {
      day = epochDay(d);
    } catch (e) {
      throw new WhatIfError(`dates[${i}]: ${(e as Error).message}`);
    }
    const inPromo = promo !== null && day >= promo.from && day <= promo.to;
    if (inPromo) promotionDays.push(i);
    return inPromo ? promo.factor : 1;
  });
  const apply = (xs: readonly number[]): number[] => xs.map((x, i) => x * scale[i]!);
  const scenario: Bands = {
    point: apply(input.point),
    lower80: apply(input.lower80),
    upper80: apply(input.upper80),
    lower95: apply(input.lower95),
    upper95: apply(input.upper95),
  };
  const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  return { scenario, promotionDays, extraUnits: sum(scenario.point) - sum(input.point) };
}
