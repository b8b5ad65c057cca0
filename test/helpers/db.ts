// Fresh, migrated databases for tests: PGlite in memory always, and a
// PostgreSQL server too when TEST_DATABASE_URL is set (CI sets it). Each
// call on the server creates its own database, dropped again on close.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { migrate } from "../../src/db/migrate.ts";
import { createServices, type Services } from "../../src/services/index.ts";

export type DbKind = "pglite" | "postgres";

/** The databases the suites run against here: use with describe.each. */
export const TEST_DATABASES: DbKind[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

/** A new, empty database on the server at `base` (not migrated): its URL and name, and drop() to remove it. */
export async function createPostgresDatabase(base: string, prefix: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const dropper = new pg.Client({ connectionString: base });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export async function freshDatabase(kind: DbKind): Promise<Database> {
  if (kind === "pglite") {
    const db = await openDatabase({ kind: "pglite", dir: null });
    await migrate(db);
    return db;
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  const { url, name } = await createPostgresDatabase(base, "t");
  const db = await openDatabase({ kind: "postgres", url });
  await migrate(db);
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    const dropper = new pg.Client({ connectionString: base });
    await dropper.connect();
    // Connections just ended may still be closing on the server: FORCE would terminate them
    // mid-goodbye (an error event on a client nobody listens to any more). Wait a little first.
    for (let i = 0; i < 50; i++) {
      const { rows } = await dropper.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [name]);
      if (rows[0]?.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  };
  return db;
}

export interface TestEnv {
  db: Database;
  services: Services;
  /** the clock services see; tests move it */
  clock: { now: Date };
}

export async function freshServices(kind: DbKind, adminTelegramIds: number[] = [1]): Promise<TestEnv> {
  const db = await freshDatabase(kind);
  const clock = { now: new Date("2026-11-29T03:00:00Z") };
  const services = createServices({ db: db.prisma, adminTelegramIds, now: () => clock.now });
  return { db, services, clock };
}

/** Runs `fn` with the services' clock at `when`, then puts it back (not re-entrant: one at a time). */
export async function atTime<T>(env: TestEnv, when: Date, fn: () => Promise<T>): Promise<T> {
  const saved = env.clock.now;
  env.clock.now = when;
  try {
    return await fn();
  } finally {
    env.clock.now = saved;
  }
}
