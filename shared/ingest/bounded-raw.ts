// What a dead letter keeps of a rejected record: the record itself when it is reasonable,
// else a truncated JSON text. Postgres refuses very deep jsonb (stack depth) and huge raw
// records are an abuse vector, so a hostile record must still be storable (never a 5xx).

export const MAX_RAW_DEPTH = 24;
export const MAX_RAW_CHARS = 64 * 1024;

function depthExceeds(v: unknown, limit: number): boolean {
  if (limit < 0) return true;
  if (typeof v !== 'object' || v === null) return false;
  const children = Array.isArray(v) ? v : Object.values(v);
  return children.some((c) => depthExceeds(c, limit - 1));
}

/** NUL and unpaired surrogates, which Postgres text and jsonb cannot hold. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what must be found
export const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function storable(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(UNSTORABLE, '\ufffd');
  if (Array.isArray(v)) return v.map(storable);
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k.replace(UNSTORABLE, '\ufffd'), storable(x)]),
    );
  }
  return v;
}

export function boundedRaw(input: unknown): unknown {
  const raw = depthExceeds(input, MAX_RAW_DEPTH) ? input : storable(input);
  if (depthExceeds(raw, MAX_RAW_DEPTH)) {
    const text = (JSON.stringify(raw) ?? '').slice(0, 4096).replace(UNSTORABLE, '\ufffd');
    return { truncated: true, reason: `nested deeper than ${MAX_RAW_DEPTH} levels`, text };
  }
  const text = JSON.stringify(raw) ?? 'null';
  if (text.length > MAX_RAW_CHARS) {
    return {
      truncated: true,
      reason: `larger than ${MAX_RAW_CHARS} characters`,
      text: text.slice(0, 4096).replace(UNSTORABLE, '\ufffd'),
    };
  }
  return raw;
}
