import Database from 'better-sqlite3';

/**
 * Query plans, judged against a database that holds a shop's history: which
 * statements would read more rows as the history grows. Used by the guard
 * test (tests/integration/core/query-plans.test.ts).
 */

/** A statement as the app ran it: its SQL and the arguments of its first run. */
export interface RanStatement {
  sql: string;
  args: unknown[];
}

/**
 * Records every statement any connection runs (better-sqlite3's run / get /
 * all / iterate) until `stop()`: whatever the code prepares now or prepared
 * long ago, new repositories included, with nothing to keep by hand.
 */
export function recordStatements(): { stop(): RanStatement[] } {
  const probe = new Database(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, unknown>;
  probe.close();
  const seen = new Map<string, RanStatement>();
  const methods = ['run', 'get', 'all', 'iterate'] as const;
  const original = new Map(methods.map((m) => [m, proto[m] as (...a: unknown[]) => unknown]));
  for (const m of methods) {
    const fn = original.get(m)!;
    proto[m] = function (this: { source: string }, ...args: unknown[]) {
      if (!seen.has(this.source)) seen.set(this.source, { sql: this.source, args });
      return fn.apply(this, args);
    };
  }
  return {
    stop() {
      for (const m of methods) proto[m] = original.get(m);
      return [...seen.values()];
    },
  };
}

export interface PlanVerdict {
  sql: string;
  plan: string[];
  problems: string[];
}

export interface JudgeOptions {
  /**
   * Tables that stay small however long the shop trades (configuration and
   * counters). Every other table is taken to grow with the history, so a
   * table added later is judged without anyone listing it.
   */
  boundedTables: readonly string[];
  /**
   * An index scan or an equality search may visit at most this many entries
   * in the history database (e.g. the few open print jobs behind a partial
   * index) before it counts as growing with the history.
   */
  maxEntries: number;
}

const SKIP = /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA|EXPLAIN)\b/i;
const KEYWORDS = new Set(
  'WHERE LEFT RIGHT FULL INNER CROSS OUTER JOIN ON USING INDEXED NOT NATURAL ORDER GROUP LIMIT WINDOW UNION SET VALUES AS'.split(
    ' ',
  ),
);

/** alias → table for every FROM / JOIN / UPDATE / INTO in the statement. */
function aliasesOf(sql: string, tables: Set<string>): Map<string, string> {
  const map = new Map<string, string>();
  const re = /\b(?:FROM|JOIN|UPDATE|INTO)\s+([A-Za-z_]\w*)(?:\s+(?:AS\s+)?([A-Za-z_]\w*))?/gi;
  for (const m of sql.matchAll(re)) {
    const table = m[1]!;
    if (!tables.has(table)) continue;
    map.set(table, table);
    const alias = m[2];
    if (alias && !KEYWORDS.has(alias.toUpperCase())) map.set(alias, table);
  }
  return map;
}

/** Plan rows: what each loop does, in the order SQLite reports them. */
type Loop =
  | { kind: 'scan'; table: string; index: string | null }
  | { kind: 'search'; table: string; index: string | null; constraint: string }
  | { kind: 'sort'; what: string }
  | { kind: 'other' };

function parse(detail: string, aliases: Map<string, string>): Loop {
  const sort = /^USE TEMP B-TREE FOR (.+)$/.exec(detail);
  if (sort) return { kind: 'sort', what: sort[1]! };
  const scan = /^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?/.exec(detail);
  if (scan && aliases.has(scan[1]!))
    return { kind: 'scan', table: aliases.get(scan[1]!)!, index: scan[2] ?? null };
  const search =
    /^SEARCH (\w+) USING (?:(?:COVERING )?INDEX (\w+)|INTEGER PRIMARY KEY|PRIMARY KEY) \((.*)\)/.exec(
      detail,
    );
  if (search && aliases.has(search[1]!))
    return {
      kind: 'search',
      table: aliases.get(search[1]!)!,
      index: search[2] ?? null,
      constraint: search[3]!,
    };
  return { kind: 'other' };
}

/**
 * Judges what a statement's plan reads in `db` (a database with history):
 * - a SCAN of a growing table (or of an index holding more than `maxEntries`);
 * - an equality SEARCH whose key matches more than `maxEntries` rows here
 *   (e.g. `state = 'approved'`: an index that doesn't narrow anything);
 * - a temp B-tree sort over rows read from a growing table by a scan or a range.
 */
export function judgeStatement(
  db: Database.Database,
  statement: RanStatement,
  o: JudgeOptions,
): PlanVerdict | null {
  if (SKIP.test(statement.sql)) return null;
  const tables = new Set(
    db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => r.name),
  );
  const aliases = aliasesOf(statement.sql, tables);
  const plan = db
    .prepare(`EXPLAIN QUERY PLAN ${statement.sql}`)
    .all(...statement.args)
    .map((r) => (r as { detail: string }).detail);
  const growing = (t: string) => !o.boundedTables.includes(t);
  const problems: string[] = [];
  let unboundedRead: string | null = null;
  for (const detail of plan) {
    const loop = parse(detail, aliases);
    if (loop.kind === 'scan' && growing(loop.table)) {
      const entries = loop.index ? indexEntries(db, loop.index) : null;
      if (entries === null || entries > o.maxEntries) {
        problems.push(
          `${detail}: reads every ${loop.index ? `entry of ${loop.index}` : 'row'} (${entries ?? rowCount(db, loop.table)} here)`,
        );
        unboundedRead = detail;
      }
    } else if (loop.kind === 'search' && growing(loop.table)) {
      const range = /[<>]/.test(loop.constraint);
      if (range) unboundedRead = detail;
      else if (loop.index) {
        const widest = widestKey(db, loop.table, loop.index, loop.constraint);
        if (widest > o.maxEntries) {
          problems.push(`${detail}: one key matches up to ${widest} rows here`);
          unboundedRead = detail;
        }
      }
    } else if (loop.kind === 'sort' && unboundedRead) {
      problems.push(`${detail}: sorts what "${unboundedRead}" reads`);
    }
  }
  return { sql: statement.sql.replace(/\s+/g, ' ').trim(), plan, problems };
}

/**
 * Whether SQLite prepares the statement again every time it runs. It does when
 * the query planner compared a bare `?` with something while planning (for
 * constant propagation across a join or an ORDER BY, or a partial index's
 * WHERE): then each new binding expires the plan. better-sqlite3 builds its
 * row maker again after each re-prepare (with `Function`), which is how this
 * sees it; so it is judged for statements that return rows. Writing `+?`
 * (a value, no longer a bare parameter) keeps the plan.
 */
export function preparesEveryRun(db: Database.Database, statement: RanStatement): boolean {
  if (!/^\s*(SELECT|WITH)\b/i.test(statement.sql)) return false;
  const stmt = db.prepare(statement.sql);
  if (!stmt.reader) return false;
  const rows = stmt.all(...statement.args);
  if (rows.length === 0) return false; // no row: nothing was built to see
  const real = globalThis.Function;
  let built = 0;
  globalThis.Function = new Proxy(real, {
    apply(target, self, args: string[]) {
      built += 1;
      return Reflect.apply(target, self, args) as unknown;
    },
  });
  try {
    stmt.all(...statement.args);
    stmt.all(...statement.args);
  } finally {
    globalThis.Function = real;
  }
  return built > 0;
}

function rowCount(db: Database.Database, table: string): number {
  return db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "${table}"`).get()?.n ?? 0;
}

/** Entries of an index as stored (partial indexes hold only their rows). */
function indexEntries(db: Database.Database, index: string): number {
  return (
    db
      .prepare<[string], { n: number | null }>(
        "SELECT sum(ncell) AS n FROM dbstat WHERE name = ? AND pagetype IN ('leaf', 'internal')",
      )
      .get(index)?.n ?? 0
  );
}

/**
 * The most rows any one key of an equality search matches: the index's
 * leading columns named in the constraint (`a=? AND b=?`), grouped.
 */
function widestKey(
  db: Database.Database,
  table: string,
  index: string,
  constraint: string,
): number {
  const columns = [...constraint.matchAll(/(\w+)=\?/g)].map((m) => m[1]!);
  if (columns.length === 0) return 0;
  const partial = db
    .prepare<[string], { sql: string | null }>(
      "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?",
    )
    .get(index)?.sql;
  const where = partial ? /\bWHERE\b([\s\S]*)$/i.exec(partial)?.[1] : undefined;
  // An equality never matches NULL (the rows a UNIQUE index on a generated
  // column leaves out, e.g. orders_at_counter), so NULL keys don't count.
  const conditions = [...(where ? [`(${where})`] : []), ...columns.map((c) => `${c} IS NOT NULL`)];
  const sql = `SELECT max(n) AS n FROM (SELECT count(*) AS n FROM "${table}" WHERE ${conditions.join(' AND ')} GROUP BY ${columns.join(', ')})`;
  return db.prepare<[], { n: number | null }>(sql).get()?.n ?? 0;
}
