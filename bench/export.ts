// Streaming exports (issue 8): writeExport writing N piggy-bank openings from
// the database into an XLSX file, against exceljs's streaming writer alone
// writing the same rows (already in memory as arrays, same columns and
// formats), in the same run. Each side runs in its own child process
// (bench/export-child.ts) so that their peak memory (maxRSS) does not mix;
// both open the same database, so its own memory is on both sides.
// Targets: time ≤ 2× exceljs alone, < 100 MB extra peak RSS.
// Database: PGlite in a temp directory, or the PostgreSQL server of
// DATABASE_URL (postgres://…, migrated; the run's units and records are removed after).
// Run: npm run bench:export -- [--rows N] [--rounds R]   (N defaults to 100,000, R to 1)
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { openDatabase, type Database } from "../src/db/database.ts";
import { prepareDatabase } from "../src/db/migrate.ts";
import { vietnamToday } from "../src/domain/dates.ts";
import { createServices } from "../src/services/index.ts";

const { values } = parseArgs({ options: { rows: { type: "string", default: "100000" }, rounds: { type: "string", default: "1" } } });
const N = Number(values.rows);
const ROUNDS = Number(values.rounds);
if (!Number.isInteger(N) || N < 100) throw new Error("--rows must be a whole number ≥ 100");
if (!Number.isInteger(ROUNDS) || ROUNDS < 1 || ROUNDS > 10) throw new Error("--rounds must be 1–10");
const ADMIN = 1;
const BRANCHES = 40;
const here = path.dirname(fileURLToPath(import.meta.url));
const serverUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL : undefined;
const tempRoot = mkdtempSync(path.join(tmpdir(), "kh-bench-export-"));
const databaseUrl = serverUrl ?? `pglite:${path.join(tempRoot, "db")}`;
const year = vietnamToday(new Date()).year - 1;

async function open(): Promise<Database> {
  const db = await openDatabase(serverUrl ? { kind: "postgres", url: serverUrl } : { kind: "pglite", dir: path.join(tempRoot, "db") });
  await prepareDatabase(db);
  return db;
}

/** A commune of its own with BRANCHES branches, a drive each, and N openings spread over the year (one INSERT … SELECT). */
async function seed(db: Database): Promise<number> {
  const services = createServices({ db: db.prisma, adminTelegramIds: [ADMIN], now: () => new Date() });
  const admin = await services.access.loadPerson(ADMIN);
  const tag = Date.now().toString(36);
  const commune = await services.units.createUnit(admin, { parentId: null, name: `Xã Chiềng Châu ${tag}`, kind: "COMMUNE" });
  const drives: number[] = [];
  for (let i = 0; i < BRANCHES; i++) {
    const branch = await services.units.createUnit(admin, { parentId: commune.id, name: `Chi hội bản Lác ${i + 1}`, kind: "BRANCH" });
    const drive = await db.prisma.piggyBankDrive.create({
      data: { unitId: branch.id, schoolYear: year - 1, recipientKind: "PUPIL", banksHandedOut: 100, createdByTelegramId: BigInt(ADMIN) },
    });
    drives.push(drive.id);
  }
  await db.prisma.$executeRawUnsafe(`
    INSERT INTO "PiggyBankOpening" ("driveId", "openedOn", "banksOpened", "amountCollected", "scholarshipCount", "scholarshipAmount",
      "suppliesAmount", "fundAmount", "otherAmount", "status", "createdByTelegramId", "updatedAt")
    SELECT (ARRAY[${drives.join(",")}])[1 + g % ${drives.length}], DATE '${year}-01-01' + (g % 365), 1 + g % 50, 100000 + (g % 997) * 1000,
      g % 4, (g % 4) * 500000, 20000, 30000, 0, (CASE WHEN g % 3 = 0 THEN 'SUBMITTED' ELSE 'APPROVED' END)::"PiggyBankOpeningStatus", ${ADMIN}, now()
    FROM generate_series(1, ${N}) g`);
  return commune.id;
}

async function cleanUp(db: Database, communeId: number): Promise<void> {
  const units = await db.prisma.unit.findMany({ where: { path: { startsWith: `/${communeId}/` } }, select: { id: true } });
  const ids = units.map((u) => u.id);
  await db.prisma.piggyBankOpening.deleteMany({ where: { drive: { unitId: { in: ids } } } });
  await db.prisma.piggyBankDrive.deleteMany({ where: { unitId: { in: ids } } });
  await db.prisma.auditLog.deleteMany({ where: { entity: "Unit", entityId: { in: ids.map(String) } } });
  await db.prisma.unit.deleteMany({ where: { id: { in: ids }, parentId: { not: null } } });
  await db.prisma.unit.deleteMany({ where: { id: communeId } });
}

interface ChildResult { mode: string; ms: number; rows: number; bytes: number; maxRssMb: number; readyRssMb: number }

function child(mode: "export" | "baseline", unitId: number, out: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [
      "--import", "tsx", path.join(here, "export-child.ts"),
      "--mode", mode, "--database", databaseUrl, "--unit", String(unitId), "--year", String(year), "--admin", String(ADMIN), "--out", out,
    ], { stdio: ["ignore", "pipe", "inherit"] });
    let text = "";
    proc.stdout.on("data", (c: Buffer) => (text += c.toString("utf8")));
    proc.on("error", reject);
    proc.on("close", (code) => {
      const line = text.split("\n").find((l) => l.startsWith("BENCH "));
      if (code !== 0 || !line) reject(new Error(`${mode} child exited with ${code}: ${text}`));
      else resolve(JSON.parse(line.slice(6)) as ChildResult);
    });
  });
}

const f = (n: number, d = 1) => n.toFixed(d);

async function main() {
  console.log(`Export benchmark: ${N} piggy-bank openings → XLSX, on ${serverUrl ? "PostgreSQL" : "PGlite"}`);
  let db = await open();
  const started = performance.now();
  const unitId = await seed(db);
  console.log(`  seeded in ${f((performance.now() - started) / 1000)} s`);
  // PGlite: one process at a time on a directory — the children open it in turn.
  await db.close();
  const runs: { export: ChildResult; baseline: ChildResult }[] = [];
  try {
    for (let r = 0; r < ROUNDS; r++) {
      const baseline = await child("baseline", unitId, path.join(tempRoot, `baseline-${r}.xlsx`));
      const exported = await child("export", unitId, path.join(tempRoot, `export-${r}.xlsx`));
      runs.push({ export: exported, baseline });
      for (const x of [baseline, exported]) {
        console.log(`  ${x.mode.padEnd(8)} ${x.rows} rows in ${f(x.ms / 1000, 2)} s, ${f(x.bytes / 1e6)} MB file; RSS ready ${f(x.readyRssMb)} MB, peak ${f(x.maxRssMb)} MB`);
      }
    }
  } finally {
    db = await open();
    await cleanUp(db, unitId);
    await db.close();
  }
  const best = (pick: (r: (typeof runs)[number]) => ChildResult) => runs.map(pick).reduce((a, b) => (b.ms < a.ms ? b : a));
  const e = best((r) => r.export);
  const b = best((r) => r.baseline);
  if (e.rows !== b.rows || e.rows !== N) throw new Error(`row counts differ: export ${e.rows}, baseline ${b.rows}, seeded ${N}`);
  const timeRatio = e.ms / b.ms;
  const extraRss = Math.max(...runs.map((r) => r.export.maxRssMb)) - Math.max(...runs.map((r) => r.baseline.maxRssMb));
  console.log(`  writeExport ${f(e.ms / 1000, 2)} s vs exceljs alone ${f(b.ms / 1000, 2)} s: ${f(timeRatio, 2)}× (target ≤ 2×)`);
  console.log(`  peak RSS ${f(Math.max(...runs.map((r) => r.export.maxRssMb)))} MB vs ${f(Math.max(...runs.map((r) => r.baseline.maxRssMb)))} MB (rows in memory): ${f(extraRss)} MB extra (target < 100 MB)`);
  const growth = (pick: (r: (typeof runs)[number]) => ChildResult) => Math.max(...runs.map((r) => pick(r).maxRssMb - pick(r).readyRssMb));
  console.log(`  growth over the RSS with the database open: export ${f(growth((r) => r.export))} MB, exceljs alone ${f(growth((r) => r.baseline))} MB (its rows included)`);
  console.log(`RESULT time_ratio=${f(timeRatio, 2)} extra_rss_mb=${f(extraRss, 0)}`);
}

try {
  await main();
} finally {
  rmSync(tempRoot, { recursive: true, force: true });
}
