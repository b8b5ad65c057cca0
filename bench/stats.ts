// /stats over a big subtree: services.stats.subtreeStats against the same
// figures from a handful of hand-written SQL GROUP BY queries, in the same
// run (median of a few repetitions each, interleaved, after a warm-up).
//
// The subtree: a bench province with COMMUNES communes, each with BRANCHES
// branches and a school committee; N records spread over the branches —
// 70 % piggy-bank openings (one drive per branch), 15 % sponsorship cases
// (with their OPENED and STATUS events), 15 % learning registrations (half
// evaluated, some recognised) — plus the communes' and committees' reports.
// Inserted directly with Prisma createMany in chunks (the services would take
// hours); dates over 2025–2026, and the stats are for the year 2026.
//
// Database: PGlite in a temp directory (removed at the end), or the
// PostgreSQL server of DATABASE_URL (postgres://…, migrated). On a server the
// bench's own rows are emptied first: everything under the unit with code
// "bench-stats" (openings, drives, cases and their events, registrations and
// evaluations, reports, the units), so other data is left alone and the
// figures only ever read the bench subtree. ANALYZE runs after the build on
// both (see below).
// Run: npm run bench:stats -- --records N   (N defaults to 100,000)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Prisma } from "../src/db/generated/client.ts";
import { openDatabase, type Database, type Db } from "../src/db/database.ts";
import { prepareDatabase } from "../src/db/migrate.ts";
import { OPEN_STATUSES } from "../src/domain/sponsorship.ts";
import { createServices } from "../src/services/index.ts";
import type { SubtreeStats } from "../src/services/stats.ts";

const { values } = parseArgs({ options: { records: { type: "string", default: "100000" }, reps: { type: "string", default: "5" } } });
const N = Number(values.records);
const REPS = Number(values.reps);
if (!Number.isInteger(N) || N < 1000) throw new Error("--records must be a whole number ≥ 1000");
const COMMUNES = 8;
const BRANCHES = 25;
const ROOT_CODE = "bench-stats";
const CHUNK = 5000;
const YEAR = 2026;
const serverUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL : undefined;

// A fixed seed: every run builds the same records.
let seed = 20260630;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2025, 0, 1);
/** A calendar day (a @db.Date: UTC midnight) in 2025–2026. */
const randomDay = () => new Date(FIRST_DAY + Math.floor(rand() * 730) * DAY);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function openBenchDatabase(): Promise<{ db: Database; cleanup: () => void }> {
  if (serverUrl) {
    const db = await openDatabase({ kind: "postgres", url: serverUrl });
    await prepareDatabase(db);
    return { db, cleanup: () => undefined };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "kh-bench-stats-"));
  const db = await openDatabase({ kind: "pglite", dir });
  await prepareDatabase(db);
  return { db, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Removes the bench subtree and everything recorded in it (a previous run on a server). */
async function emptyBenchRows(prisma: Db): Promise<void> {
  const root = await prisma.unit.findUnique({ where: { code: ROOT_CODE } });
  if (!root) return;
  const inTree = { unit: { path: { startsWith: root.path } } };
  await prisma.evaluation.deleteMany({ where: { registration: inTree } });
  await prisma.learningRegistration.deleteMany({ where: inTree });
  await prisma.sponsorshipEvent.deleteMany({ where: { case: inTree } });
  await prisma.sponsorshipCheckIn.deleteMany({ where: { case: inTree } });
  await prisma.sponsorshipSupport.deleteMany({ where: { case: inTree } });
  await prisma.sponsorshipCase.deleteMany({ where: inTree });
  await prisma.piggyBankOpening.deleteMany({ where: { drive: inTree } });
  await prisma.piggyBankDrive.deleteMany({ where: inTree });
  await prisma.reportValue.deleteMany({ where: { report: inTree } });
  await prisma.report.deleteMany({ where: inTree });
  await prisma.membership.deleteMany({ where: inTree });
  const units = await prisma.unit.findMany({ where: { path: { startsWith: root.path } }, select: { id: true, path: true } });
  for (const u of units.sort((a, b) => b.path.length - a.path.length)) await prisma.unit.delete({ where: { id: u.id } });
}

async function addUnit(prisma: Db, parent: { id: number; path: string } | null, kind: "PROVINCE" | "COMMUNE" | "BRANCH" | "SCHOOL_COMMITTEE", name: string, code?: string) {
  const row = await prisma.unit.create({
    data: { kind, name, searchName: name.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase(), code, parentId: parent?.id ?? null, path: "/" },
  });
  return prisma.unit.update({ where: { id: row.id }, data: { path: `${parent?.path ?? "/"}${row.id}/` }, select: { id: true, path: true, kind: true } });
}

async function inChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

async function build(prisma: Db): Promise<{ rootId: number; counts: Record<string, number> }> {
  const root = await addUnit(prisma, null, "PROVINCE", "Tỉnh Thử Nghiệm", ROOT_CODE);
  const branches: { id: number; path: string }[] = [];
  const reporting: { id: number }[] = [];
  for (let c = 1; c <= COMMUNES; c++) {
    const commune = await addUnit(prisma, root, "COMMUNE", `Xã Thử Nghiệm ${c}`);
    reporting.push(commune, await addUnit(prisma, commune, "SCHOOL_COMMITTEE", `Ban khuyến học trường xã ${c}`));
    for (let b = 1; b <= BRANCHES; b++) branches.push(await addUnit(prisma, commune, "BRANCH", `Chi hội xóm ${c}-${b}`));
  }
  const actor = 1n;
  const openings = Math.round(N * 0.7);
  const cases = Math.round(N * 0.15);
  const registrations = N - openings - cases;

  // ---- piggy banks ----
  const drives = await prisma.piggyBankDrive.createManyAndReturn({
    data: branches.map((b) => ({ unitId: b.id, schoolYear: 2024, recipientKind: "PUPIL" as const, banksHandedOut: 500, createdByTelegramId: actor, createdAt: new Date(Date.UTC(2024, 11, 1)) })),
    select: { id: true },
  });
  await inChunks(Array.from({ length: openings }, () => {
    const amount = 100_000 + Math.floor(rand() * 50) * 100_000;
    const scholarships = Math.floor(rand() * 3);
    return {
      driveId: pick(drives).id, openedOn: randomDay(), banksOpened: 1 + Math.floor(rand() * 20), amountCollected: BigInt(amount),
      scholarshipCount: scholarships, scholarshipAmount: BigInt(scholarships * 50_000), suppliesAmount: 0n, fundAmount: BigInt(amount - scholarships * 50_000), otherAmount: 0n,
      status: rand() < 0.05 ? ("NEEDS_CORRECTION" as const) : rand() < 0.5 ? ("APPROVED" as const) : ("SUBMITTED" as const), createdByTelegramId: actor,
    };
  }), (chunk) => prisma.piggyBankOpening.createMany({ data: chunk }));

  // ---- sponsorship cases, each with its OPENED event and (when it moved) one STATUS event ----
  const sponsorKindId = (await prisma.sponsorKind.findFirstOrThrow()).id;
  const statuses = ["ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "AT_RISK", "DROPPED_OUT", "COMPLETED", "RETURNED"] as const;
  let events = 0;
  for (let i = 0; i < cases; i += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, cases - i) }, () => {
      const startedOn = randomDay();
      return {
        unitId: pick(branches).id, ownerTelegramId: actor, pupilInitials: "N.T.H.", birthYear: 2014, grade: 7, circumstances: ["POOR_HOUSEHOLD"],
        sponsorKindId, monthlyAmount: 300_000n, supportKinds: ["MONEY"], startedOn, consentAt: startedOn, status: pick(statuses), nextCheckInOn: startedOn,
      };
    });
    const made = await prisma.sponsorshipCase.createManyAndReturn({ data: rows, select: { id: true, startedOn: true, status: true } });
    const ev = made.flatMap((c) => {
      const opened = { caseId: c.id, kind: "OPENED", toStatus: "ACTIVE" as const, actorTelegramId: actor, createdAt: new Date(c.startedOn.getTime() + 10 * 3_600_000) };
      if (c.status === "ACTIVE") return [opened];
      const moved = new Date(c.startedOn.getTime() + (1 + Math.floor(rand() * 200)) * DAY);
      const from = c.status === "RETURNED" ? ("DROPPED_OUT" as const) : ("ACTIVE" as const);
      return [opened, { caseId: c.id, kind: "STATUS", fromStatus: from, toStatus: c.status, actorTelegramId: actor, createdAt: moved }];
    });
    events += ev.length;
    await prisma.sponsorshipEvent.createMany({ data: ev });
  }

  // ---- learning registrations (families mostly), half evaluated, some recognised ----
  const set = await prisma.criteriaSet.upsert({
    where: { key_version: { key: ROOT_CODE, version: 1 } }, update: {},
    create: { key: ROOT_CODE, version: 1, model: "FAMILY", status: "in_force", content: {}, checksum: "-", source: "upload" },
  });
  const models = ["FAMILY", "FAMILY", "FAMILY", "FAMILY", "FAMILY", "FAMILY", "FAMILY", "CLAN", "COMMUNITY", "UNIT"] as const;
  let evaluations = 0;
  for (let i = 0; i < registrations; i += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, registrations - i) }, (_, j) => ({
      model: pick(models), year: rand() < 0.7 ? YEAR : YEAR - 1, unitId: pick(branches).id, name: `Gia đình ${i + j}`, searchKey: `gia dinh ${i + j}`, registeredByTelegramId: actor,
    }));
    const made = await prisma.learningRegistration.createManyAndReturn({ data: rows, select: { id: true } });
    const ev = made.filter(() => rand() < 0.5).map((r) => {
      const recognised = rand() < 0.6;
      return {
        registrationId: r.id, criteriaSetId: set.id, status: recognised ? ("RECOGNISED" as const) : ("SUBMITTED" as const),
        recognisedAt: recognised ? new Date(Date.UTC(YEAR, 0, 1) + Math.floor(rand() * 400) * DAY) : null,
      };
    });
    evaluations += ev.length;
    await prisma.evaluation.createMany({ data: ev });
  }

  // ---- the year's reports: about half the communes and committees submitted ----
  const template = await prisma.reportTemplate.findFirstOrThrow({ orderBy: { version: "desc" } });
  const reports = reporting.filter(() => rand() < 0.5).map((u) => ({
    unitId: u.id, templateId: template.id, templateKey: template.key, period: "YEAR" as const, year: YEAR, status: "SUBMITTED" as const,
    lateFor: rand() < 0.3 ? new Date(Date.UTC(YEAR + 1, 0, 10)) : null, submittedAt: new Date(Date.UTC(YEAR + 1, 0, 5)), createdByTelegramId: actor,
  }));
  await prisma.report.createMany({ data: reports });
  return {
    rootId: root.id,
    counts: { units: 1 + COMMUNES * (BRANCHES + 2), openings, cases, events, registrations, evaluations, reports: reports.length },
  };
}

// ---- the same figures by hand: four GROUP BY queries ----
type Count = bigint | number | null;
const n = (v: Count | undefined) => Number(v ?? 0);

async function rawStats(prisma: Db, unitId: number) {
  const unit = await prisma.unit.findUniqueOrThrow({ where: { id: unitId } });
  const prefix = `${unit.path}%`;
  // Vietnam days of 2026: [2025-12-31 17:00 UTC, 2026-12-31 17:00 UTC).
  const start = "2025-12-31 17:00:00";
  const end = "2026-12-31 17:00:00";
  const open = Prisma.join([...OPEN_STATUSES]);
  const [piggy, sponsorship, learning, reports] = await Promise.all([
    prisma.$queryRaw<{ childId: number | null; collected: Count; openings: Count; scholarships: Count; scholarshipAmount: Count }[]>`
      SELECT ch."id" AS "childId", SUM(t."collected") AS "collected", SUM(t."openings") AS "openings",
             SUM(t."scholarships") AS "scholarships", SUM(t."scholarshipAmount") AS "scholarshipAmount"
      FROM (
        SELECT u."path", SUM(o."amountCollected") AS "collected", COUNT(*) AS "openings",
               SUM(o."scholarshipCount") AS "scholarships", SUM(o."scholarshipAmount") AS "scholarshipAmount"
        FROM "PiggyBankOpening" o
        JOIN "PiggyBankDrive" d ON d."id" = o."driveId"
        JOIN "Unit" u ON u."id" = d."unitId"
        WHERE u."path" LIKE ${prefix} AND o."openedOn" BETWEEN '2026-01-01'::date AND '2026-12-31'::date AND o."status" <> 'NEEDS_CORRECTION'
        GROUP BY u."path"
      ) t
      LEFT JOIN "Unit" ch ON ch."id" = NULLIF(split_part(substr(t."path", ${unit.path.length + 1}), '/', 1), '')::int
        AND ch."parentId" = ${unit.id} AND ch."validTo" IS NULL
      GROUP BY ch."id"`,
    prisma.$queryRaw<{ active: Count; sponsored: Count; still: Count }[]>`
      SELECT COUNT(*) FILTER (WHERE t."atEnd" IN (${open})) AS "active",
             COUNT(*) FILTER (WHERE t."startedOn" >= '2026-01-01'::date OR t."atStart" IN (${open}) OR t."reopened") AS "sponsored",
             COUNT(*) FILTER (WHERE (t."startedOn" >= '2026-01-01'::date OR t."atStart" IN (${open}) OR t."reopened") AND t."atEnd" <> 'DROPPED_OUT') AS "still"
      FROM (
        SELECT c."startedOn",
          (CASE WHEN s."kind" IS NULL THEN c."status"::text WHEN s."kind" = 'OPENED' THEN s."toStatus"::text ELSE s."fromStatus"::text END) AS "atStart",
          (CASE WHEN e."kind" IS NULL THEN c."status"::text WHEN e."kind" = 'OPENED' THEN e."toStatus"::text ELSE e."fromStatus"::text END) AS "atEnd",
          EXISTS (SELECT 1 FROM "SponsorshipEvent" x WHERE x."caseId" = c."id" AND x."kind" = 'STATUS' AND x."toStatus"::text IN (${open})
                  AND x."createdAt" >= ${start}::timestamp AND x."createdAt" < ${end}::timestamp) AS "reopened"
        FROM "SponsorshipCase" c
        JOIN "Unit" u ON u."id" = c."unitId"
        LEFT JOIN LATERAL (SELECT ev."kind", ev."fromStatus", ev."toStatus" FROM "SponsorshipEvent" ev
          WHERE ev."caseId" = c."id" AND ev."toStatus" IS NOT NULL AND ev."createdAt" >= ${start}::timestamp ORDER BY ev."createdAt", ev."id" LIMIT 1) s ON TRUE
        LEFT JOIN LATERAL (SELECT ev."kind", ev."fromStatus", ev."toStatus" FROM "SponsorshipEvent" ev
          WHERE ev."caseId" = c."id" AND ev."toStatus" IS NOT NULL AND ev."createdAt" >= ${end}::timestamp ORDER BY ev."createdAt", ev."id" LIMIT 1) e ON TRUE
        WHERE u."path" LIKE ${prefix} AND c."startedOn" <= '2026-12-31'::date
      ) t`,
    prisma.$queryRaw<{ registered: Count; recognised: Count }[]>`
      SELECT COUNT(*) AS "registered", COUNT(e."id") FILTER (WHERE e."status" = 'RECOGNISED' AND e."recognisedAt" < ${end}::timestamp) AS "recognised"
      FROM "LearningRegistration" r JOIN "Unit" u ON u."id" = r."unitId" LEFT JOIN "Evaluation" e ON e."registrationId" = r."id"
      WHERE r."model" = 'FAMILY' AND r."year" = ${YEAR} AND u."path" LIKE ${prefix}`,
    prisma.$queryRaw<{ childId: number | null; owed: Count; submitted: Count; late: Count }[]>`
      SELECT ch."id" AS "childId", COUNT(*) AS "owed", COUNT(r."id") FILTER (WHERE r."status" = 'SUBMITTED') AS "submitted",
             COUNT(r."id") FILTER (WHERE r."status" = 'SUBMITTED' AND r."lateFor" IS NOT NULL) AS "late"
      FROM "Unit" u
      LEFT JOIN "Report" r ON r."unitId" = u."id" AND r."templateKey" = 'bao-cao-khuyen-hoc' AND r."year" = ${YEAR} AND r."period" = 'YEAR'
      LEFT JOIN "Unit" ch ON ch."parentId" = ${unit.id} AND ch."validTo" IS NULL AND starts_with(u."path", ch."path")
      WHERE u."path" LIKE ${prefix} AND u."validTo" IS NULL AND u."kind"::text IN ('COMMUNE', 'SCHOOL_COMMITTEE', 'AGENCY_COMMITTEE')
      GROUP BY ch."id"`,
  ]);
  const total = <T>(rows: T[], f: (r: T) => Count) => rows.reduce((s, r) => s + n(f(r)), 0);
  return {
    piggy: { collected: total(piggy, (r) => r.collected), openings: total(piggy, (r) => r.openings) },
    scholarships: { count: total(piggy, (r) => r.scholarships), amount: total(piggy, (r) => r.scholarshipAmount) },
    sponsorship: { active: n(sponsorship[0]?.active), sponsored: n(sponsorship[0]?.sponsored), stillInSchool: n(sponsorship[0]?.still) },
    learning: { registered: n(learning[0]?.registered), recognised: n(learning[0]?.recognised) },
    reports: { owed: total(reports, (r) => r.owed), submitted: total(reports, (r) => r.submitted), late: total(reports, (r) => r.late) },
    children: new Map(piggy.filter((r) => r.childId !== null).map((r) => [Number(r.childId), n(r.collected)])),
  };
}

function sameFigures(s: SubtreeStats, raw: Awaited<ReturnType<typeof rawStats>>): string[] {
  const diffs: string[] = [];
  const check = (name: string, a: number, b: number) => { if (a !== b) diffs.push(`${name}: service ${a}, sql ${b}`); };
  check("piggy.collected", s.piggy.collected, raw.piggy.collected);
  check("piggy.openings", s.piggy.openings, raw.piggy.openings);
  check("scholarships.count", s.scholarships.count, raw.scholarships.count);
  check("scholarships.amount", s.scholarships.amount, raw.scholarships.amount);
  check("sponsorship.active", s.sponsorship.active, raw.sponsorship.active);
  check("sponsorship.sponsored", s.sponsorship.sponsored, raw.sponsorship.sponsored);
  check("sponsorship.stillInSchool", s.sponsorship.stillInSchool, raw.sponsorship.stillInSchool);
  check("learning.registered", s.learning.registered, raw.learning.registered);
  check("learning.recognised", s.learning.recognised, raw.learning.recognised);
  check("reports.owed", s.reports.owed, raw.reports.owed);
  check("reports.submitted", s.reports.submitted, raw.reports.submitted);
  check("reports.late", s.reports.late, raw.reports.late);
  for (const c of s.children) check(`child ${c.unitId}`, c.piggyCollected, raw.children.get(c.unitId) ?? 0);
  return diffs;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/** Both sides, a few times each, interleaved after a warm-up in which their figures must agree: medians in ms. */
async function compare(prisma: Db, rootId: number): Promise<{ s: number; r: number; serviceMs: number[]; rawMs: number[] }> {
  const services = createServices({ db: prisma, adminTelegramIds: [1], now: () => NOW });
  const admin = await services.access.loadPerson(1);
  const service = () => services.stats.subtreeStats(admin, rootId, YEAR, "YEAR");
  const raw = () => rawStats(prisma, rootId);
  const diffs = sameFigures(await service(), await raw());
  if (diffs.length > 0) throw new Error(`the figures differ:\n${diffs.join("\n")}`);
  const serviceMs: number[] = [];
  const rawMs: number[] = [];
  for (let i = 0; i < REPS; i++) {
    serviceMs.push((await timed(service)).ms);
    rawMs.push((await timed(raw)).ms);
  }
  return { s: median(serviceMs), r: median(rawMs), serviceMs, rawMs };
}

const NOW = new Date(Date.UTC(YEAR + 1, 0, 20, 3));
const { db, cleanup } = await openBenchDatabase();
let noJit: Database | undefined;
try {
  const prisma = db.prisma;
  await createServices({ db: prisma, adminTelegramIds: [1], now: () => NOW }).reports.syncShippedTemplates();
  if (db.kind === "postgres") await emptyBenchRows(prisma);
  const built = await timed(() => build(prisma));
  // Planner statistics, as autovacuum keeps them on a server. PGlite has no
  // autovacuum: without this both sides run about twice as slow (row
  // estimates of 1 lead to nested loops), the service a little less so.
  await prisma.$executeRawUnsafe("ANALYZE");
  const { rootId, counts } = built.value;
  console.log(`database: ${db.kind}; built in ${(built.ms / 1000).toFixed(1)} s: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  const f = (ms: number[]) => ms.map((x) => x.toFixed(0)).join(" ");
  const show = (label: string, c: Awaited<ReturnType<typeof compare>>) => {
    console.log(`${label}subtreeStats: median ${c.s.toFixed(1)} ms (${f(c.serviceMs)})`);
    console.log(`${label}raw SQL GROUP BY: median ${c.r.toFixed(1)} ms (${f(c.rawMs)})`);
  };
  const main = await compare(prisma, rootId);
  show("", main);
  console.log("figures: identical");
  const records = counts.openings! + counts.cases! + counts.registrations!;
  let result = `RESULT time_ratio=${(main.s / main.r).toFixed(2)} stats_ms=${main.s.toFixed(1)} sql_ms=${main.r.toFixed(1)} records=${records} db=${db.kind}`;
  if (serverUrl) {
    // A server compiles costly queries with LLVM (jit_above_cost); the one
    // hand-written sponsorship query crosses the inlining threshold and
    // spends ~300 ms compiling. The same comparison with JIT off for these
    // sessions (nothing changed on the server) shows the query work alone.
    const url = new URL(serverUrl);
    url.searchParams.set("options", "-c jit=off");
    noJit = await openDatabase({ kind: "postgres", url: url.toString() });
    const off = await compare(noJit.prisma, rootId);
    show("jit off: ", off);
    result += ` time_ratio_jit_off=${(off.s / off.r).toFixed(2)} stats_ms_jit_off=${off.s.toFixed(1)} sql_ms_jit_off=${off.r.toFixed(1)}`;
  }
  console.log(result);
} finally {
  await noJit?.close();
  await db.close();
  cleanup();
}
