// What the bot already knows for a unit report: each figure of FIGURES
// (src/domain/reports.ts) counted from the records people reported through
// the bot — members and units, piggy-bank drives and openings, sponsorship
// cases, learning-model registrations and recognitions — for a unit and its
// whole subtree (every unit whose path starts with the unit's) and a period.
// Each figure says where it came from (a locale key and its variables), so
// the reporter can judge it. Not a service module: helpers take the db.
//
// Counted in the database: a fixed handful of grouped queries whatever the
// size of the subtree, never one per unit or per record.
import { Prisma } from "../db/generated/client.ts";
import { MODELS, type LearningModel } from "../domain/criteria.ts";
import { addDays, formatDate, localDateToDbDate, localDateToUtcStart, toIsoDate, type LocalDate } from "../domain/dates.ts";
import { periodRange, type Figure, type ReportPeriod } from "../domain/reports.ts";
import { OPEN_STATUSES } from "../domain/sponsorship.ts";
import type { DbOrTx } from "./deps.ts";
import { casesInRange } from "./sponsorship-stats.ts";

export interface KnownFigure {
  value: number;
  /** the record kind it was counted from */
  source: "members" | "units" | "piggy" | "sponsorship" | "learning";
  /** how to word where it came from: a locale key (report-source-…) and its variables */
  detail: { key: string; vars: Record<string, string | number> };
}

/** The period as calendar days and as instants, and the subtree as a LIKE pattern. */
interface Window {
  from: LocalDate;
  to: LocalDate;
  /** the first instant of the first day (Vietnam) */
  start: Date;
  /** the first instant after the last day (Vietnam): ranges of instants are [start, end) */
  end: Date;
  /** paths are ids and slashes: no LIKE wildcard to escape */
  prefix: string;
  path: string;
}

/** A `timestamp(3)` column holds UTC wall-clock time: compare with the instant's UTC fields, never the session's zone. */
function utcStamp(d: Date): string {
  return d.toISOString().replace("T", " ").replace("Z", "");
}

type Count = bigint | number;
const num = (v: Count | null | undefined): number => Number(v ?? 0);

const COMMITTEE_KINDS = ["SCHOOL_COMMITTEE", "AGENCY_COMMITTEE"] as const;
/** Changes of status a report counts (pupils who dropped out, came back, finished). */
const COUNTED_CHANGES = ["DROPPED_OUT", "RETURNED", "COMPLETED"] as const;
/** An opening sent back for a fix is not counted until it is corrected (then it is SUBMITTED again). */
const RETURNED_OPENING = "NEEDS_CORRECTION";

/** Every figure the bot can give for the unit's subtree and the period (all of FIGURES, zeros included). */
export async function knownFigures(
  db: DbOrTx, unit: { id: number; path: string }, year: number, period: ReportPeriod,
): Promise<Map<Figure, KnownFigure>> {
  const { from, to } = periodRange(year, period);
  const w: Window = {
    from, to, start: localDateToUtcStart(from), end: localDateToUtcStart(addDays(to, 1)), prefix: `${unit.path}%`, path: unit.path,
  };
  const [members, units, piggy, sponsorship, learning] = await Promise.all([
    memberFigures(db, w), unitFigures(db, w), piggyFigures(db, w), sponsorshipFigures(db, w), learningFigures(db, w, year),
  ]);
  return new Map<Figure, KnownFigure>([...members, ...units, ...piggy, ...sponsorship, ...learning]);
}

/** The period's days as the details word them: "01/01" (a period never leaves its year) and "30/06/2026". */
function days(w: Window): { from: string; to: string } {
  return { from: formatDate(w.from).slice(0, 5), to: formatDate(w.to) };
}

function figure(source: KnownFigure["source"], value: number, key: string, vars: Record<string, string | number>): KnownFigure {
  return { value, source, detail: { key: `report-source-${key}`, vars } };
}

// ---- members and units ----

/**
 * Distinct people with a membership in the subtree: all those in by the last
 * day, and those whose first membership in the subtree began in the period.
 */
async function memberFigures(db: DbOrTx, w: Window): Promise<[Figure, KnownFigure][]> {
  const start = utcStamp(w.start);
  const end = utcStamp(w.end);
  const [row] = await db.$queryRaw<{ total: Count; joined: Count }[]>`
    SELECT COUNT(*) FILTER (WHERE f."first" < ${end}::timestamp) AS "total",
           COUNT(*) FILTER (WHERE f."first" >= ${start}::timestamp AND f."first" < ${end}::timestamp) AS "joined"
    FROM (
      SELECT m."memberId", MIN(m."createdAt") AS "first"
      FROM "Membership" m JOIN "Unit" u ON u."id" = m."unitId"
      WHERE u."path" LIKE ${w.prefix}
      GROUP BY m."memberId"
    ) f`;
  const total = num(row?.total);
  const joined = num(row?.joined);
  return [
    ["members.total", figure("members", total, "members-total", { count: total, to: days(w).to })],
    ["members.new", figure("members", joined, "members-new", { count: joined, ...days(w) })],
  ];
}

/** Branches and committees of the tree as it is today (current units only). */
async function unitFigures(db: DbOrTx, w: Window): Promise<[Figure, KnownFigure][]> {
  const rows = await db.unit.groupBy({
    by: ["kind"],
    where: { path: { startsWith: w.path }, validTo: null, kind: { in: ["BRANCH", ...COMMITTEE_KINDS] } },
    _count: { _all: true },
  });
  const of = (kinds: readonly string[]) => rows.filter((r) => kinds.includes(r.kind)).reduce((n, r) => n + r._count._all, 0);
  const branches = of(["BRANCH"]);
  const committees = of(COMMITTEE_KINDS);
  return [
    ["units.branches", figure("units", branches, "units-branches", { count: branches })],
    ["units.committees", figure("units", committees, "units-committees", { count: committees })],
  ];
}

// ---- piggy banks ----

/**
 * Banks handed out by the drives started in the period; the openings of the
 * period's days, submitted or approved (not those sent back for a fix).
 */
async function piggyFigures(db: DbOrTx, w: Window): Promise<[Figure, KnownFigure][]> {
  const inTree = { unit: { path: { startsWith: w.path } } };
  const [drives, openings] = await Promise.all([
    db.piggyBankDrive.aggregate({
      where: { ...inTree, createdAt: { gte: w.start, lt: w.end } },
      _sum: { banksHandedOut: true },
      _count: { _all: true },
    }),
    db.piggyBankOpening.groupBy({
      by: ["status"],
      where: { drive: inTree, openedOn: { gte: localDateToDbDate(w.from), lte: localDateToDbDate(w.to) }, status: { not: RETURNED_OPENING } },
      _sum: { banksOpened: true, amountCollected: true, scholarshipCount: true, scholarshipAmount: true },
      _count: { _all: true },
    }),
  ]);
  const sum = (pick: (r: (typeof openings)[number]) => Count | null) => openings.reduce((n, r) => n + num(pick(r)), 0);
  const opened = { openings: sum((r) => r._count._all), approved: openings.find((r) => r.status === "APPROVED")?._count._all ?? 0, ...days(w) };
  const banks = drives._sum.banksHandedOut ?? 0;
  const fromOpenings = (value: number) => figure("piggy", value, "piggy-openings", opened);
  return [
    ["piggy.banksHandedOut", figure("piggy", banks, "piggy-drives", { banks, drives: drives._count._all, ...days(w) })],
    ["piggy.banksOpened", fromOpenings(sum((r) => r._sum.banksOpened))],
    ["piggy.amountCollected", fromOpenings(sum((r) => r._sum.amountCollected))],
    ["piggy.scholarshipCount", fromOpenings(sum((r) => r._sum.scholarshipCount))],
    ["piggy.scholarshipAmount", fromOpenings(sum((r) => r._sum.scholarshipAmount))],
  ];
}

// ---- sponsorship cases ----

/**
 * New cases and support given (as the school-year figures count them, for
 * the period's days); pupils whose case moved to dropped out, returned or
 * completed during the period (each pupil once per status, however many
 * times it moved there); and the cases followed on the period's last day.
 *
 * "Followed on the last day" is the status then, rebuilt from the case's
 * history: the first status-bearing event after the period tells what the
 * status was before it (its fromStatus; an OPENED event recorded later for a
 * case that started in the period: ACTIVE), and a case with no event after
 * the period still has that status now. So a case closed after the period
 * counts as followed in it. Every status change writes an event
 * (sponsorships.ts), so this is exact; a case without events falls back to
 * its current status.
 */
async function sponsorshipFigures(db: DbOrTx, w: Window): Promise<[Figure, KnownFigure][]> {
  const start = utcStamp(w.start);
  const end = utcStamp(w.end);
  const lastDay = toIsoDate(w.to);
  const open = Prisma.join([...OPEN_STATUSES]);
  const counted = Prisma.join([...COUNTED_CHANGES]);
  const [range, changes, active] = await Promise.all([
    casesInRange(db, w.path, w.from, w.to),
    db.$queryRaw<{ status: string; cases: Count }[]>`
      SELECT e."toStatus"::text AS "status", COUNT(DISTINCT e."caseId") AS "cases"
      FROM "SponsorshipEvent" e
      JOIN "SponsorshipCase" c ON c."id" = e."caseId"
      JOIN "Unit" u ON u."id" = c."unitId"
      WHERE e."kind" = 'STATUS' AND e."toStatus"::text IN (${counted})
        AND e."createdAt" >= ${start}::timestamp AND e."createdAt" < ${end}::timestamp
        AND u."path" LIKE ${w.prefix}
      GROUP BY e."toStatus"`,
    db.$queryRaw<{ active: Count }[]>`
      SELECT COUNT(*) AS "active"
      FROM "SponsorshipCase" c
      JOIN "Unit" u ON u."id" = c."unitId"
      LEFT JOIN LATERAL (
        SELECT e."kind", e."fromStatus", e."toStatus"
        FROM "SponsorshipEvent" e
        WHERE e."caseId" = c."id" AND e."toStatus" IS NOT NULL AND e."createdAt" >= ${end}::timestamp
        ORDER BY e."createdAt", e."id"
        LIMIT 1
      ) later ON TRUE
      WHERE u."path" LIKE ${w.prefix} AND c."startedOn" <= ${lastDay}::date
        AND (CASE WHEN later."kind" IS NULL THEN c."status"::text
                  WHEN later."kind" = 'OPENED' THEN later."toStatus"::text
                  ELSE later."fromStatus"::text END) IN (${open})`,
  ]);
  const changed = (status: (typeof COUNTED_CHANGES)[number]) => num(changes.find((r) => r.status === status)?.cases);
  const activeCount = num(active[0]?.active);
  const money = range.supportByKind.MONEY;
  const items = Object.values(range.supportByKind).reduce((a, b) => a + b, 0) - money;
  const change = (key: string, value: number) => figure("sponsorship", value, key, { count: value, ...days(w) });
  return [
    ["sponsorship.active", figure("sponsorship", activeCount, "sponsorship-active", { count: activeCount, to: days(w).to })],
    ["sponsorship.new", change("sponsorship-new", range.opened)],
    ["sponsorship.droppedOut", change("sponsorship-dropped-out", changed("DROPPED_OUT"))],
    ["sponsorship.returned", change("sponsorship-returned", changed("RETURNED"))],
    ["sponsorship.completed", change("sponsorship-completed", changed("COMPLETED"))],
    ["sponsorship.supportValue", figure("sponsorship", money + items, "sponsorship-support", { money, items, ...days(w) })],
  ];
}

// ---- learning models ----

/** Registrations of the subtree for the year, by model; those recognised by the period's last day. */
async function learningFigures(db: DbOrTx, w: Window, year: number): Promise<[Figure, KnownFigure][]> {
  const end = utcStamp(w.end);
  const rows = await db.$queryRaw<{ model: string; registered: Count; recognised: Count }[]>`
    SELECT r."model"::text AS "model",
           COUNT(*) AS "registered",
           COUNT(e."id") FILTER (WHERE e."status" = 'RECOGNISED' AND e."recognisedAt" < ${end}::timestamp) AS "recognised"
    FROM "LearningRegistration" r
    JOIN "Unit" u ON u."id" = r."unitId"
    LEFT JOIN "Evaluation" e ON e."registrationId" = r."id"
    WHERE r."year" = ${year} AND u."path" LIKE ${w.prefix}
    GROUP BY r."model"`;
  return MODELS.flatMap((model: LearningModel): [Figure, KnownFigure][] => {
    const row = rows.find((r) => r.model === model);
    const registered = num(row?.registered);
    const recognised = num(row?.recognised);
    return [
      [`learning.${model}.registered`, figure("learning", registered, "learning-registered", { count: registered, model, year })],
      [`learning.${model}.recognised`, figure("learning", recognised, "learning-recognised", { count: recognised, registered, model, year, to: days(w).to })],
    ];
  });
}
