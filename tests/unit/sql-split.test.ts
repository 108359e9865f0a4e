import { describe, expect, it } from 'vitest';
import { lineAndColumn, splitSqlStatements } from '../../supabase/local/db/sql-split.ts';

describe('splitSqlStatements', () => {
  it('splits on top-level semicolons and keeps each terminator', () => {
    expect(splitSqlStatements('create table a (id int);\n\nselect 1;')).toEqual([
      'create table a (id int);',
      'select 1;',
    ]);
  });

  it('ignores semicolons in strings, quoted identifiers, comments and dollar quotes', () => {
    const sql = [
      "select 'a;b', E'c\\';d', \"we;ird\";",
      '-- comment; here',
      '/* block; /* nested; */ still; */',
      'create function f() returns int language plpgsql as $body$ begin return 1; end $body$;',
      'select $$x;y$$;',
    ].join('\n');
    const parts = splitSqlStatements(sql);
    expect(parts).toHaveLength(3);
    expect(parts[0]).toBe("select 'a;b', E'c\\';d', \"we;ird\";");
    expect(parts[1]).toContain('$body$ begin return 1; end $body$;');
    expect(parts[2]).toBe('select $$x;y$$;');
  });

  it('keeps a last statement without a semicolon and drops empty ones', () => {
    expect(splitSqlStatements(';;select 1')).toEqual(['select 1']);
    expect(splitSqlStatements('')).toEqual([]);
    expect(splitSqlStatements('-- only a comment\n')).toEqual([]);
  });
});

describe('lineAndColumn', () => {
  it('maps a 1-based character position to line and column', () => {
    expect(lineAndColumn('ab\ncd\nef', 1)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd\nef', 5)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('ab\ncd\nef', 7)).toEqual({ line: 3, column: 1 });
  });
});
