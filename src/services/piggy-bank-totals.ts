// What coordinators see of piggy-bank drives for a subtree and a school
// year: totals grouped in the database (one row per unit, never one per
// opening), the units that have not started a drive, and the openings
// waiting for review. A subtree is every unit whose path starts with the
// unit's path; drives of a unit merged away stay counted where the unit sits.
import { schoolYearLabel } from "../domain/dates.ts";
import { isAdmin } from "../domain/permissions.ts";
import { schoolYearSchema } from "../domain/piggy-bank.ts";
import { idSchema } from "../domain/schemas.ts";
import type { UnitKind } from "../domain/unit-kinds.ts";
import { requireOn, type Person } from "./access.ts";
import type { ServiceDeps } from "./deps.ts";
import { parseInput } from "./input.ts";
import { openingInclude, toOpeningView, type OpeningView } from "./piggy-bank-views.ts";

/** Units expected to run a drive each year: listed as missing when they have none. */
const EXPECTED_KINDS: UnitKind[] = ["BRANCH", "SCHOOL_COMMITTEE", "COMMUNE"];
const REVIEW_QUEUE_LIMIT = 20;

export interface UnitTotals {
  unitId: number;
  unitName: string;
  banksHandedOut: number;
  banksOpened: number;
  amountCollected: number;
  openings: number;
}

export interface YearTotals {
  unitId: number;
  unitName: string;
  schoolYear: number;
  schoolYearLabel: string;
  banksHandedOut: number;
  banksOpened: number;
  amountCollected: number;
  scholarshipCount: number;
  scholarshipAmount: number;
  suppliesAmount: number;
  fundAmount: number;
  otherAmount: number;
  drives: number;
  openings: number;
  /** openings waiting for a coordinator (SUBMITTED) */
  pendingReview: number;
  /** units of the subtree with a drive that year, by path */
  byUnit: UnitTotals[];
  /** current branches, school committees and communes of the subtree with no drive that year, by path */
  missing: { unitId: number; unitName: string }[];
}

type Row = {
  unitId: number; unitName: string; drives: bigint | number; banksHandedOut: bigint | number; openings: bigint | number;
  banksOpened: bigint | number; amountCollected: bigint | number; scholarshipCount: bigint | number;
  scholarshipAmount: bigint | number; suppliesAmount: bigint | number; fundAmount: bigint | number;
  otherAmount: bigint | number; pendingReview: bigint | number;
};

const SUMMED = [
  "drives", "banksHandedOut", "openings", "banksOpened", "amountCollected", "scholarshipCount", "scholarshipAmount",
  "suppliesAmount", "fundAmount", "otherAmount", "pendingReview",
] as const;

export async function yearTotals(deps: ServiceDeps, person: Person, unitId: number, schoolYear: number): Promise<YearTotals> {
  const id = parseInput(idSchema, unitId);
  const year = parseInput(schoolYearSchema, schoolYear);
  const unit = await requireOn(deps.db, person, "piggy.view", id);
  const prefix = `${unit.path}%`;
  // Openings are summed per drive first, then drives per unit: joining both
  // at once would count a drive's banks once per opening.
  const rows = await deps.db.$queryRaw<Row[]>`
    SELECT u."id" AS "unitId", u."name" AS "unitName",
           COUNT(*)::bigint AS "drives",
           SUM(d."banksHandedOut")::bigint AS "banksHandedOut",
           COALESCE(SUM(o."openings"), 0)::bigint AS "openings",
           COALESCE(SUM(o."banksOpened"), 0)::bigint AS "banksOpened",
           COALESCE(SUM(o."amountCollected"), 0)::bigint AS "amountCollected",
           COALESCE(SUM(o."scholarshipCount"), 0)::bigint AS "scholarshipCount",
           COALESCE(SUM(o."scholarshipAmount"), 0)::bigint AS "scholarshipAmount",
           COALESCE(SUM(o."suppliesAmount"), 0)::bigint AS "suppliesAmount",
           COALESCE(SUM(o."fundAmount"), 0)::bigint AS "fundAmount",
           COALESCE(SUM(o."otherAmount"), 0)::bigint AS "otherAmount",
           COALESCE(SUM(o."pendingReview"), 0)::bigint AS "pendingReview"
    FROM "PiggyBankDrive" d
    JOIN "Unit" u ON u."id" = d."unitId"
    LEFT JOIN (
      SELECT op."driveId",
             COUNT(*) AS "openings",
             SUM(op."banksOpened") AS "banksOpened",
             SUM(op."amountCollected") AS "amountCollected",
             SUM(op."scholarshipCount") AS "scholarshipCount",
             SUM(op."scholarshipAmount") AS "scholarshipAmount",
             SUM(op."suppliesAmount") AS "suppliesAmount",
             SUM(op."fundAmount") AS "fundAmount",
             SUM(op."otherAmount") AS "otherAmount",
             SUM(CASE WHEN op."status" = 'SUBMITTED' THEN 1 ELSE 0 END) AS "pendingReview"
      FROM "PiggyBankOpening" op
      JOIN "PiggyBankDrive" od ON od."id" = op."driveId"
      JOIN "Unit" ou ON ou."id" = od."unitId"
      WHERE od."schoolYear" = ${year} AND ou."path" LIKE ${prefix}
      GROUP BY op."driveId"
    ) o ON o."driveId" = d."id"
    WHERE d."schoolYear" = ${year} AND u."path" LIKE ${prefix}
    GROUP BY u."id", u."name", u."path"
    ORDER BY u."path"`;

  const byUnit = rows.map((r) => {
    const n = Object.fromEntries(SUMMED.map((k) => [k, Number(r[k])])) as Record<(typeof SUMMED)[number], number>;
    return { unitId: Number(r.unitId), unitName: r.unitName, ...n };
  });
  const total = (k: (typeof SUMMED)[number]) => byUnit.reduce((sum, r) => sum + r[k], 0);

  const missing = await deps.db.unit.findMany({
    where: {
      validTo: null, kind: { in: EXPECTED_KINDS }, path: { startsWith: unit.path },
      piggyBankDrives: { none: { schoolYear: year } },
    },
    select: { id: true, name: true },
    orderBy: { path: "asc" },
  });

  return {
    unitId: unit.id,
    unitName: unit.name,
    schoolYear: year,
    schoolYearLabel: schoolYearLabel(year),
    banksHandedOut: total("banksHandedOut"),
    banksOpened: total("banksOpened"),
    amountCollected: total("amountCollected"),
    scholarshipCount: total("scholarshipCount"),
    scholarshipAmount: total("scholarshipAmount"),
    suppliesAmount: total("suppliesAmount"),
    fundAmount: total("fundAmount"),
    otherAmount: total("otherAmount"),
    drives: total("drives"),
    openings: total("openings"),
    pendingReview: total("pendingReview"),
    byUnit: byUnit.map((r) => ({
      unitId: r.unitId, unitName: r.unitName, banksHandedOut: r.banksHandedOut, banksOpened: r.banksOpened,
      amountCollected: r.amountCollected, openings: r.openings,
    })),
    missing: missing.map((u) => ({ unitId: u.id, unitName: u.name })),
  };
}

/**
 * Openings of the subtree and year waiting for review (SUBMITTED), oldest
 * first, at most 20 — without the person's own, which someone else reviews
 * (administrators see theirs too).
 */
export async function openingsToReview(deps: ServiceDeps, person: Person, unitId: number, schoolYear: number): Promise<OpeningView[]> {
  const id = parseInput(idSchema, unitId);
  const year = parseInput(schoolYearSchema, schoolYear);
  const unit = await requireOn(deps.db, person, "piggy.review", id);
  const openings = await deps.db.piggyBankOpening.findMany({
    where: {
      status: "SUBMITTED",
      drive: { schoolYear: year, unit: { path: { startsWith: unit.path } } },
      ...(isAdmin(person.actor) ? {} : { createdByTelegramId: { not: BigInt(person.telegramId) } }),
    },
    include: openingInclude,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: REVIEW_QUEUE_LIMIT,
  });
  return openings.map((o) => toOpeningView(person, o));
}
