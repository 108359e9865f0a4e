// Seeded randomness for simulated intervals. shared/ never calls Math.random(): callers
// pass a uniform [0,1) source; these helpers make a reproducible one.

/** mulberry32: small, fast, good-enough 32-bit generator for Monte-Carlo paths. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fills `out` with fast approximate standard normals for Monte-Carlo variances: inverse
 * CDF by table lookup at 4,096 equal-probability cells (cell midpoints, rescaled to
 * variance exactly 1; tails cut at ±3.5σ change a variance by < 0.1%), about 10× cheaper
 * than Box–Muller. Two draws per uniform: a 2^-32-grained uniform carries 24 useful bits,
 * i.e. two independent 12-bit table indices.
 */
export function fillFastNormals(rng: () => number, out: Float64Array): void {
  for (let i = 0; i < out.length; i += 2) {
    const u = rng() * TABLE_SIZE;
    out[i] = NORMAL_TABLE[u | 0]!;
    if (i + 1 < out.length) out[i + 1] = NORMAL_TABLE[((u - (u | 0)) * TABLE_SIZE) | 0]!;
  }
}

const TABLE_SIZE = 4096;
const NORMAL_TABLE = buildNormalTable();

function buildNormalTable(): Float64Array {
  const t = new Float64Array(TABLE_SIZE);
  let ss = 0;
  for (let i = 0; i < TABLE_SIZE; i++) {
    t[i] = inverseNormal((i + 0.5) / TABLE_SIZE);
    ss += t[i]! * t[i]!;
  }
  const scale = Math.sqrt(TABLE_SIZE / ss);
  for (let i = 0; i < TABLE_SIZE; i++) t[i] = t[i]! * scale;
  return t;
}

/** Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function inverseNormal(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const poly = (k: readonly number[], x: number): number => k.reduce((acc, v) => acc * x + v, 0);
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - 0.02425) return -inverseNormal(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

/** The generator used when a caller passes none: same seed, same intervals. */
export const DEFAULT_SEED = 20_250_101;
