// Databases and pretend reporters for bench/updates.ts.
// The timed client is built exactly as src/db/database.ts builds it; a second
// client on the same PGlite instance / server, with Prisma's query events on,
// serves the profile (queries per step), so the timed runs carry no logging.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { openDatabase, type Database, type Db, type SqlSession } from "../src/db/database.ts";
import { PrismaClient } from "../src/db/generated/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { schoolYearOf, vietnamToday } from "../src/domain/dates.ts";
import { createServices, type Services } from "../src/services/index.ts";
import { seedExampleTree } from "../src/services/unit-import.ts";
import { letters } from "../test/helpers/people.ts";

export const ADMIN_ID = 1;
export const FIRST_USER_ID = 50_000;

export interface BenchDb {
  label: string;
  db: Database;
  /** another client on the same database that emits Prisma "query" events */
  logged: Db;
  /** called with the SQL of each query of `logged` */
  onQuery(fn: (sql: string) => void): void;
  close(): Promise<void>;
}

/** PGlite in a temporary directory (as in production: `pglite:<dir>`), or in memory. */
export async function openPgliteBench(inMemory: boolean): Promise<BenchDb> {
  const dir = inMemory ? null : mkdtempSync(path.join(tmpdir(), "kh-bench-updates-"));
  const pglite = dir ? new PGlite(dir) : new PGlite();
  await pglite.waitReady;
  // As openPglite in src/db/database.ts (which does not hand out the instance).
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const session: SqlSession = {
    async runScript(sql) {
      await pglite.exec(sql);
    },
    async query(sql, params) {
      return (await pglite.query(sql, params)).rows as never[];
    },
  };
  const db: Database = {
    prisma, kind: "pglite", ...session, exclusive: (fn) => fn(session),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
  const logged = new PrismaClient({ adapter: new PrismaPGlite(pglite), log: [{ emit: "event", level: "query" }] });
  return {
    label: dir ? "PGlite (temp dir)" : "PGlite (memory)",
    db, logged, onQuery: (fn) => logged.$on("query", (e) => fn(e.query)),
    async close() {
      await logged.$disconnect();
      await db.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function openPostgresBench(url: string): Promise<BenchDb> {
  const db = await openDatabase({ kind: "postgres", url });
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on("error", () => undefined);
  const logged = new PrismaClient({ adapter: new PrismaPg(pool), log: [{ emit: "event", level: "query" }] });
  return {
    label: "PostgreSQL server", db, logged, onQuery: (fn) => logged.$on("query", (e) => fn(e.query)),
    async close() {
      await logged.$disconnect();
      await pool.end();
      await db.close();
    },
  };
}

export interface Reporter {
  telegramId: number;
  unitId: number;
  driveId: number;
}

/**
 * Migrates, seeds the example tree and makes `n` reporters through the
 * services, each in a branch of their own (under Xã Chiềng Châu) with a drive
 * of the current school year: their piggy-bank card stays one opening long.
 */
export async function prepare(bench: BenchDb, n: number): Promise<{ services: Services; reporters: Reporter[] }> {
  await migrate(bench.db);
  const services = createServices({ db: bench.db.prisma, adminTelegramIds: [ADMIN_ID], now: () => new Date() });
  await seedExampleTree(services.deps);
  const admin = await services.access.loadPerson(ADMIN_ID);
  const commune = await bench.db.prisma.unit.findUniqueOrThrow({ where: { code: "HB-MC-CC" } });
  const schoolYear = schoolYearOf(vietnamToday(new Date())).start;
  const reporters: Reporter[] = [];
  for (let i = 0; i < n; i++) {
    const telegramId = FIRST_USER_ID + i;
    const unit = await services.units.createUnit(admin, { parentId: commune.id, name: `Chi hội thử ${letters(i)}`, kind: "BRANCH" });
    const invite = await services.invites.createInvite(admin, { unitId: unit.id, role: "REPORTER", maxUses: 1, expiresAt: null });
    await services.invites.acceptInvite(invite.code, { telegramId, fullName: `Người ${letters(i)}`, phone: null, language: "vi" });
    const person = await services.access.loadPerson(telegramId);
    const drive = await services.piggyBanks.startDrive(person, {
      unitId: unit.id, schoolYear, recipientKind: "HOUSEHOLD", banksHandedOut: 100_000, note: null,
    });
    reporters.push({ telegramId, unitId: unit.id, driveId: drive.id });
  }
  return { services, reporters };
}

/** Back to the state before a run: no openings (so every card is one opening long again). */
export async function resetOpenings(db: Database): Promise<void> {
  await db.prisma.piggyBankOpening.deleteMany();
}
