// /stats for a coordinator (issue 8): headline figures of a unit's subtree
// for a period (the half-year or the year, like the unit reports) — who has
// submitted the report, piggy-bank money collected, active sponsorship cases
// and the share of sponsored pupils still in school, learning families
// recognised as a share of registered, scholarships — and the same per direct
// child unit for the charts. Counted in the database with grouped queries
// (never one per unit or per record); new record kinds plug in as one more
// grouped query. Permission: report.view on the unit (coordinators in their
// subtree, administrators everywhere).
import { z } from "zod";
import { Prisma } from "../db/generated/client.ts";
import { addDays, compareLocalDates, localDateToDbDate, localDateToUtcStart, toIsoDate, vietnamToday } from "../domain/dates.ts";
import { periodRange, REPORT_PERIODS, type ReportPeriod } from "../domain/reports.ts";
import { idSchema } from "../domain/schemas.ts";
import { OPEN_STATUSES } from "../domain/sponsorship.ts";
import { requireOn, type Person } from "./access.ts";
import type { DbOrTx, ServiceDeps } from "./deps.ts";
import { ServiceError } from "./errors.ts";
import { parseInput } from "./input.ts";
import { knownFigures } from "./report-figures.ts";
import { owingUnits, REPORT_TEMPLATE_KEY } from "./report-views.ts";
import { managedRoots, type UnitSummary } from "./units.ts";

export interface StatsChild {
  unitId: number;
  unitName: string;
  piggyCollected: number;
  /** units in the child's subtree that owe the period's report, and how many of them submitted */
  reportsOwed: number;
  reportsSubmitted: number;
}

export interface SubtreeStats {
  unitId: number;
  unitName: string;
  year: number;
  period: ReportPeriod;
  /** the period's days (ISO dates, Vietnam calendar) */
  from: string;
  to: string;
  reports: { owed: number; submitted: number; late: number; missing: { unitId: number; unitName: string }[] };
  piggy: { collected: number; openings: number };
  /** cases open at the period's end; of the pupils sponsored in the period, the share still in school (null: none) */
  sponsorship: { active: number; sponsored: number; stillInSchool: number; inSchoolShare: number | null };
  /** families: registered for the year, recognised, and the share (null: none registered) */
  learning: { registered: number; recognised: number; recognisedShare: number | null };
  scholarships: { count: number; amount: number };
  /** the direct children (current units), in Vietnamese order */
  children: StatsChild[];
  /** nothing was reported through the bot for the period (all figures 0, no report submitted) */
  empty: boolean;
}

/** The units the person may see stats for, top-most first. Throws forbidden when none (a plain member). */
export async function statsUnits(deps: ServiceDeps, person: Person): Promise<UnitSummary[]> {
  const roots = await managedRoots(deps, person);
  if (roots.length === 0) throw new ServiceError("forbidden");
  return roots;
}

/** The same years as the unit reports: from 2020 to next year (Vietnam's calendar). */
const FIRST_YEAR = 2020;
const statsInput = (now: Date) => z.object({
  unitId: idSchema,
  year: z.number().int().min(FIRST_YEAR).max(vietnamToday(now).year + 1),
  period: z.enum(REPORT_PERIODS),
});

const VIETNAMESE = new Intl.Collator("vi");
type Count = bigint | number;
const num = (v: Count | null | undefined): number => Number(v ?? 0);
/** A `timestamp(3)` column holds UTC wall-clock time: compare with the instant's UTC fields. */
const utcStamp = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");

/**
 * The figures of the unit's subtree for the period. Refuses forbidden (a unit
 * outside the person's subtree, or a member), stats_period_future (a period
 * that has not begun), bad_input.
 */
export async function subtreeStats(deps: ServiceDeps, person: Person, unitId: number, year: number, period: ReportPeriod): Promise<SubtreeStats> {
  const input = parseInput(statsInput(deps.now()), { unitId, year, period });
  const unit = await requireOn(deps.db, person, "report.view", input.unitId);
  const range = periodRange(input.year, input.period);
  if (compareLocalDates(range.from, vietnamToday(deps.now())) > 0) throw new ServiceError("stats_period_future", { year: input.year });
  const db = deps.db;
  const children = await db.unit.findMany({ where: { parentId: unit.id, validTo: null }, select: { id: true, name: true, path: true } });
  const [figures, reports, piggyByChild, sponsorship] = await Promise.all([
    knownFigures(db, unit, input.year, input.period),
    reportStatus(db, unit, input.year, input.period),
    piggyPerChild(db, unit, range),
    sponsoredInPeriod(db, unit.path, range),
  ]);
  const value = (f: Parameters<typeof figures.get>[0]) => figures.get(f)?.value ?? 0;
  const collected = figures.get("piggy.amountCollected");
  const openings = num(collected?.detail.vars.openings as number | undefined);
  const registered = value("learning.FAMILY.registered");
  const recognised = value("learning.FAMILY.recognised");
  const underChild = (path: string) => children.find((c) => path.startsWith(c.path));
  const childStats: StatsChild[] = children
    .map((c) => ({ unitId: c.id, unitName: c.name, piggyCollected: piggyByChild.get(c.id) ?? 0, reportsOwed: 0, reportsSubmitted: 0 }))
    .sort((a, b) => VIETNAMESE.compare(a.unitName, b.unitName) || a.unitId - b.unitId);
  for (const owed of reports.owing) {
    const child = underChild(owed.path);
    const row = child && childStats.find((c) => c.unitId === child.id);
    if (!row) continue;
    row.reportsOwed++;
    if (owed.submitted) row.reportsSubmitted++;
  }
  const stats: Omit<SubtreeStats, "empty"> = {
    unitId: unit.id,
    unitName: unit.name,
    year: input.year,
    period: input.period,
    from: toIsoDate(range.from),
    to: toIsoDate(range.to),
    reports: {
      owed: reports.owing.length,
      submitted: reports.owing.filter((u) => u.submitted).length,
      late: reports.owing.filter((u) => u.submitted && u.late).length,
      missing: reports.owing.filter((u) => !u.submitted).map((u) => ({ unitId: u.id, unitName: u.name })),
    },
    piggy: { collected: collected?.value ?? 0, openings },
    sponsorship: {
      active: value("sponsorship.active"),
      sponsored: sponsorship.sponsored,
      stillInSchool: sponsorship.stillInSchool,
      inSchoolShare: sponsorship.sponsored === 0 ? null : sponsorship.stillInSchool / sponsorship.sponsored,
    },
    learning: { registered, recognised, recognisedShare: registered === 0 ? null : recognised / registered },
    scholarships: { count: value("piggy.scholarshipCount"), amount: value("piggy.scholarshipAmount") },
    children: childStats,
  };
  const counted = [
    stats.piggy.collected, stats.piggy.openings, stats.sponsorship.active, stats.sponsorship.sponsored,
    stats.learning.registered, stats.learning.recognised, stats.scholarships.count, stats.scholarships.amount, stats.reports.submitted,
  ];
  return { ...stats, empty: counted.every((n) => n === 0) };
}

/**
 * Who owes the period's report in the subtree and how far they are — the
 * logic of reports.submissions: the owing units and their Report rows.
 * Submitted means SUBMITTED now (a reopened report is not); late, a
 * submitted report with a lateFor day (submitted after its deadline).
 */
async function reportStatus(db: DbOrTx, unit: { path: string }, year: number, period: ReportPeriod) {
  const owing = await owingUnits(db, unit, REPORT_TEMPLATE_KEY, year, period);
  const reports = await db.report.findMany({
    where: { unitId: { in: owing.map((u) => u.id) }, templateKey: REPORT_TEMPLATE_KEY, year, period },
    select: { unitId: true, status: true, lateFor: true },
  });
  const byUnit = new Map(reports.map((r) => [r.unitId, r]));
  return {
    owing: owing.map((u) => {
      const r = byUnit.get(u.id);
      return { ...u, submitted: r?.status === "SUBMITTED", late: (r?.lateFor ?? null) !== null };
    }),
  };
}

/**
 * Money collected at the openings of the period per direct (current) child,
 * in one grouped query: each opening's unit joined to the child whose path
 * is a prefix of its path. Counted like knownFigures: openings sent back for
 * a fix are left out until corrected. Summed per unit first (a few hundred
 * rows), then each unit's child found by id: its path is the unit's path
 * and its id, so the id is the path's segment after the unit's path.
 */
async function piggyPerChild(db: DbOrTx, unit: { id: number; path: string }, range: ReturnType<typeof periodRange>): Promise<Map<number, number>> {
  const rows = await db.$queryRaw<{ childId: number; collected: Count | null }[]>`
    SELECT ch."id" AS "childId", SUM(t."collected") AS "collected"
    FROM (
      SELECT u."path", SUM(o."amountCollected") AS "collected"
      FROM "PiggyBankOpening" o
      JOIN "PiggyBankDrive" d ON d."id" = o."driveId"
      JOIN "Unit" u ON u."id" = d."unitId"
      WHERE u."path" LIKE ${`${unit.path}%`}
        AND o."openedOn" >= ${localDateToDbDate(range.from)} AND o."openedOn" <= ${localDateToDbDate(range.to)}
        AND o."status" <> 'NEEDS_CORRECTION'
      GROUP BY u."path"
    ) t
    JOIN "Unit" ch ON ch."id" = NULLIF(split_part(substr(t."path", ${unit.path.length + 1}), '/', 1), '')::int
      AND ch."parentId" = ${unit.id} AND ch."validTo" IS NULL
    GROUP BY ch."id"`;
  return new Map(rows.map((r) => [Number(r.childId), num(r.collected)]));
}

/**
 * The share of sponsored pupils still in school, for the period:
 * - sponsored: the cases of the subtree open (ACTIVE, AT_RISK or RETURNED) at
 *   some moment of the period — started within its days, or open on its first
 *   day, or moved back to an open status during it (a pupil who dropped out
 *   earlier and came back);
 * - still in school: those of them whose status at the period's end is not
 *   DROPPED_OUT (completed and transferred pupils count as still in school).
 * A status at an instant is rebuilt from the case's history as knownFigures
 * does: the first status-bearing event at or after the instant tells what it
 * was before (an OPENED event recorded late: ACTIVE); with none, the status now.
 */
async function sponsoredInPeriod(db: DbOrTx, path: string, range: ReturnType<typeof periodRange>): Promise<{ sponsored: number; stillInSchool: number }> {
  const start = utcStamp(localDateToUtcStart(range.from));
  const end = utcStamp(localDateToUtcStart(addDays(range.to, 1)));
  const open = Prisma.join([...OPEN_STATUSES]);
  const [row] = await db.$queryRaw<{ sponsored: Count; still: Count }[]>`
    SELECT COUNT(*) AS "sponsored", COUNT(*) FILTER (WHERE t."atEnd" <> 'DROPPED_OUT') AS "still"
    FROM (
      SELECT c."startedOn",
        (CASE WHEN s."kind" IS NULL THEN c."status"::text WHEN s."kind" = 'OPENED' THEN s."toStatus"::text ELSE s."fromStatus"::text END) AS "atStart",
        (CASE WHEN e."kind" IS NULL THEN c."status"::text WHEN e."kind" = 'OPENED' THEN e."toStatus"::text ELSE e."fromStatus"::text END) AS "atEnd",
        EXISTS (
          SELECT 1 FROM "SponsorshipEvent" x
          WHERE x."caseId" = c."id" AND x."kind" = 'STATUS' AND x."toStatus"::text IN (${open})
            AND x."createdAt" >= ${start}::timestamp AND x."createdAt" < ${end}::timestamp
        ) AS "reopened"
      FROM "SponsorshipCase" c
      JOIN "Unit" u ON u."id" = c."unitId"
      LEFT JOIN LATERAL (
        SELECT ev."kind", ev."fromStatus", ev."toStatus" FROM "SponsorshipEvent" ev
        WHERE ev."caseId" = c."id" AND ev."toStatus" IS NOT NULL AND ev."createdAt" >= ${start}::timestamp
        ORDER BY ev."createdAt", ev."id" LIMIT 1
      ) s ON TRUE
      LEFT JOIN LATERAL (
        SELECT ev."kind", ev."fromStatus", ev."toStatus" FROM "SponsorshipEvent" ev
        WHERE ev."caseId" = c."id" AND ev."toStatus" IS NOT NULL AND ev."createdAt" >= ${end}::timestamp
        ORDER BY ev."createdAt", ev."id" LIMIT 1
      ) e ON TRUE
      WHERE u."path" LIKE ${`${path}%`} AND c."startedOn" <= ${toIsoDate(range.to)}::date
    ) t
    WHERE t."startedOn" >= ${toIsoDate(range.from)}::date OR t."atStart" IN (${open}) OR t."reopened"`;
  return { sponsored: num(row?.sponsored), stillInSchool: num(row?.still) };
}
