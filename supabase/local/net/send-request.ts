// Sends one queued pg_net request and describes the outcome as a net._http_response row.
// Never throws: network failures and timeouts are data (error_msg, timed_out), as in pg_net.

export interface QueuedRequest {
  readonly id: number;
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly body: Buffer | null;
  readonly timeoutMilliseconds: number;
}

export interface ResponseRow {
  readonly id: number;
  readonly statusCode: number | null;
  readonly contentType: string | null;
  readonly headers: Record<string, string> | null;
  readonly content: string | null;
  readonly timedOut: boolean;
  readonly errorMsg: string | null;
}

export async function sendRequest(request: QueuedRequest): Promise<ResponseRow> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers))
    headers[k] = typeof v === 'string' ? v : JSON.stringify(v);
  const failed = (timedOut: boolean, errorMsg: string): ResponseRow => ({
    id: request.id,
    statusCode: null,
    contentType: null,
    headers: null,
    content: null,
    timedOut,
    errorMsg,
  });
  let response: Response;
  const signal = AbortSignal.timeout(request.timeoutMilliseconds);
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers,
      ...(request.body === null ? {} : { body: Uint8Array.from(request.body) }),
      signal,
      redirect: 'follow',
    });
    // Postgres text cannot hold NUL bytes: drop them rather than fail the batch's insert.
    const content = (await response.text()).replaceAll('\u0000', '');
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, key) => (responseHeaders[key] = value));
    return {
      id: request.id,
      statusCode: response.status,
      contentType: response.headers.get('content-type'),
      headers: responseHeaders,
      content,
      timedOut: false,
      errorMsg: null,
    };
  } catch (error) {
    // pg_net's libcurl wording for timeouts, so SQL written against it still matches.
    if (signal.aborted) return failed(true, `Timeout of ${request.timeoutMilliseconds} ms reached`);
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return failed(false, `${error instanceof Error ? error.message : String(error)}${cause}`);
  }
}
