// Turns a Postgres error raised while running a SQL file into one message a developer
// can act on: the file, the line, and Postgres's own message, detail and hint.
import { lineAndColumn } from './sql-split.ts';

interface PgErrorLike {
  message: string;
  code?: string | undefined;
  detail?: string | undefined;
  hint?: string | undefined;
  position?: string | undefined;
  where?: string | undefined;
}

export function isPgError(e: unknown): e is PgErrorLike {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'string';
}

export function describeSqlFileError(file: string, sql: string, err: unknown): string {
  if (!isPgError(err)) return `${file}: ${err instanceof Error ? err.message : String(err)}`;
  const pos = err.position === undefined ? undefined : Number(err.position);
  const at =
    pos === undefined || !Number.isFinite(pos)
      ? ''
      : (() => {
          const { line, column } = lineAndColumn(sql, pos);
          return ` (line ${line}, column ${column})`;
        })();
  const parts = [`${file}${at}: ERROR ${err.code ?? ''}: ${err.message}`];
  if (err.detail) parts.push(`DETAIL: ${err.detail}`);
  if (err.hint) parts.push(`HINT: ${err.hint}`);
  if (err.where) parts.push(`CONTEXT: ${err.where}`);
  return parts.join('\n');
}
