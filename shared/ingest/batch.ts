// A posted body is one record or an array of 1..1,000. Valid records go on; invalid ones
// are reported with every bad field (Property 39) and kept as dead letters by the caller.
import type { FieldError } from './check.ts';
import type { Validated } from './records.ts';

export const MAX_BATCH = 1000;

export interface BatchResult<T> {
  readonly valid: readonly { readonly index: number; readonly record: T }[];
  readonly invalid: readonly {
    readonly index: number;
    readonly raw: unknown;
    readonly errors: readonly FieldError[];
  }[];
  readonly errors: readonly FieldError[];
}

export type BatchShapeError = { readonly code: 'EMPTY_BATCH' | 'BATCH_TOO_LARGE'; readonly message: string };

export function validateBatch<T>(
  body: unknown,
  validate: (raw: unknown, index: number, now: number) => Validated<T>,
  now: number,
): BatchResult<T> | BatchShapeError {
  const records = Array.isArray(body) ? body : [body];
  if (records.length === 0)
    return { code: 'EMPTY_BATCH', message: 'the batch is empty: send 1 to 1,000 records' };
  if (records.length > MAX_BATCH) {
    return {
      code: 'BATCH_TOO_LARGE',
      message: `the batch has ${records.length} records: send at most ${MAX_BATCH}`,
    };
  }
  const valid: { index: number; record: T }[] = [];
  const invalid: { index: number; raw: unknown; errors: FieldError[] }[] = [];
  records.forEach((raw, index) => {
    const r = validate(raw, index, now);
    if (r.ok) valid.push({ index, record: r.value });
    else invalid.push({ index, raw, errors: r.errors });
  });
  return { valid, invalid, errors: invalid.flatMap((i) => i.errors) };
}
