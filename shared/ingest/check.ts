// A small field checker that collects every problem of a record with its path, so an
// ingestion error names each bad field of each bad record (Property 39).

export interface FieldError {
  /** Index of the record in the posted batch (0 for a single record). */
  readonly index: number;
  /** Dotted path, e.g. `items[2].unitPrice`. */
  readonly field: string;
  readonly message: string;
}

export class Checker {
  readonly errors: FieldError[] = [];
  readonly index: number;
  private readonly record: Record<string, unknown>;
  private readonly prefix: string;

  constructor(index: number, record: Record<string, unknown>, prefix = '') {
    this.index = index;
    this.record = record;
    this.prefix = prefix;
  }

  private fail(field: string, message: string): undefined {
    this.errors.push({ index: this.index, field: this.prefix + field, message });
    return undefined;
  }

  string(
    field: string,
    opts: { optional?: boolean; max?: number; pattern?: RegExp; hint?: string } = {},
  ): string | undefined {
    const v = this.record[field];
    if (v === undefined || v === null) return opts.optional ? undefined : this.fail(field, 'is required');
    if (typeof v !== 'string') return this.fail(field, `must be a string, got ${describe(v)}`);
    const s = v.trim();
    if (s === '') return this.fail(field, 'must not be empty');
    // NUL and unpaired surrogates cannot be stored by Postgres.
    // eslint-disable-next-line no-control-regex -- NUL is exactly what must be found
    if (/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s))
      return this.fail(field, 'must not contain NUL characters or invalid Unicode');
    if (s.length > (opts.max ?? 128))
      return this.fail(field, `must be at most ${opts.max ?? 128} characters`);
    if (opts.pattern && !opts.pattern.test(s)) return this.fail(field, opts.hint ?? `has an invalid format`);
    return s;
  }

  number(
    field: string,
    opts: { min: number; max: number; decimals: number; minExclusive?: boolean },
  ): number | undefined {
    const v = this.record[field];
    if (v === undefined || v === null) return this.fail(field, 'is required');
    if (typeof v !== 'number') return this.fail(field, `must be a number, got ${describe(v)}`);
    if (!Number.isFinite(v)) return this.fail(field, 'must be a finite number');
    if (opts.minExclusive ? v <= opts.min : v < opts.min) {
      return this.fail(field, `must be ${opts.minExclusive ? 'greater than' : 'at least'} ${opts.min}`);
    }
    if (v > opts.max) return this.fail(field, `must be at most ${opts.max}`);
    const scaled = v * 10 ** opts.decimals;
    if (Math.abs(scaled - Math.round(scaled)) > 1e-6)
      return this.fail(field, `must have at most ${opts.decimals} decimal places`);
    return v;
  }

  /** ISO 8601 with an explicit offset (`Z` or `+05:30`), within [earliest, latest] epoch ms. */
  timestamp(field: string, earliest: number, latest: number): number | undefined {
    const s = this.string(field, { max: 40 });
    if (s === undefined) return undefined;
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) {
      return this.fail(
        field,
        'must be an ISO 8601 timestamp with a time zone, e.g. 2026-12-03T10:15:00+05:30',
      );
    }
    const t = Date.parse(s);
    if (!Number.isFinite(t)) return this.fail(field, 'is not a real date and time');
    if (t > latest) return this.fail(field, 'is in the future');
    if (t < earliest) return this.fail(field, 'is older than the accepted window');
    return t;
  }

  array(field: string, min: number, max: number): unknown[] | undefined {
    const v = this.record[field];
    if (v === undefined || v === null) return this.fail(field, 'is required');
    if (!Array.isArray(v)) return this.fail(field, `must be an array, got ${describe(v)}`);
    if (v.length < min) return this.fail(field, `must have at least ${min} entr${min === 1 ? 'y' : 'ies'}`);
    if (v.length > max) return this.fail(field, `must have at most ${max} entries`);
    return v;
  }

  child(record: unknown, path: string): Checker | undefined {
    if (!isObject(record)) return this.fail(path, `must be an object, got ${describe(record)}`);
    return new Checker(this.index, record, `${this.prefix}${path}.`);
  }

  error(field: string, message: string): void {
    this.fail(field, message);
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)?.slice(0, 40)}`;
}
