// Applies the committed migrations in prisma/migrations. The bot does this
// itself instead of shelling out to the Prisma CLI: the CLI's WebAssembly
// schema engine is slow to start and lingers, and PGlite can only be opened
// by one process at a time. The bookkeeping table is Prisma's own
// `_prisma_migrations`, so `prisma migrate` sees the same history.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database, SqlSession } from "./database.ts";

export const MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../prisma/migrations",
);

const BOOKKEEPING = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
);`;

// Any constant works; it keeps two instances from migrating at once.
const ADVISORY_LOCK_KEY = 72_616_001;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

export interface MigrateResult {
  applied: string[];
  /** migrations whose file changed after they were applied (left alone) */
  modified: string[];
}

export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<MigrateResult> {
  const migrations = await readMigrations(dir);
  // One connection for the whole run: the advisory lock belongs to a session.
  return db.exclusive(async (session) => {
    const locked = db.kind === "postgres";
    if (locked) await session.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    try {
      return await applyPending(session, migrations);
    } finally {
      if (locked) await session.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]);
    }
  });
}

async function applyPending(session: SqlSession, migrations: Migration[]): Promise<MigrateResult> {
  await session.runScript(BOOKKEEPING);
  const done = await session.query<{ migration_name: string; checksum: string }>(
    `SELECT migration_name, checksum FROM "_prisma_migrations"
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const byName = new Map(done.map((r) => [r.migration_name, r.checksum]));
  const result: MigrateResult = { applied: [], modified: [] };
  for (const m of migrations) {
    const checksum = byName.get(m.name);
    if (checksum !== undefined) {
      if (checksum !== m.checksum) result.modified.push(m.name);
      continue;
    }
    // One transaction per migration: a failing file leaves nothing behind.
    await session
      .runScript(
        `BEGIN;\n${m.sql}\n;INSERT INTO "_prisma_migrations"
          (id, checksum, finished_at, migration_name, applied_steps_count)
          VALUES ('${randomUUID()}', '${m.checksum}', now(), '${m.name.replace(/'/g, "''")}', 1);
        COMMIT;`,
      )
      .catch(async (error: unknown) => {
        await session.runScript("ROLLBACK;").catch(() => undefined);
        throw new Error(`migration ${m.name} failed: ${(error as Error).message}`);
      });
    result.applied.push(m.name);
  }
  return result;
}

export class PendingMigrationsError extends Error {
  constructor(readonly pending: string[]) {
    super(`The database needs migrating (${pending.join(", ")}): run \`npm run db:migrate\` first.`);
  }
}

/**
 * Gets a database ready to use: the embedded one migrates itself (zero
 * setup); a server must have been migrated explicitly (`npm run db:migrate`),
 * so running on an old schema fails with PendingMigrationsError.
 */
export async function prepareDatabase(db: Database): Promise<MigrateResult> {
  if (db.kind === "pglite") return migrate(db);
  const applied = await db
    .query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`)
    .catch(() => []);
  const done = new Set(applied.map((r) => r.migration_name));
  const pending = (await readMigrations()).filter((m) => !done.has(m.name)).map((m) => m.name);
  if (pending.length > 0) throw new PendingMigrationsError(pending);
  return { applied: [], modified: [] };
}
