// The HTTP front of the ingest functions: method, content type, size and JSON checks, each
// answered with its own status and code before any database work (Property 39).
// Answers never echo input, stack traces or SQL.

export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface IngestError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly headers?: Record<string, string>;
}

export type ReadResult =
  | { readonly ok: true; readonly bytes: Uint8Array<ArrayBuffer>; readonly json: unknown }
  | { readonly ok: false; readonly error: IngestError };

const fail = (
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): ReadResult => ({
  ok: false,
  error: headers === undefined ? { status, code, message } : { status, code, message, headers },
});

/** Reads at most `limit` bytes; null when the body is longer. */
async function readCapped(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (req.body === null) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export async function readIngestRequest(req: Request, limit = MAX_BODY_BYTES): Promise<ReadResult> {
  if (req.method !== 'POST') {
    return fail(405, 'METHOD_NOT_ALLOWED', `use POST, not ${req.method.slice(0, 16)}`, { Allow: 'POST' });
  }
  const type = (req.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json') {
    return fail(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as Content-Type: application/json');
  }
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > limit) {
    return fail(413, 'PAYLOAD_TOO_LARGE', `the body is larger than ${limit} bytes; send smaller batches`);
  }
  let bytes: Uint8Array<ArrayBuffer> | null;
  try {
    bytes = await readCapped(req, limit);
  } catch {
    return fail(400, 'BODY_UNREADABLE', 'the request body could not be read');
  }
  if (bytes === null)
    return fail(413, 'PAYLOAD_TOO_LARGE', `the body is larger than ${limit} bytes; send smaller batches`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail(400, 'MALFORMED_JSON', 'the body is not valid UTF-8');
  }
  try {
    return { ok: true, bytes, json: JSON.parse(text) as unknown };
  } catch {
    return fail(400, 'MALFORMED_JSON', 'the body is not valid JSON');
  }
}

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
