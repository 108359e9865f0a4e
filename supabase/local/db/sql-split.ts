// Splits a SQL script into statements the way the Supabase CLI records them in
// supabase_migrations.schema_migrations.statements: one entry per top-level `;`,
// ignoring semicolons inside quotes, dollar quotes and comments. Pure.

/** Returns trimmed statements, each with its terminating `;` when it had one. */
export function splitSqlStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number): void => {
    const s = sql.slice(start, end).trim();
    if (s !== '' && s !== ';' && !isOnlyComments(s)) out.push(s);
    start = end;
  };
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl === -1 ? sql.length : nl + 1;
    } else if (c === '/' && next === '*') {
      i = skipBlockComment(sql, i);
    } else if (c === "'" || c === '"') {
      i = skipQuoted(sql, i, c);
    } else if (c === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z_0-9]*)?\$/.exec(sql.slice(i))?.[0];
      if (tag !== undefined && !/[A-Za-z_0-9]/.test(sql[i - 1] ?? ' ')) {
        const close = sql.indexOf(tag, i + tag.length);
        i = close === -1 ? sql.length : close + tag.length;
      } else i++;
    } else if (c === ';') {
      i++;
      push(i);
    } else i++;
  }
  push(sql.length);
  return out;
}

function skipBlockComment(sql: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return sql.length;
}

function skipQuoted(sql: string, from: number, q: string): number {
  let i = from + 1;
  // E'' strings allow backslash escapes; a doubled quote is an escaped quote in both forms.
  const escapes = q === "'" && /[eE]/.test(sql[from - 1] ?? '');
  while (i < sql.length) {
    const c = sql[i];
    if (escapes && c === '\\') i += 2;
    else if (c === q && sql[i + 1] === q) i += 2;
    else if (c === q) return i + 1;
    else i++;
  }
  return sql.length;
}

function isOnlyComments(s: string): boolean {
  return (
    s
      .replace(/--[^\n]*/g, '')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/;/g, '')
      .trim() === ''
  );
}

/** 1-based line and column of a 1-based character `position` (as Postgres reports it). */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, position - 1));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}
