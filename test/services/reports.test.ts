import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDateToDbDate } from "../../src/domain/dates.ts";
import type { Role } from "../../src/domain/permissions.ts";
import { MAX_COUNT, MAX_TEXT, reportTemplateSchema, templateFields, type Figure, type ReportPeriod, type ReportTemplate } from "../../src/domain/reports.ts";
import type { UnitKind } from "../../src/domain/unit-kinds.ts";
import type { Person } from "../../src/services/access.ts";
import { knownFigures } from "../../src/services/report-figures.ts";
import type { ReportView } from "../../src/services/reports.ts";
import type { UnitView } from "../../src/services/units.ts";
import { atTime, freshServices, TEST_DATABASES, type TestEnv } from "../helpers/db.ts";
import { expectServiceError } from "../helpers/errors.ts";

// The default clock: 10:00 on 29/11/2026 in Vietnam.
const TODAY = new Date("2026-11-29T03:00:00Z");
const SEPT_10 = new Date("2026-09-10T02:00:00Z");
const SHIPPED = JSON.parse(readFileSync(new URL("../../criteria/reports/bao-cao-khuyen-hoc.json", import.meta.url), "utf8")) as ReportTemplate;
const FIELDS = templateFields(reportTemplateSchema.parse(SHIPPED));
const NUMBER_FIELDS = FIELDS.filter((f) => f.kind !== "text");
const SOURCED = FIELDS.filter((f) => f.source);

/** The template file with changes (a copy: the shipped object is left alone). */
function templateWith(change: Partial<ReportTemplate>): ReportTemplate {
  return { ...(JSON.parse(JSON.stringify(SHIPPED)) as ReportTemplate), ...change };
}

describe.each(TEST_DATABASES)("reports service on %s", (kind) => {
  let env: TestEnv;
  let admin: Person;
  let nextTelegramId = 7000;
  let treeCount = 0;

  const db = () => env.services.deps.db;
  const rs = () => env.services.reports;
  const at = <T>(when: Date, fn: () => Promise<T>) => atTime(env, when, fn);

  beforeAll(async () => {
    env = await freshServices(kind);
    admin = await env.services.access.loadPerson(1);
    const shipped = await rs().syncShippedTemplates();
    expect(shipped).toEqual({ added: ["bao-cao-khuyen-hoc.json (bao-cao-khuyen-hoc v1)"], unchanged: [], conflicts: [], invalid: [] });
  });
  afterAll(async () => {
    await env.db.close();
  });

  async function personWith(role: Role, unitId: number, language: string | null = "vi"): Promise<Person> {
    const telegramId = nextTelegramId++;
    const member = await db().member.create({ data: { telegramId: BigInt(telegramId), fullName: `Người ${telegramId}`, language } });
    await db().membership.create({ data: { memberId: member.id, unitId, role } });
    return env.services.access.loadPerson(telegramId);
  }

  /**
   * A fresh province for each test:
   *   province (provinceCoord) ─┬─ commune (coord, coord2: COORDINATOR; communeReporter) ─┬─ branch (reporter, reporter2, branchCoord, member)
   *                             │                                                         └─ school (SCHOOL_COMMITTEE; schoolReporter)
   *                             └─ other (otherCoord, otherReporter) ── otherBranch
   */
  async function tree() {
    const n = ++treeCount;
    const { createUnit } = env.services.units;
    const unit = (parent: UnitView | null, name: string, kind: UnitKind) => createUnit(admin, { parentId: parent?.id ?? null, name, kind });
    const province = await unit(null, `Tỉnh Hòa Bình ${n}`, "PROVINCE");
    const commune = await unit(province, `Xã Mãn Đức ${n}`, "COMMUNE");
    const branch = await unit(commune, `Chi hội xóm Đồi ${n}`, "BRANCH");
    const school = await unit(commune, `Ban khuyến học Trường THCS Mãn Đức ${n}`, "SCHOOL_COMMITTEE");
    const other = await unit(province, `Xã Chiềng Châu ${n}`, "COMMUNE");
    const otherBranch = await unit(other, `Chi hội bản Lác ${n}`, "BRANCH");
    return {
      province, commune, branch, school, other, otherBranch,
      provinceCoord: await personWith("COORDINATOR", province.id),
      coord: await personWith("COORDINATOR", commune.id),
      coord2: await personWith("COORDINATOR", commune.id, "en"),
      communeReporter: await personWith("REPORTER", commune.id),
      reporter: await personWith("REPORTER", branch.id),
      reporter2: await personWith("REPORTER", branch.id, "en"),
      branchCoord: await personWith("COORDINATOR", branch.id),
      member: await personWith("MEMBER", branch.id),
      schoolReporter: await personWith("REPORTER", school.id),
      otherCoord: await personWith("COORDINATOR", other.id),
      otherReporter: await personWith("REPORTER", other.id),
    };
  }
  type Tree = Awaited<ReturnType<typeof tree>>;

  /** A drive (100 banks, from 10/09/2026) and one opening on 20/11/2026 in the branch. */
  async function piggyOpening(t: Tree, change: { banksOpened?: number; amountCollected?: number; openedOn?: string } = {}) {
    const drive = await at(SEPT_10, () => env.services.piggyBanks.startDrive(t.reporter, {
      unitId: t.branch.id, schoolYear: 2026, recipientKind: "HOUSEHOLD", banksHandedOut: 100, note: null,
    }));
    await recordOpening(t, drive.id, change);
    return drive.id;
  }

  /** An opening (by default 40 banks, 12.500.000 ₫; a smaller amount all goes to the fund). */
  async function recordOpening(t: Tree, driveId: number, change: { banksOpened?: number; amountCollected?: number; openedOn?: string } = {}) {
    const uses = change.amountCollected === undefined
      ? { scholarshipCount: 5, scholarshipAmount: 5_000_000, suppliesAmount: 3_000_000, fundAmount: 3_500_000, otherAmount: 500_000, otherNote: "Quà Trung thu" }
      : { scholarshipCount: 0, scholarshipAmount: 0, suppliesAmount: 0, fundAmount: change.amountCollected, otherAmount: 0, otherNote: null };
    await env.services.piggyBanks.recordOpening(t.reporter, driveId, {
      openedOn: "2026-11-20", banksOpened: 40, amountCollected: 12_500_000, ...uses, photoFileId: null, ...change,
    });
  }

  const field = (view: ReportView, id: string) => view.sections.flatMap((s) => s.fields).find((f) => f.id === id)!;

  /** Confirms the known figures and answers every other number `base + i` (i: the field's place in the template). */
  async function fillAll(person: Person, reportId: number, base: number): Promise<ReportView> {
    let view = await rs().confirmKnown(person, reportId, null);
    for (const [i, f] of NUMBER_FIELDS.entries()) {
      if (!view.missing.includes(f.id)) continue;
      view = await rs().answerField(person, reportId, f.id, base + i);
    }
    return view;
  }

  /** Answers every number `base + i`, overriding the known figures too: the report's values are then known exactly. */
  async function answerAll(person: Person, reportId: number, base: number): Promise<ReportView> {
    let view = await rs().getReport(person, reportId);
    for (const [i, f] of NUMBER_FIELDS.entries()) view = await rs().answerField(person, reportId, f.id, base + i);
    return view;
  }

  async function submitted(person: Person, unitId: number, base: number, year = 2026, period: ReportPeriod = "YEAR") {
    const draft = await rs().openReport(person, unitId, year, period);
    await answerAll(person, draft.id, base);
    return (await rs().submitReport(person, draft.id)).report;
  }

  async function reportDeadline(period: ReportPeriod, year: number, dueOn: { year: number; month: number; day: number }, unitKinds: UnitKind[]) {
    return db().deadline.create({
      data: {
        key: `test-${period}-${year}`, year, name: { vi: "Hạn nộp báo cáo (thử)", en: "Report due (test)" }, kind: "REPORT",
        templateKey: "bao-cao-khuyen-hoc", period, unitKinds, roles: ["REPORTER"], dueOn: localDateToDbDate(dueOn), steps: [],
      },
    });
  }

  const sortIds = (xs: { telegramId: number }[]) => xs.map((x) => x.telegramId).sort((a, b) => a - b);

  describe("templates", () => {
    it("stores a folder's templates once: added, then unchanged; a changed file of the same version is a conflict; invalid files listed", async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "report-templates-"));
      try {
        const test = templateWith({ id: "bao-cao-thu-nghiem" });
        writeFileSync(path.join(dir, "thu-nghiem.json"), JSON.stringify(test, null, 2));
        writeFileSync(path.join(dir, "hong.json"), JSON.stringify({ ...test, id: "bao-cao-hong", periods: ["Q3"] }));
        writeFileSync(path.join(dir, "khong-phai-json.json"), "{ day khong phai JSON");
        writeFileSync(path.join(dir, "ghi-chu.txt"), "not a template");

        const first = await rs().syncShippedTemplates(dir);
        expect(first.added).toEqual(["thu-nghiem.json (bao-cao-thu-nghiem v1)"]);
        expect(first.unchanged).toEqual([]);
        expect(first.conflicts).toEqual([]);
        expect(first.invalid.map((i) => i.file)).toEqual(["hong.json", "khong-phai-json.json"]);
        expect(first.invalid[0]!.errors).toHaveLength(1);
        expect(first.invalid[0]!.errors[0]).toMatch(/^periods\.0: /);
        expect(first.invalid[1]!.errors[0]).toMatch(/^not valid JSON/);
        const stored = await db().reportTemplate.findUniqueOrThrow({ where: { key_version: { key: "bao-cao-thu-nghiem", version: 1 } } });
        expect(stored.checksum).toBe(createHash("sha256").update(JSON.stringify(reportTemplateSchema.parse(test))).digest("hex"));
        expect(stored.content).toEqual(reportTemplateSchema.parse(test));

        // Read again (a restart): nothing new; reformatting the file changes nothing either.
        writeFileSync(path.join(dir, "thu-nghiem.json"), JSON.stringify(test));
        const second = await rs().syncShippedTemplates(dir);
        expect(second).toMatchObject({ added: [], unchanged: ["thu-nghiem.json (bao-cao-thu-nghiem v1)"], conflicts: [] });

        // The same version with other content: reported, and the stored one is kept.
        writeFileSync(path.join(dir, "thu-nghiem.json"), JSON.stringify({ ...test, title: { vi: "Tiêu đề khác", en: "Another title" } }));
        const third = await rs().syncShippedTemplates(dir);
        expect(third).toMatchObject({ added: [], unchanged: [], conflicts: ["thu-nghiem.json (bao-cao-thu-nghiem v1)"] });
        const kept = await db().reportTemplate.findMany({ where: { key: "bao-cao-thu-nghiem" } });
        expect(kept.map((k) => [k.version, k.checksum, (k.content as { title: { vi: string } }).title.vi])).toEqual([[1, stored.checksum, SHIPPED.title.vi]]);

        // The shipped folder again: unchanged.
        expect(await rs().syncShippedTemplates()).toEqual({ added: [], unchanged: ["bao-cao-khuyen-hoc.json (bao-cao-khuyen-hoc v1)"], conflicts: [], invalid: [] });
        // A missing folder: nothing.
        expect(await rs().syncShippedTemplates(path.join(dir, "khong-co"))).toEqual({ added: [], unchanged: [], conflicts: [], invalid: [] });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("two instances starting at once store a new template once", async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "report-templates-"));
      try {
        writeFileSync(path.join(dir, "dong-thoi.json"), JSON.stringify(templateWith({ id: "bao-cao-dong-thoi" })));
        const [a, b] = await Promise.all([rs().syncShippedTemplates(dir), rs().syncShippedTemplates(dir)]);
        expect([...a.added, ...b.added]).toEqual(["dong-thoi.json (bao-cao-dong-thoi v1)"]);
        expect([...a.unchanged, ...b.unchanged]).toEqual(["dong-thoi.json (bao-cao-dong-thoi v1)"]);
        expect(await db().reportTemplate.count({ where: { key: "bao-cao-dong-thoi" } })).toBe(1);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("the shipped template is for branches as well as communes and committees", () => {
      expect(SHIPPED.unitKinds).toContain("BRANCH");
      expect(SHIPPED.unitKinds).toEqual(expect.arrayContaining(["COMMUNE", "SCHOOL_COMMITTEE", "AGENCY_COMMITTEE"]));
    });
  });

  describe("opening and filling in", () => {
    it("opens a draft with every field, the figures the bot knows pre-filled with where they came from", async () => {
      const t = await tree();
      await piggyOpening(t);
      const figures = await knownFigures(db(), t.commune, 2026, "YEAR");
      expect(figures.get("piggy.amountCollected")!.value).toBe(12_500_000);

      const view = await rs().openReport(t.communeReporter, t.commune.id, 2026, "YEAR");
      expect(view).toMatchObject({
        unitId: t.commune.id, unitName: t.commune.name, templateKey: "bao-cao-khuyen-hoc", templateVersion: 1,
        title: SHIPPED.title, period: "YEAR", year: 2026, status: "DRAFT", lateFor: null, dueOn: null,
        submittedAt: null, submittedByTelegramId: null, reopenedAt: null, reopenComment: null,
        canEdit: true, canSubmit: false, canReopen: false,
      });
      expect(JSON.parse(JSON.stringify(view))).toEqual(view);
      expect(view.sections.map((s) => s.id)).toEqual(SHIPPED.sections.map((s) => s.id));
      expect(view.sections.flatMap((s) => s.fields.map((f) => [s.id, f.id, f.kind]))).toEqual(FIELDS.map((f) => [f.sectionId, f.id, f.kind]));
      for (const f of SOURCED) {
        const known = figures.get(f.source as Figure)!;
        expect(field(view, f.id)).toMatchObject({ known: known.value, value: known.value, source: known.source, sourceDetail: known.detail, answered: false, overridden: false });
      }
      expect(field(view, "piggyCollected")).toMatchObject({
        known: 12_500_000, value: 12_500_000, source: "piggy",
        sourceDetail: { key: "report-source-piggy-openings", vars: { openings: 1 } },
        label: { vi: "Số tiền thu được", en: "Money collected" }, help: null,
      });
      expect(field(view, "piggyOpened")).toMatchObject({ known: 40, value: 40 });
      expect(field(view, "fundRaised")).toEqual({
        id: "fundRaised", sectionId: "fund", kind: "money", label: SHIPPED.sections[1]!.fields[0]!.label, help: SHIPPED.sections[1]!.fields[0]!.help,
        value: null, known: null, source: null, sourceDetail: null, answered: false, overridden: false,
      });
      expect(view.missing).toEqual(NUMBER_FIELDS.map((f) => f.id));

      const rows = await db().reportValue.findMany({ where: { reportId: view.id } });
      expect(rows).toHaveLength(FIELDS.length);
      expect(rows.every((r) => r.answeredByTelegramId === null)).toBe(true);
      const audit = await db().auditLog.findMany({ where: { entity: "Report", entityId: String(view.id) } });
      expect(audit.map((a) => [a.action, a.actorTelegramId])).toEqual([["report.create", BigInt(t.communeReporter.telegramId)]]);
      expect(await db().report.findUniqueOrThrow({ where: { id: view.id } })).toMatchObject({ createdAt: TODAY, createdByTelegramId: BigInt(t.communeReporter.telegramId) });
    });

    it("opened twice at once makes one report; opened again it is the same one, with the figures brought up to date except what was answered", async () => {
      const t = await tree();
      const driveId = await piggyOpening(t);
      const [a, b] = await Promise.all([
        rs().openReport(t.reporter, t.branch.id, 2026, "YEAR"),
        rs().openReport(t.reporter2, t.branch.id, 2026, "YEAR"),
      ]);
      expect(a.id).toBe(b.id);
      expect(await db().report.count({ where: { unitId: t.branch.id } })).toBe(1);
      expect(await db().reportValue.count({ where: { reportId: a.id } })).toBe(FIELDS.length);

      // The reporter overrides the banks opened; then a second opening is recorded.
      await rs().answerField(t.reporter, a.id, "piggyOpened", 45);
      await recordOpening(t, driveId, { banksOpened: 30, amountCollected: 7_000_000, openedOn: "2026-11-25" });
      const again = await rs().openReport(t.reporter, t.branch.id, 2026, "YEAR");
      expect(again.id).toBe(a.id);
      expect(field(again, "piggyCollected")).toMatchObject({ known: 19_500_000, value: 19_500_000, answered: false, sourceDetail: { vars: { openings: 2 } } });
      expect(field(again, "piggyOpened")).toMatchObject({ known: 70, value: 45, answered: true, overridden: true });
      expect(await db().report.count({ where: { unitId: t.branch.id } })).toBe(1);
    });

    it("answers: an override keeps both numbers; confirming takes the known figures of a section or of all", async () => {
      const t = await tree();
      await piggyOpening(t);
      let view = await rs().openReport(t.communeReporter, t.commune.id, 2026, "YEAR");
      view = await rs().answerField(t.communeReporter, view.id, "piggyCollected", 13_000_000);
      expect(field(view, "piggyCollected")).toMatchObject({ known: 12_500_000, value: 13_000_000, answered: true, overridden: true });
      const row = await db().reportValue.findFirstOrThrow({ where: { reportId: view.id, fieldId: "piggyCollected" } });
      expect(row).toMatchObject({ known: 12_500_000, value: 13_000_000, answeredByTelegramId: BigInt(t.communeReporter.telegramId) });

      // Typing the known number is an answer, not an override.
      view = await rs().answerField(t.communeReporter, view.id, "piggyOpened", 40);
      expect(field(view, "piggyOpened")).toMatchObject({ known: 40, value: 40, answered: true, overridden: false });

      view = await rs().confirmKnown(t.communeReporter, view.id, "piggy");
      expect(field(view, "piggyHandedOut")).toMatchObject({ known: 100, value: 100, answered: true, overridden: false });
      expect(field(view, "piggyCollected")).toMatchObject({ value: 13_000_000, answered: true, overridden: true });
      expect(field(view, "members")).toMatchObject({ answered: false });
      expect(view.missing).not.toContain("piggyHandedOut");
      expect(view.missing).toContain("members");

      view = await rs().confirmKnown(t.communeReporter, view.id, null);
      expect(view.missing).toEqual(NUMBER_FIELDS.filter((f) => !f.source).map((f) => f.id));
      expect(SOURCED.every((f) => field(view, f.id).answered)).toBe(true);
      await expectServiceError(rs().confirmKnown(t.communeReporter, view.id, "khong-co"), "bad_input", { fields: "sectionId" });

      // Texts: kept tidy (NFC, trimmed), cleared with null; the audit log never holds their words.
      view = await rs().answerField(t.communeReporter, view.id, "shortcomings", "  Kinh phí còn hạn chế  ".normalize("NFD"));
      expect(field(view, "shortcomings")).toMatchObject({ value: "Kinh phí còn hạn chế".normalize("NFC"), answered: true, known: null });
      view = await rs().answerField(t.communeReporter, view.id, "shortcomings", null);
      expect(field(view, "shortcomings").value).toBeNull();
      const audit = await db().auditLog.findMany({ where: { entity: "Report", entityId: String(view.id), action: "report.answer" }, orderBy: { id: "asc" } });
      expect(audit).toHaveLength(4);
      expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toMatch(/Kinh/);
      expect(audit[0]!.after).toMatchObject({ fieldId: "piggyCollected", value: 13_000_000, known: 12_500_000 });
    });

    it("refuses answers that do not fit the field, with the reason", async () => {
      const t = await tree();
      const view = await rs().openReport(t.communeReporter, t.commune.id, 2026, "YEAR");
      const answer = (fieldId: string, value: number | string | null) => rs().answerField(t.communeReporter, view.id, fieldId, value);
      await expectServiceError(answer("members", -1), "bad_report_answer", { field: "members", reason: "negative" });
      await expectServiceError(answer("members", MAX_COUNT + 1), "bad_report_answer", { field: "members", reason: "too_large" });
      await expectServiceError(answer("fundRaised", 1.5), "bad_report_answer", { field: "fundRaised", reason: "not_integer" });
      await expectServiceError(answer("members", "mười hai"), "bad_report_answer", { field: "members", reason: "wrong_kind", kind: "count" });
      await expectServiceError(answer("members", null), "bad_report_answer", { field: "members", reason: "empty" });
      await expectServiceError(answer("plans", 12), "bad_report_answer", { field: "plans", reason: "wrong_kind", kind: "text" });
      await expectServiceError(answer("plans", "x".repeat(MAX_TEXT + 1)), "bad_report_answer", { field: "plans", reason: "too_long", max: MAX_TEXT });
      await expectServiceError(answer("khongCo", 1), "bad_report_answer", { field: "khongCo", reason: "no_such_field" });
      await expectServiceError(answer("members", Number.POSITIVE_INFINITY), "bad_input");
      const rows = await db().reportValue.findMany({ where: { reportId: view.id, answeredByTelegramId: { not: null } } });
      expect(rows).toEqual([]);
      // A number as large as allowed is fine.
      expect(field(await answer("members", MAX_COUNT), "members")).toMatchObject({ value: MAX_COUNT, answered: true });
    });

    it("who may open: reporters and coordinators over the unit; not a member, not another commune's reporter; not a future period", async () => {
      const t = await tree();
      await expectServiceError(rs().openReport(t.member, t.branch.id, 2026, "YEAR"), "forbidden");
      await expectServiceError(rs().openReport(t.otherReporter, t.commune.id, 2026, "YEAR"), "forbidden");
      await expectServiceError(rs().openReport(t.otherReporter, t.branch.id, 2026, "YEAR"), "forbidden");
      await expectServiceError(rs().openReport(t.reporter, t.commune.id, 2026, "YEAR"), "forbidden");
      await expectServiceError(rs().openReport(t.communeReporter, t.commune.id, 2027, "H1"), "report_period_future", { year: 2027 });
      await expectServiceError(rs().openReport(t.communeReporter, t.commune.id, 2028, "YEAR"), "bad_input", { fields: "year" });
      await expectServiceError(rs().openReport(t.communeReporter, t.commune.id, 2019, "YEAR"), "bad_input", { fields: "year" });
      await expectServiceError(rs().openReport(t.communeReporter, t.commune.id, 2026, "Q3" as ReportPeriod), "bad_input", { fields: "period" });
      expect(await db().report.count({ where: { unitId: { in: [t.commune.id, t.branch.id] } } })).toBe(0);

      // A branch reports too (the template lists branches); a coordinator above may open it.
      const branchReport = await rs().openReport(t.reporter, t.branch.id, 2026, "H1");
      expect(branchReport).toMatchObject({ unitId: t.branch.id, period: "H1", status: "DRAFT" });
      expect((await rs().openReport(t.coord, t.branch.id, 2026, "H1")).id).toBe(branchReport.id);
      // On 1 January 2027 (Vietnam) the 2027 periods have begun.
      expect((await at(new Date("2026-12-31T17:00:00Z"), () => rs().openReport(t.communeReporter, t.commune.id, 2027, "H1"))).year).toBe(2027);

      // Seeing a report: those who fill it in and coordinators over it.
      expect((await rs().getReport(t.provinceCoord, branchReport.id)).canEdit).toBe(true);
      expect((await rs().getReport(t.reporter2, branchReport.id)).canEdit).toBe(true);
      await expectServiceError(rs().getReport(t.member, branchReport.id), "forbidden");
      await expectServiceError(rs().getReport(t.otherCoord, branchReport.id), "forbidden");
      await expectServiceError(rs().getReport(t.reporter, 2_000_000_000), "report_not_found");
      await expectServiceError(rs().answerField(t.member, branchReport.id, "members", 3), "forbidden");
      await expectServiceError(rs().answerField(t.otherCoord, branchReport.id, "members", 3), "forbidden");

      // A unit merged away takes no more reports.
      const merged = await env.services.units.createUnit(admin, { parentId: t.commune.id, name: `Chi hội cũ ${treeCount}`, kind: "BRANCH" });
      await env.services.units.mergeUnit(admin, merged.id, t.branch.id);
      await expectServiceError(rs().openReport(t.coord, merged.id, 2026, "YEAR"), "unit_retired");
    });

    it("the units a person may report for: where they hold reporter or more, by name", async () => {
      const t = await tree();
      const person = await personWith("REPORTER", t.school.id);
      const member = await db().member.findUniqueOrThrow({ where: { telegramId: BigInt(person.telegramId) } });
      await db().membership.create({ data: { memberId: member.id, unitId: t.other.id, role: "COORDINATOR" } });
      await db().membership.create({ data: { memberId: member.id, unitId: t.otherBranch.id, role: "MEMBER" } });
      const units = await rs().reportUnits(await env.services.access.loadPerson(person.telegramId));
      expect(units).toEqual([
        { id: t.school.id, name: t.school.name, kind: "SCHOOL_COMMITTEE" },
        { id: t.other.id, name: t.other.name, kind: "COMMUNE" },
      ]);
      expect(await rs().reportUnits(t.member)).toEqual([]);
    });
  });

  describe("submitting and reopening", () => {
    it("submits only when every number is answered; the coordinators of the unit above are told, and it no longer changes", async () => {
      const t = await tree();
      await piggyOpening(t);
      let view = await rs().openReport(t.reporter, t.branch.id, 2026, "YEAR");
      await expectServiceError(rs().submitReport(t.reporter, view.id), "report_incomplete", { count: NUMBER_FIELDS.length });
      view = await rs().confirmKnown(t.reporter, view.id, null);
      await expectServiceError(rs().submitReport(t.reporter, view.id), "report_incomplete", { count: NUMBER_FIELDS.filter((f) => !f.source).length });
      view = await fillAll(t.reporter, view.id, 10);
      expect(view).toMatchObject({ missing: [], canSubmit: true });
      expect(field(view, "plans").value).toBeNull(); // texts are optional

      const sent = await rs().submitReport(t.reporter, view.id);
      expect(sent.report).toMatchObject({
        status: "SUBMITTED", submittedAt: TODAY.toISOString(), submittedByTelegramId: t.reporter.telegramId, lateFor: null,
        canEdit: false, canSubmit: false, canReopen: false,
      });
      // The commune's coordinators, not the branch's own coordinator, nor the sender.
      expect(sent.notify).toEqual([
        { telegramId: t.coord.telegramId, language: "vi" },
        { telegramId: t.coord2.telegramId, language: "en" },
      ]);
      const audit = await db().auditLog.findMany({ where: { entity: "Report", entityId: String(view.id), action: "report.submit" } });
      expect(audit.map((a) => [a.actorTelegramId, a.after])).toEqual([[BigInt(t.reporter.telegramId), { status: "SUBMITTED", lateFor: null }]]);

      // Sent: no more answers; opening it again shows it as it was sent, figures not refreshed.
      await expectServiceError(rs().answerField(t.reporter, view.id, "members", 3), "report_not_open", { status: "SUBMITTED" });
      await expectServiceError(rs().confirmKnown(t.reporter, view.id, null), "report_not_open");
      await expectServiceError(rs().submitReport(t.reporter, view.id), "report_not_open");
      const driveId = (await db().piggyBankDrive.findFirstOrThrow({ where: { unitId: t.branch.id } })).id;
      await recordOpening(t, driveId, { banksOpened: 10, amountCollected: 1_000_000 });
      const reopened = await rs().openReport(t.reporter, t.branch.id, 2026, "YEAR");
      expect(reopened).toEqual(sent.report);
      expect(field(reopened, "piggyCollected").known).toBe(12_500_000);
      expect((await rs().getReport(t.coord, view.id)).canReopen).toBe(true);

      // A commune coordinator sending the commune's report: the province's coordinators are told.
      const commune = await submitted(t.coord, t.commune.id, 1);
      expect(commune.status).toBe("SUBMITTED");
      const communeReport = await db().report.findFirstOrThrow({ where: { unitId: t.commune.id } });
      expect(communeReport.submittedByTelegramId).toBe(BigInt(t.coord.telegramId));
    });

    it("tells the province's coordinators of a commune's report, and never the sender", async () => {
      const t = await tree();
      const draft = await rs().openReport(t.provinceCoord, t.commune.id, 2026, "YEAR");
      await answerAll(t.provinceCoord, draft.id, 5);
      const sent = await rs().submitReport(t.provinceCoord, draft.id);
      // The province's only coordinator sent it: nobody in the tree is left above, so the administrators are told.
      expect(sent.notify).toEqual([{ telegramId: 1, language: null }]);
      const draft2 = await rs().openReport(t.communeReporter, t.other.id, 2026, "YEAR").catch((e: unknown) => e);
      expect(draft2).toMatchObject({ code: "forbidden" });
      const other = await rs().openReport(t.otherReporter, t.other.id, 2026, "YEAR");
      await answerAll(t.otherReporter, other.id, 5);
      expect((await rs().submitReport(t.otherReporter, other.id)).notify).toEqual([{ telegramId: t.provinceCoord.telegramId, language: "vi" }]);
    });

    it("marks a report sent after the deadline's day late, and not one sent on the day or before", async () => {
      const t = await tree();
      await reportDeadline("H1", 2026, { year: 2026, month: 6, day: 15 }, ["COMMUNE", "SCHOOL_COMMITTEE", "AGENCY_COMMITTEE"]);
      // 23:30 on 15/06 in Vietnam is still the day.
      const onTheDay = await at(new Date("2026-06-15T16:30:00Z"), () => submitted(t.communeReporter, t.commune.id, 1, 2026, "H1"));
      expect(onTheDay).toMatchObject({ lateFor: null, dueOn: "2026-06-15" });
      const before = await at(new Date("2026-06-10T03:00:00Z"), () => submitted(t.schoolReporter, t.school.id, 1, 2026, "H1"));
      expect(before.lateFor).toBeNull();
      // 00:30 on 16/06 in Vietnam: late.
      const late = await at(new Date("2026-06-15T17:30:00Z"), () => submitted(t.otherReporter, t.other.id, 1, 2026, "H1"));
      expect(late).toMatchObject({ lateFor: "2026-06-15", dueOn: "2026-06-15", status: "SUBMITTED" });
      expect((await db().report.findUniqueOrThrow({ where: { id: late.id } })).lateFor).toEqual(localDateToDbDate({ year: 2026, month: 6, day: 15 }));

      // Reopened and sent again: still late (and the deadline does not move).
      const reopened = await rs().reopenReport(t.provinceCoord, late.id, "Xin sửa số hội viên", late.updatedAt);
      expect(reopened.report).toMatchObject({ status: "REOPENED", lateFor: "2026-06-15" });
      const resent = await rs().submitReport(t.otherReporter, late.id);
      expect(resent.report.lateFor).toBe("2026-06-15");

      // Who owes it, and how far they are: the deadline names the kinds.
      const rows = await rs().submissions(t.provinceCoord, t.province.id, 2026, "H1");
      expect(rows.map((r) => [r.unitName, r.unitKind, r.status, r.late, r.submittedAt !== null])).toEqual([
        [t.commune.name, "COMMUNE", "SUBMITTED", false, true],
        [t.school.name, "SCHOOL_COMMITTEE", "SUBMITTED", false, true],
        [t.other.name, "COMMUNE", "SUBMITTED", true, true],
      ]);
      expect(rows[1]).toEqual({ unitId: t.school.id, unitName: t.school.name, unitKind: "SCHOOL_COMMITTEE", status: "SUBMITTED", reportId: before.id, late: false, submittedAt: "2026-06-10T03:00:00.000Z" });
    });

    it("a coordinator over the unit reopens a sent report with a comment; the sender and the unit's reporters are told; it is sent again", async () => {
      const t = await tree();
      const draft = await rs().openReport(t.reporter, t.branch.id, 2026, "YEAR");
      await expectServiceError(rs().reopenReport(t.coord, draft.id, "Xin sửa", draft.updatedAt), "report_not_submitted", { status: "DRAFT" });
      await answerAll(t.reporter, draft.id, 3);
      const sent = (await rs().submitReport(t.reporter, draft.id)).report;

      await expectServiceError(rs().reopenReport(t.reporter, sent.id, "Xin sửa", sent.updatedAt), "forbidden");
      await expectServiceError(rs().reopenReport(t.otherCoord, sent.id, "Xin sửa", sent.updatedAt), "forbidden");
      await expectServiceError(rs().reopenReport(t.coord, sent.id, "Xin sửa", draft.updatedAt), "report_changed");
      await expectServiceError(rs().reopenReport(t.coord, sent.id, "   ", sent.updatedAt), "bad_input", { fields: "comment" });
      await expectServiceError(rs().reopenReport(t.coord, sent.id, "x".repeat(501), sent.updatedAt), "bad_input", { fields: "comment" });
      expect((await db().report.findUniqueOrThrow({ where: { id: sent.id } })).status).toBe("SUBMITTED");

      const at9 = new Date("2026-11-30T02:00:00Z");
      const reopened = await at(at9, () => rs().reopenReport(t.coord, sent.id, "  Số hội viên chưa đúng, xin anh/chị xem lại  ", sent.updatedAt));
      expect(reopened.report).toMatchObject({
        status: "REOPENED", reopenComment: "Số hội viên chưa đúng, xin anh/chị xem lại", reopenedAt: at9.toISOString(),
        canEdit: true, canReopen: false, submittedByTelegramId: t.reporter.telegramId,
      });
      expect(reopened.report.updatedAt).not.toBe(sent.updatedAt);
      expect(sortIds(reopened.notify)).toEqual(sortIds([t.reporter, t.reporter2]));
      expect(reopened.notify).toContainEqual({ telegramId: t.reporter2.telegramId, language: "en" });
      // The same button pressed twice: the second finds it reopened already.
      await expectServiceError(rs().reopenReport(t.coord2, sent.id, "Xin sửa", sent.updatedAt), "report_not_submitted", { status: "REOPENED" });

      // The reporter corrects and sends it again; the reporter's answers were kept.
      const view = await rs().getReport(t.reporter, sent.id);
      expect(view.missing).toEqual([]);
      expect(field(view, "members").value).toBe(3);
      expect(field(await rs().answerField(t.reporter, sent.id, "members", 250), "members")).toMatchObject({ value: 250, answered: true });
      const resent = await at(at9, () => rs().submitReport(t.reporter2, sent.id));
      expect(resent.report).toMatchObject({ status: "SUBMITTED", submittedAt: at9.toISOString(), submittedByTelegramId: t.reporter2.telegramId, lateFor: null });
      expect(field(resent.report, "members").value).toBe(250);

      // The branch's own coordinator may reopen too, the branch reporter sending it is told (not the one reopening).
      const again = await rs().reopenReport(t.branchCoord, sent.id, "Thêm ghi chú", resent.report.updatedAt);
      expect(sortIds(again.notify)).toEqual(sortIds([t.reporter, t.reporter2]));
      const audit = await db().auditLog.findMany({ where: { entity: "Report", entityId: String(sent.id), action: { not: "report.answer" } }, orderBy: { id: "asc" } });
      expect(audit.map((a) => a.action)).toEqual(["report.create", "report.submit", "report.reopen", "report.submit", "report.reopen"]);
      expect(audit[2]!.after).toEqual({ status: "REOPENED", reopenComment: "Số hội viên chưa đúng, xin anh/chị xem lại" });
    });
  });

  describe("coordinators' views", () => {
    it("lists who owes the report in the subtree and how far they are", async () => {
      const t = await tree();
      const agency = await env.services.units.createUnit(admin, { parentId: t.other.id, name: `Ban khuyến học UBND xã ${treeCount}`, kind: "AGENCY_COMMITTEE" });
      const gone = await env.services.units.createUnit(admin, { parentId: t.other.id, name: `Ban khuyến học đã giải thể ${treeCount}`, kind: "AGENCY_COMMITTEE" });
      await db().unit.update({ where: { id: gone.id }, data: { validTo: TODAY } });
      await rs().openReport(t.communeReporter, t.commune.id, 2026, "YEAR");
      const school = await submitted(t.schoolReporter, t.school.id, 1);
      await rs().openReport(t.reporter, t.branch.id, 2026, "YEAR"); // branches do not owe it by default

      const rows = await rs().submissions(t.provinceCoord, t.province.id, 2026, "YEAR");
      expect(rows.map((r) => [r.unitId, r.status, r.late])).toEqual([
        [t.commune.id, "DRAFT", false],
        [t.school.id, "SUBMITTED", false],
        [t.other.id, "NONE", false],
        [agency.id, "NONE", false],
      ]);
      expect(rows[1]).toEqual({ unitId: t.school.id, unitName: t.school.name, unitKind: "SCHOOL_COMMITTEE", status: "SUBMITTED", reportId: school.id, late: false, submittedAt: TODAY.toISOString() });
      expect(rows[2]).toMatchObject({ reportId: null, submittedAt: null });
      expect((await rs().submissions(t.coord, t.commune.id, 2026, "YEAR")).map((r) => r.unitId)).toEqual([t.commune.id, t.school.id]);
      expect(await rs().submissions(t.coord, t.commune.id, 2025, "H1")).toEqual([
        expect.objectContaining({ unitId: t.commune.id, status: "NONE" }), expect.objectContaining({ unitId: t.school.id, status: "NONE" }),
      ]);
      await expectServiceError(rs().submissions(t.communeReporter, t.commune.id, 2026, "YEAR"), "forbidden");
      await expectServiceError(rs().submissions(t.otherCoord, t.commune.id, 2026, "YEAR"), "forbidden");
    });

    it("a deadline that names branches makes them owe the report", async () => {
      const t = await tree();
      await reportDeadline("YEAR", 2025, { year: 2025, month: 12, day: 15 }, ["BRANCH"]);
      const rows = await rs().submissions(t.provinceCoord, t.province.id, 2025, "YEAR");
      expect(rows.map((r) => r.unitId)).toEqual([t.branch.id, t.otherBranch.id]);
      const summed = await rs().summedReport(t.provinceCoord, t.province.id, 2025, "YEAR");
      expect(summed.missing.map((m) => m.unitId)).toEqual([t.branch.id, t.otherBranch.id]);
    });

    it("sums the highest submitted reports of the subtree: a commune's covers its branches; lists the units still missing", async () => {
      const t = await tree();
      const otherSchool = await env.services.units.createUnit(admin, { parentId: t.other.id, name: `Ban khuyến học Trường TH Chiềng Châu ${treeCount}`, kind: "SCHOOL_COMMITTEE" });
      const otherSchoolReporter = await personWith("REPORTER", otherSchool.id);
      const commune = await submitted(t.communeReporter, t.commune.id, 1000);
      const branch = await submitted(t.reporter, t.branch.id, 50);
      await rs().openReport(t.schoolReporter, t.school.id, 2026, "YEAR"); // a draft: never summed
      const school2 = await submitted(otherSchoolReporter, otherSchool.id, 7);
      const total = (...bases: number[]) => (i: number) => bases.reduce((n, b) => n + b + i, 0);

      // At the commune: only its own report (the branch's is inside it); nothing missing (the school is covered).
      let summed = await rs().summedReport(t.coord, t.commune.id, 2026, "YEAR");
      expect(summed).toMatchObject({ unitId: t.commune.id, unitName: t.commune.name, year: 2026, period: "YEAR", title: SHIPPED.title });
      expect(summed.included).toEqual([{ reportId: commune.id, unitId: t.commune.id, unitName: t.commune.name }]);
      expect(summed.missing).toEqual([]);
      expect(summed.sections.map((s) => s.id)).toEqual(SHIPPED.sections.filter((s) => s.fields.some((f) => f.kind !== "text")).map((s) => s.id));
      const byId = (s: typeof summed) => Object.fromEntries(s.sections.flatMap((x) => x.fields.map((f) => [f.id, f.total])));
      expect(byId(summed)).toEqual(Object.fromEntries(NUMBER_FIELDS.map((f, i) => [f.id, 1000 + i])));
      expect(summed.sections[0]!.fields[0]).toEqual({ id: "members", kind: "count", label: SHIPPED.sections[0]!.fields[0]!.label, total: 1000 });

      // At the branch: its own report.
      summed = await rs().summedReport(t.branchCoord, t.branch.id, 2026, "YEAR");
      expect(summed.included.map((r) => r.reportId)).toEqual([branch.id]);
      expect(summed.missing).toEqual([]); // a branch does not owe it by default

      // At the province: the commune and the other commune's school; the other commune itself is missing.
      summed = await rs().summedReport(t.provinceCoord, t.province.id, 2026, "YEAR");
      expect(summed.included.map((r) => r.reportId)).toEqual([commune.id, school2.id]);
      expect(summed.missing).toEqual([{ unitId: t.other.id, unitName: t.other.name }]);
      expect(byId(summed)).toEqual(Object.fromEntries(NUMBER_FIELDS.map((f, i) => [f.id, total(1000, 7)(i)])));

      // The other commune reports: two communes summed; its school is now inside its report.
      const other = await submitted(t.otherReporter, t.other.id, 300);
      summed = await rs().summedReport(t.provinceCoord, t.province.id, 2026, "YEAR");
      expect(summed.included.map((r) => r.unitId)).toEqual([t.commune.id, t.other.id]);
      expect(summed.included[1]!.reportId).toBe(other.id);
      expect(summed.missing).toEqual([]);
      expect(byId(summed)).toEqual(Object.fromEntries(NUMBER_FIELDS.map((f, i) => [f.id, total(1000, 300)(i)])));

      // A reopened report is not summed until it is sent again; its unit is missing meanwhile.
      await rs().reopenReport(t.provinceCoord, other.id, "Xin sửa lại", other.updatedAt);
      summed = await rs().summedReport(t.provinceCoord, t.province.id, 2026, "YEAR");
      expect(summed.included.map((r) => r.unitId)).toEqual([t.commune.id, otherSchool.id]);
      expect(summed.missing.map((m) => m.unitId)).toEqual([t.other.id]);

      await expectServiceError(rs().summedReport(t.coord, t.province.id, 2026, "YEAR"), "forbidden");
      await expectServiceError(rs().summedReport(t.reporter, t.branch.id, 2026, "YEAR"), "forbidden");
    });
  });
});

describe.each(TEST_DATABASES)("report template versions on %s", (kind) => {
  let env: TestEnv;
  let admin: Person;
  beforeAll(async () => {
    env = await freshServices(kind);
    admin = await env.services.access.loadPerson(1);
  });
  afterAll(async () => {
    await env.db.close();
  });

  it("no template: refused; a report keeps the version it was made with; a version not for branches refuses a branch's new report", async () => {
    const { createUnit } = env.services.units;
    const province = await createUnit(admin, { parentId: null, name: "Tỉnh Hòa Bình", kind: "PROVINCE" });
    const commune = await createUnit(admin, { parentId: province.id, name: "Xã Mãn Đức", kind: "COMMUNE" });
    const branch = await createUnit(admin, { parentId: commune.id, name: "Chi hội xóm Đồi", kind: "BRANCH" });
    const branch2 = await createUnit(admin, { parentId: commune.id, name: "Chi hội xóm Bưng", kind: "BRANCH" });
    const rs = env.services.reports;
    await expectServiceError(rs.openReport(admin, commune.id, 2026, "YEAR"), "report_no_template");
    await expectServiceError(rs.summedReport(admin, province.id, 2026, "YEAR"), "report_no_template");

    await rs.syncShippedTemplates();
    const v1 = await rs.openReport(admin, branch.id, 2026, "YEAR");
    expect(v1).toMatchObject({ templateVersion: 1, title: SHIPPED.title });

    // Version 2: another title, an extra field, no branches, only the year-end report.
    const v2 = templateWith({
      version: 2, title: { vi: "Báo cáo khuyến học (mẫu 2)", en: "Learning-promotion report (form 2)" },
      unitKinds: ["COMMUNE", "SCHOOL_COMMITTEE"], periods: ["YEAR"],
    });
    v2.sections[0]!.fields.push({ id: "volunteers", kind: "count", label: { vi: "Số tình nguyện viên", en: "Volunteers" } });
    const content = reportTemplateSchema.parse(v2);
    await env.db.prisma.reportTemplate.create({
      data: { key: "bao-cao-khuyen-hoc", version: 2, content, checksum: createHash("sha256").update(JSON.stringify(content)).digest("hex"), source: "test" },
    });

    const kept = await rs.openReport(admin, branch.id, 2026, "YEAR");
    expect(kept).toMatchObject({ id: v1.id, templateVersion: 1, title: SHIPPED.title });
    expect(kept.sections[0]!.fields.map((f) => f.id)).not.toContain("volunteers");
    await expectServiceError(rs.openReport(admin, branch2.id, 2026, "YEAR"), "report_unit_kind", { unit: branch2.name, kind: "BRANCH" });
    await expectServiceError(rs.openReport(admin, commune.id, 2026, "H1"), "report_no_template", { period: "H1" });
    const communeReport = await rs.openReport(admin, commune.id, 2026, "YEAR");
    expect(communeReport).toMatchObject({ templateVersion: 2, title: content.title });
    expect(communeReport.missing).toContain("volunteers");
    // The sum is laid out by the version in use.
    const summed = await rs.summedReport(admin, province.id, 2026, "YEAR");
    expect(summed.title).toEqual(content.title);
    expect(summed.sections[0]!.fields.map((f) => f.id)).toContain("volunteers");
  });
});
