// The one place that knows which database we run on. DATABASE_URL decides:
// unset → embedded PGlite in ./data/pglite; "pglite:<dir>" → PGlite in that
// directory ("pglite:memory" for a throw-away in-memory database);
// postgres:// or postgresql:// → a PostgreSQL server. Both speak the same
// schema and migrations; Prisma reaches them through driver adapters.
// Each driver (PGlite and its adapter; pg and @prisma/adapter-pg) is imported only
// when that kind of database is opened: the one not in use is never loaded
// (issue 9: idle memory and start time).
import { mkdirSync } from "node:fs";
import { PrismaClient } from "./generated/client.ts";

export type Db = PrismaClient;

export interface SqlSession {
  /** Runs SQL text that may hold several statements (migrations). */
  runScript(sql: string): Promise<void>;
  /** Runs one parameterised query and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Database extends SqlSession {
  prisma: Db;
  kind: "pglite" | "postgres";
  /** Runs `fn` on one connection (session-level locks need that; PGlite has only one). */
  exclusive<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const DEFAULT_PGLITE_DIR = "./data/pglite";

export type DatabaseTarget =
  | { kind: "pglite"; dir: string | null }
  | { kind: "postgres"; url: string };

/** Reads DATABASE_URL into a target; throws on a scheme we do not serve. */
export function parseDatabaseUrl(url: string | undefined): DatabaseTarget {
  if (url === undefined || url.trim() === "") return { kind: "pglite", dir: DEFAULT_PGLITE_DIR };
  if (url.startsWith("pglite:")) {
    const dir = url.slice("pglite:".length);
    if (dir === "memory" || dir === "memory://") return { kind: "pglite", dir: null };
    if (dir.trim() === "") throw new Error("pglite: needs a directory, e.g. pglite:./data/pglite");
    return { kind: "pglite", dir };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: "postgres", url };
  throw new Error("must be unset, pglite:<directory>, or postgres://…");
}

/** A description of the target that is safe to log (no password). */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "pglite") return target.dir ? `PGlite (${target.dir})` : "PGlite (in memory)";
  try {
    const u = new URL(target.url);
    return `PostgreSQL (${u.hostname}:${u.port || 5432}${u.pathname})`;
  } catch {
    return "PostgreSQL";
  }
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === "pglite" ? openPglite(target.dir) : openPostgres(target.url);
}

async function openPglite(dir: string | null): Promise<Database> {
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import("@electric-sql/pglite"), import("pglite-prisma-adapter")]);
  if (dir) mkdirSync(dir, { recursive: true });
  const pglite = dir ? new PGlite(dir) : new PGlite();
  await pglite.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const session: SqlSession = {
    async runScript(sql) {
      await pglite.exec(sql);
    },
    async query(sql, params) {
      return (await pglite.query(sql, params)).rows as never[];
    },
  };
  return {
    prisma,
    kind: "pglite",
    ...session,
    exclusive: (fn) => fn(session),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const [{ default: pg }, { PrismaPg }] = await Promise.all([import("pg"), import("@prisma/adapter-pg")]);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server closes (a restart, a terminated backend) is an "error" event
  // of the pool; unheard, it would end the process. The pool drops that client and opens a new
  // one on the next query, which reports any real trouble to its caller.
  pool.on("error", () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    kind: "postgres",
    async runScript(sql) {
      await pool.query(sql);
    },
    async query(sql, params) {
      return (await pool.query(sql, params as unknown[])).rows;
    },
    async exclusive(fn) {
      const client = await pool.connect();
      try {
        return await fn({
          async runScript(sql) {
            await client.query(sql);
          },
          async query(sql, params) {
            return (await client.query(sql, params as unknown[])).rows;
          },
        });
      } finally {
        client.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
