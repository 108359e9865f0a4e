// Derivative-free minimiser (Nelder–Mead, standard coefficients 1 / 2 / ½ / ½) over
// preallocated typed arrays: the ETS likelihood is evaluated a few hundred times per
// series, so nothing here allocates after construction.
// Why not the `fmin` package: last published 2016, allocates arrays on every step, and a
// 70-line simplex is easier to keep allocation-free than to wrap.

export type Objective = (x: Float64Array) => number;

export interface MinimizeOptions {
  readonly maxEvals: number;
  /** Stop when (worst − best) ≤ tol · (|best| + tiny) across the simplex. */
  readonly tol: number;
}

export class NelderMead {
  private readonly n: number;
  private readonly simplex: Float64Array;
  private readonly values: Float64Array;
  private readonly centroid: Float64Array;
  private readonly trial: Float64Array;
  private readonly trial2: Float64Array;

  constructor(dimensions: number) {
    this.n = dimensions;
    this.simplex = new Float64Array((dimensions + 1) * dimensions);
    this.values = new Float64Array(dimensions + 1);
    this.centroid = new Float64Array(dimensions);
    this.trial = new Float64Array(dimensions);
    this.trial2 = new Float64Array(dimensions);
  }

  /** Minimises f from x0 (initial simplex x0 + step_i·e_i); writes the best point into out. */
  minimize(
    f: Objective,
    x0: Float64Array,
    step: Float64Array,
    out: Float64Array,
    opts: MinimizeOptions,
  ): number {
    const { n, simplex: s, values: v } = this;
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j < n; j++) s[i * n + j] = (x0[j] ?? 0) + (i === j + 1 ? (step[j] ?? 0) : 0);
      v[i] = f(s.subarray(i * n, i * n + n));
    }
    let evals = n + 1;
    while (evals < opts.maxEvals) {
      const [best, worst, second] = this.order();
      const fb = v[best]!;
      const fw = v[worst]!;
      if (fw - fb <= opts.tol * (Math.abs(fb) + 1e-300)) break;
      this.computeCentroid(worst);
      const fr = this.along(worst, 1, this.trial, f);
      evals++;
      if (fr < fb) {
        const fe = this.along(worst, 2, this.trial2, f);
        evals++;
        if (fe < fr) this.replace(worst, this.trial2, fe);
        else this.replace(worst, this.trial, fr);
      } else if (fr < v[second]!) {
        this.replace(worst, this.trial, fr);
      } else {
        const fc = this.along(worst, fr < fw ? 0.5 : -0.5, this.trial2, f);
        evals++;
        if (fc < Math.min(fr, fw)) this.replace(worst, this.trial2, fc);
        else evals += this.shrink(best, f);
      }
    }
    const [best] = this.order();
    for (let j = 0; j < n; j++) out[j] = s[best * n + j]!;
    return v[best]!;
  }

  /** Indices of best, worst and second-worst vertices. */
  private order(): [number, number, number] {
    const v = this.values;
    let best = 0;
    let worst = 0;
    for (let i = 1; i <= this.n; i++) {
      if (v[i]! < v[best]!) best = i;
      if (v[i]! > v[worst]!) worst = i;
    }
    let second = best;
    for (let i = 0; i <= this.n; i++) if (i !== worst && v[i]! > v[second]!) second = i;
    return [best, worst, second];
  }

  private computeCentroid(exclude: number): void {
    const { n, simplex: s, centroid: c } = this;
    c.fill(0);
    for (let i = 0; i <= n; i++) {
      if (i === exclude) continue;
      for (let j = 0; j < n; j++) c[j]! += s[i * n + j]! / n;
    }
  }

  /** Point centroid + coef·(centroid − worst), evaluated. */
  private along(worst: number, coef: number, into: Float64Array, f: Objective): number {
    const { n, simplex: s, centroid: c } = this;
    for (let j = 0; j < n; j++) into[j] = c[j]! + coef * (c[j]! - s[worst * n + j]!);
    return f(into);
  }

  private replace(i: number, x: Float64Array, fx: number): void {
    this.simplex.set(x, i * this.n);
    this.values[i] = fx;
  }

  private shrink(best: number, f: Objective): number {
    const { n, simplex: s, values: v } = this;
    for (let i = 0; i <= n; i++) {
      if (i === best) continue;
      for (let j = 0; j < n; j++) s[i * n + j] = s[best * n + j]! + 0.5 * (s[i * n + j]! - s[best * n + j]!);
      v[i] = f(s.subarray(i * n, i * n + n));
    }
    return n;
  }
}
