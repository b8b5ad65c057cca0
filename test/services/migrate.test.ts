import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database.ts";
import { MIGRATIONS_DIR, migrate, readMigrations } from "../../src/db/migrate.ts";
import { freshDatabase, TEST_DATABASES } from "../helpers/db.ts";

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

describe.each(TEST_DATABASES)("migrate on %s", (kind) => {
  let db: Database;
  let dir: string;

  beforeAll(async () => {
    db = await freshDatabase(kind); // already migrated once
    dir = await mkdtemp(path.join(tmpdir(), "khuyenhoc-migrations-"));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  const rows = () => db.query<MigrationRow>(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name`);

  async function addMigration(name: string, sql: string): Promise<void> {
    await mkdir(path.join(dir, name), { recursive: true });
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }

  it("records every committed migration in _prisma_migrations, with its checksum", async () => {
    const committed = await readMigrations();
    expect(committed.length).toBeGreaterThan(0);
    const recorded = await rows();
    expect(recorded.map((r) => [r.migration_name, r.checksum])).toEqual(committed.map((m) => [m.name, m.checksum]));
    for (const r of recorded) {
      expect(r.finished_at).not.toBeNull();
      expect(r.rolled_back_at).toBeNull();
    }
  });

  it("applies nothing when run again", async () => {
    const before = await rows();
    expect(await migrate(db)).toEqual({ applied: [], modified: [] });
    expect(await migrate(db)).toEqual({ applied: [], modified: [] });
    expect(await rows()).toEqual(before);
    expect(await db.prisma.unit.count()).toBe(0); // the schema is still usable
  });

  it("applies only a new migration, once", async () => {
    const name = "29990101000000_add_note";
    await addMigration(name, `CREATE TABLE "Note" ("id" SERIAL PRIMARY KEY, "text" TEXT NOT NULL);`);
    expect(await migrate(db, dir)).toEqual({ applied: [name], modified: [] });
    expect(await migrate(db, dir)).toEqual({ applied: [], modified: [] });
    await db.query(`INSERT INTO "Note" ("text") VALUES ($1)`, ["Tiếng trống khuyến học"]);
    expect(await db.query(`SELECT "text" FROM "Note"`)).toEqual([{ text: "Tiếng trống khuyến học" }]);
    expect((await rows()).map((r) => r.migration_name)).toContain(name);
  });

  it("reports a migration whose file changed after it was applied, and leaves it alone", async () => {
    const name = "29990101000000_add_note";
    await writeFile(path.join(dir, name, "migration.sql"), `CREATE TABLE "Note" ("id" SERIAL PRIMARY KEY); -- edited`);
    expect(await migrate(db, dir)).toEqual({ applied: [], modified: [name] });
  });

  it("a failing migration leaves nothing behind and is tried again next time", async () => {
    const name = "29990102000000_broken";
    await addMigration(name, `CREATE TABLE "Half" ("id" INT);\nSELECT * FROM "NoSuchTable";`);
    await expect(migrate(db, dir)).rejects.toThrow(`migration ${name} failed`);
    expect((await rows()).map((r) => r.migration_name)).not.toContain(name);
    expect(await db.query(`SELECT to_regclass('"Half"') AS t`)).toEqual([{ t: null }]);
    await expect(migrate(db, dir)).rejects.toThrow(`migration ${name} failed`);
    expect(await db.prisma.unit.count()).toBe(0); // the connection is still usable
  });
});
