// The record kinds of an export (everything but the summary): for each, its
// columns, how many rows it has, and its rows read page by page (the ids
// first, then PAGE rows at a time, the next page fetched while the current
// one is written), never all the rows at once. Services-side helpers: they take the db and the person, and are only
// called by src/services/exports.ts after its permission checks.
import type { CriteriaSet } from "../domain/criteria.ts";
import { localDateToDbDate, toIsoDate, type LocalDate } from "../domain/dates.ts";
import { OPEN_STATUSES } from "../domain/sponsorship.ts";
import type { ReportPeriod } from "../domain/reports.ts";
import type { Person } from "../services/access.ts";
import type { DbOrTx } from "../services/deps.ts";
import { storedSet } from "../services/learning-views.ts";
import { layoutTemplate, owingUnits, REPORT_TEMPLATE_KEY } from "../services/report-views.ts";
import { seesFull } from "../services/sponsorship-views.ts";
import {
  ANONYMISED, CASE_STATUS, EVALUATION_STATUS, HEADINGS, LEARNING_MODEL, NO, OPENING_STATUS, REPORT_STATUS, schoolYearText, SUPPORT_KIND, YES,
} from "./headings.ts";
import type { Cell, Column } from "./table.ts";

export const PAGE = 2_000;

export interface ExportScope {
  db: DbOrTx;
  person: Person;
  unit: { id: number; name: string; path: string };
  year: number;
  period: ReportPeriod;
  /** the period's days (Vietnam calendar) */
  from: LocalDate;
  to: LocalDate;
  /** the first instant of the period, and the first after it */
  start: Date;
  end: Date;
}

export interface RecordKind {
  columns(scope: ExportScope): Promise<Column[]>;
  count(scope: ExportScope): Promise<number>;
  pages(scope: ExportScope): AsyncGenerator<Cell[][]>;
}

/**
 * The rows of a kind in pages of PAGE: the matching ids first (one number
 * each), then the rows of PAGE ids at a time by primary key — a plan that
 * does not depend on the tables' statistics (PGlite never analyses them, and
 * "id > last ORDER BY id LIMIT n" through a join may then sort the whole
 * subtree for every page). The next page is already on its way while the
 * caller writes this one.
 */
async function* byIds<T>(ids: number[], fetch: (ids: number[]) => Promise<T[]>): AsyncGenerator<T[]> {
  if (ids.length === 0) return;
  let next = fetch(ids.slice(0, PAGE));
  for (let at = PAGE; ; at += PAGE) {
    const page = await next;
    if (at >= ids.length) {
      yield page;
      return;
    }
    next = fetch(ids.slice(at, at + PAGE));
    // Abandoned (the writer failed): the prefetch must not become an unhandled rejection.
    void next.catch(() => undefined);
    yield page;
  }
}

async function* mapped<T>(pages: AsyncGenerator<T[]>, row: (r: T) => Cell[]): AsyncGenerator<Cell[][]> {
  for await (const page of pages) yield page.map(row);
}

const col = (header: string, width: number, type: Column["type"] = "text"): Column => ({ header, width, type });
const label = (table: Record<string, string>, code: string) => table[code] ?? code;

// ---- piggy-bank openings ----

const P = HEADINGS.piggy;
/** openedOn, unit, school year, banks opened, collected, scholarships, their value, supplies, fund, other, status */
type OpeningRow = [string, string, number, number, number, number, number, number, number, number, string];

/**
 * Openings of the subtree whose day falls in the period (all statuses: the
 * status column says which). A page comes back as one JSON value: the driver
 * then decodes one text instead of 24,000 cells, which is most of the time
 * a page would otherwise take.
 */
const piggy: RecordKind = {
  columns: async () => [
    col(P.openedOn, 13, "date"), col(P.unit, 32), col(P.schoolYear, 12), col(P.banksOpened, 12, "count"),
    col(P.amountCollected, 18, "money"), col(P.scholarshipCount, 12, "count"), col(P.scholarshipAmount, 18, "money"),
    col(P.suppliesAmount, 18, "money"), col(P.fundAmount, 18, "money"), col(P.otherAmount, 16, "money"), col(P.status, 14),
  ],
  async count(s) {
    return s.db.piggyBankOpening.count({
      where: { drive: { unit: { path: { startsWith: s.unit.path } } }, openedOn: { gte: localDateToDbDate(s.from), lte: localDateToDbDate(s.to) } },
    });
  },
  async *pages(s) {
    const prefix = `${s.unit.path}%`;
    const from = toIsoDate(s.from);
    const to = toIsoDate(s.to);
    const [found] = await s.db.$queryRaw<{ ids: string }[]>`
      SELECT COALESCE(json_agg(o."id" ORDER BY o."id"), '[]')::text AS "ids"
      FROM "PiggyBankOpening" o
      JOIN "PiggyBankDrive" d ON d."id" = o."driveId"
      JOIN "Unit" u ON u."id" = d."unitId"
      WHERE u."path" LIKE ${prefix} AND o."openedOn" >= ${from}::date AND o."openedOn" <= ${to}::date`;
    const ids = JSON.parse(found?.ids ?? "[]") as number[];
    const fetch = async (page: number[]) => {
      const [rows] = await s.db.$queryRaw<{ rows: string }[]>`
        SELECT COALESCE(json_agg(json_build_array(
                 o."openedOn", u."name", d."schoolYear", o."banksOpened", o."amountCollected", o."scholarshipCount",
                 o."scholarshipAmount", o."suppliesAmount", o."fundAmount", o."otherAmount", o."status"
               ) ORDER BY o."id"), '[]')::text AS "rows"
        FROM "PiggyBankOpening" o
        JOIN "PiggyBankDrive" d ON d."id" = o."driveId"
        JOIN "Unit" u ON u."id" = d."unitId"
        WHERE o."id" = ANY(${page}::int[])`;
      return JSON.parse(rows?.rows ?? "[]") as OpeningRow[];
    };
    yield* mapped(byIds(ids, fetch), (r) => [
      isoDay(r[0]), r[1], schoolYearText(r[2]), r[3], r[4], r[5], r[6], r[7], r[8], r[9], label(OPENING_STATUS, r[10]),
    ]);
  },
};

/** "2026-06-30" as the `@db.Date` value (UTC midnight). */
function isoDay(s: string): Date {
  return new Date(`${s.slice(0, 10)}T00:00:00Z`);
}

// ---- sponsorship cases ----

const S = HEADINGS.sponsorship;

/** Cases of the subtree started by the period's end and still followed in it (open now, or their status changed since it began). */
function caseWhere(s: ExportScope) {
  return {
    unit: { path: { startsWith: s.unit.path } },
    startedOn: { lte: localDateToDbDate(s.to) },
    OR: [{ status: { in: [...OPEN_STATUSES] } }, { events: { some: { kind: "STATUS", createdAt: { gte: s.start } } } }],
  };
}

/** The pupil's name only for those entitled (the privacy rule of sponsorship-views.ts), initials otherwise. */
export function pupilCell(person: Person, row: {
  ownerTelegramId: bigint; pupilName: string | null; pupilInitials: string | null; anonymisedAt: Date | null; unit: { id: number; name: string; path: string };
}): string {
  if (row.anonymisedAt !== null) return ANONYMISED;
  const shown = seesFull(person, row) ? row.pupilName : row.pupilInitials;
  return shown ?? row.pupilInitials ?? "";
}

const sponsorship: RecordKind = {
  columns: async () => [
    col(S.pupil, 26), col(S.birthYear, 10, "year"), col(S.grade, 7, "count"), col(S.unit, 32), col(S.status, 18),
    col(S.sponsorKind, 22), col(S.support, 34), col(S.monthlyAmount, 18, "money"), col(S.startedOn, 14, "date"),
  ],
  count: (s) => s.db.sponsorshipCase.count({ where: caseWhere(s) }),
  async *pages(s) {
    const ids = (await s.db.sponsorshipCase.findMany({ where: caseWhere(s), select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id);
    yield* mapped(
      byIds(ids, (page) => s.db.sponsorshipCase.findMany({
        where: { id: { in: page } },
        orderBy: { id: "asc" },
        select: {
          id: true, ownerTelegramId: true, pupilName: true, pupilInitials: true, anonymisedAt: true, birthYear: true, grade: true,
          status: true, supportKinds: true, monthlyAmount: true, startedOn: true,
          unit: { select: { id: true, name: true, path: true } }, sponsorKind: { select: { nameVi: true } },
        },
      })),
      (r) => [
        pupilCell(s.person, r), r.birthYear, r.grade, r.unit.name, label(CASE_STATUS, r.status), r.sponsorKind.nameVi,
        r.supportKinds.map((k) => label(SUPPORT_KIND, k)).join(", "), Number(r.monthlyAmount), r.startedOn,
      ],
    );
  },
};

// ---- learning-model registrations ----

const L = HEADINGS.learning;

const learning: RecordKind = {
  columns: async () => [
    col(L.model, 20), col(L.name, 30), col(L.village, 18), col(L.unit, 32), col(L.year, 8, "year"), col(L.status, 26),
    col(L.score, 8, "count"), col(L.grade, 16),
  ],
  count: (s) => s.db.learningRegistration.count({ where: { year: s.year, unit: { path: { startsWith: s.unit.path } } } }),
  async *pages(s) {
    const sets = new Map<number, CriteriaSet>();
    const gradeOf = async (setId: number, grade: string | null): Promise<string | null> => {
      if (grade === null) return null;
      let set = sets.get(setId);
      if (!set) {
        const row = await s.db.criteriaSet.findUnique({ where: { id: setId } });
        if (!row) return grade;
        set = storedSet(row);
        sets.set(setId, set);
      }
      if (set.rule === null) return grade;
      if (set.rule.kind === "all_required") return set.rule.label.vi;
      return set.rule.bands.find((b) => b.grade === grade)?.label.vi ?? grade;
    };
    const where = { year: s.year, unit: { path: { startsWith: s.unit.path } } };
    const ids = (await s.db.learningRegistration.findMany({ where, select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id);
    const pages = byIds(ids, (page) => s.db.learningRegistration.findMany({
      where: { id: { in: page } },
      orderBy: { id: "asc" },
      select: {
        id: true, model: true, name: true, village: true, year: true, unit: { select: { name: true } },
        evaluation: { select: { status: true, total: true, grade: true, criteriaSetId: true } },
      },
    }));
    for await (const page of pages) {
      const rows: Cell[][] = [];
      for (const r of page) {
        const e = r.evaluation;
        rows.push([
          label(LEARNING_MODEL, r.model), r.name, r.village, r.unit.name, r.year, label(EVALUATION_STATUS, e?.status ?? "NONE"),
          e && e.status !== "IN_PROGRESS" ? e.total : null, e ? await gradeOf(e.criteriaSetId, e.grade) : null,
        ]);
      }
      yield rows;
    }
  },
};

// ---- unit reports: one row per unit that owes the period's report ----

const R = HEADINGS.reports;
const UNIT_CHUNK = 500;

async function reportFields(s: ExportScope) {
  const template = await layoutTemplate(s.db, s.period);
  return template.sections.flatMap((sec) => sec.fields.filter((f) => f.kind !== "text").map((f) => ({ id: f.id, kind: f.kind, label: f.label.vi })));
}

const reports: RecordKind = {
  async columns(s) {
    const fields = await reportFields(s);
    return [
      col(R.unit, 34), col(R.status, 16), col(R.submittedAt, 17, "datetime"), col(R.late, 10),
      ...fields.map((f) => col(f.label, f.kind === "money" ? 20 : 14, f.kind === "money" ? "money" : "count")),
    ];
  },
  /** The units that owe it — or 0 when none of them has even started one (nothing reported yet). */
  async count(s) {
    const started = await s.db.report.count({
      where: { templateKey: REPORT_TEMPLATE_KEY, year: s.year, period: s.period, unit: { path: { startsWith: s.unit.path } } },
    });
    if (started === 0) return 0;
    return (await owingUnits(s.db, s.unit, REPORT_TEMPLATE_KEY, s.year, s.period)).length;
  },
  async *pages(s) {
    const fields = await reportFields(s);
    const owing = await owingUnits(s.db, s.unit, REPORT_TEMPLATE_KEY, s.year, s.period);
    for (let i = 0; i < owing.length; i += UNIT_CHUNK) {
      const chunk = owing.slice(i, i + UNIT_CHUNK);
      const found = await s.db.report.findMany({
        where: { unitId: { in: chunk.map((u) => u.id) }, templateKey: REPORT_TEMPLATE_KEY, year: s.year, period: s.period },
        select: { unitId: true, status: true, lateFor: true, submittedAt: true, values: { select: { fieldId: true, value: true } } },
      });
      const byUnit = new Map(found.map((r) => [r.unitId, r]));
      yield chunk.map((u): Cell[] => {
        const r = byUnit.get(u.id);
        const values = new Map((r?.values ?? []).map((v) => [v.fieldId, v.value]));
        return [
          u.name, label(REPORT_STATUS, r?.status ?? "NONE"), r?.submittedAt ?? null, r ? (r.lateFor !== null ? YES : NO) : null,
          ...fields.map((f) => {
            const v = values.get(f.id);
            return typeof v === "number" ? v : null;
          }),
        ];
      });
    }
  },
};

export const RECORD_KINDS = { reports, piggy, sponsorship, learning } as const;
