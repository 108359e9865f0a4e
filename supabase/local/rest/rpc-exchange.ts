// One RPC request as one extended-protocol exchange: Bind/Execute the PostgREST settings,
// Bind/Execute the call, then a single Sync. Everything before a Sync is one implicit
// transaction in Postgres, so the settings (set_config(..., true)) hold for the call and
// vanish at its end, an error anywhere rolls all of it back, and the request costs one
// round trip and no BEGIN/COMMIT statements. node-postgres sends a Sync after every
// query, hence this small custom submittable (pg's documented `submit` extension point,
// as pg-cursor uses). Both statements are prepared once per connection.
import type pg from 'pg';

/** The slice of pg's Connection this exchange writes to. */
interface WireConnection {
  parse(q: { text: string; name: string; types: never[] }): void;
  bind(c: { statement: string; values: readonly (string | null)[] }): void;
  execute(c: { portal: string; rows?: number }): void;
  close(c: { type: 'S'; name: string }): void;
  sync(): void;
  stream: { cork?: () => void; uncork?: () => void };
}

interface Statement {
  readonly name: string;
  readonly text: string;
  readonly values: readonly (string | null)[];
}

export interface ExchangeResult {
  /** Text fields of the call's rows (text format). */
  readonly rows: readonly (readonly (string | null)[])[];
  /** Rows of any statements after the call (e.g. the response.status read-back). */
  readonly after: readonly (readonly (readonly (string | null)[])[])[];
}

// Per connection: statements known to be prepared, and statements whose state is unknown
// after an error (closed and prepared again before next use; closing an absent one is fine).
const prepared = new WeakMap<object, Set<string>>();
const uncertain = new WeakMap<object, Set<string>>();

class RpcExchange {
  readonly #statements: readonly Statement[];
  readonly #resolve: (r: ExchangeResult) => void;
  readonly #reject: (e: unknown) => void;
  #completed = 0;
  #failed = false;
  /** Data rows by statement index; statement 0 (the settings) is not kept. */
  readonly #rows: (string | null)[][][] = [];
  #connection: WireConnection | undefined;

  constructor(
    statements: readonly Statement[],
    resolve: (r: ExchangeResult) => void,
    reject: (e: unknown) => void,
  ) {
    this.#statements = statements;
    this.#resolve = resolve;
    this.#reject = reject;
  }

  submit(connection: WireConnection): void {
    this.#connection = connection;
    const done = prepared.get(connection) ?? new Set<string>();
    prepared.set(connection, done);
    const unsure = uncertain.get(connection);
    connection.stream.cork?.();
    try {
      for (const s of this.#statements) {
        if (unsure?.has(s.name) === true) {
          connection.close({ type: 'S', name: s.name });
          unsure.delete(s.name);
          done.delete(s.name);
        }
        if (!done.has(s.name)) {
          connection.parse({ text: s.text, name: s.name, types: [] });
          done.add(s.name);
        }
        connection.bind({ statement: s.name, values: s.values });
        connection.execute({ portal: '' });
      }
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
  }

  handleDataRow(msg: { fields: (string | null)[] }): void {
    // Rows before the first CommandComplete belong to the settings statement.
    if (this.#completed === 0) return;
    (this.#rows[this.#completed] ??= []).push(msg.fields);
  }

  handleCommandComplete(): void {
    this.#completed++;
  }

  handleRowDescription(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyInResponse(): void {}
  handleCopyData(): void {}

  handleError(err: unknown): void {
    if (this.#failed) return;
    this.#failed = true;
    if (this.#connection !== undefined) {
      const set = uncertain.get(this.#connection) ?? new Set<string>();
      for (const s of this.#statements) set.add(s.name);
      uncertain.set(this.#connection, set);
    }
    this.#reject(err);
  }

  handleReadyForQuery(): void {
    if (this.#failed) return;
    const [, call = [], ...after] = Array.from(
      { length: this.#statements.length },
      (_, i) => this.#rows[i] ?? [],
    );
    this.#resolve({ rows: call, after });
  }
}

export function runExchange(
  client: pg.PoolClient,
  statements: readonly Statement[],
): Promise<ExchangeResult> {
  return new Promise((resolve, reject) => {
    // pg accepts any object with submit(); its result handlers are called as for a Query.
    void client.query(new RpcExchange(statements, resolve, reject) as unknown as pg.QueryConfig);
  });
}
