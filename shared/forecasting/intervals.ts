// Turns a raw point forecast and its error variances into the published arrays. Demand is
// a count, so everything is clamped at 0; clamping the point and both bounds alike keeps
// lower ≤ point ≤ upper. The festival lift scales the whole predictive distribution.
import { GAUSSIAN, type Multipliers } from './quantiles.ts';

export interface Bands {
  readonly point: number[];
  readonly lower80: number[];
  readonly upper80: number[];
  readonly lower95: number[];
  readonly upper95: number[];
}

/** `scale` converts model units back to units sold; results stay finite even for absurd inputs. */
export function toBands(
  raw: Float64Array,
  variance: Float64Array,
  lift: Float64Array,
  scale = 1,
  q: Multipliers = GAUSSIAN,
): Bands {
  const h = raw.length;
  const b: Bands = { point: [], lower80: [], upper80: [], lower95: [], upper95: [] };
  for (let i = 0; i < h; i++) {
    const m = (lift[i] ?? 1) * scale;
    const p = raw[i]!;
    const sd = Math.sqrt(Math.max(0, variance[i]!));
    b.point.push(finite(m * Math.max(0, p)));
    b.lower80.push(finite(m * Math.max(0, p + q.lo80 * sd)));
    b.upper80.push(finite(m * Math.max(0, p + q.hi80 * sd)));
    b.lower95.push(finite(m * Math.max(0, p + q.lo95 * sd)));
    b.upper95.push(finite(m * Math.max(0, p + q.hi95 * sd)));
  }
  return b;
}

function finite(v: number): number {
  return Number.isNaN(v) ? 0 : Math.min(v, Number.MAX_VALUE);
}
