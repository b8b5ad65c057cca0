// The deadlines calendar: deadlines made from the shipped calendar once per
// year and never overwritten, who is reminded on a step day (only units that
// have not done it; coordinators when a unit has nobody with the roles), the
// overdue digest per coordinator, what /deadlines shows a person, and an
// administrator's edits (checked, refused when stale, audited).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_STEPS } from "../../src/domain/calendar.ts";
import type { Role } from "../../src/domain/permissions.ts";
import type { UnitKind } from "../../src/domain/unit-kinds.ts";
import type { Person } from "../../src/services/access.ts";
import type { DueReminder } from "../../src/services/deadlines.ts";
import { createServices } from "../../src/services/index.ts";
import { atTime, freshServices, TEST_DATABASES, type TestEnv } from "../helpers/db.ts";
import { expectServiceError } from "../helpers/errors.ts";
import { peopleMaker } from "../helpers/people.ts";

/** 08:00 in Vietnam (01:00 UTC) on a day of 2026. */
const at = (month: number, day: number, hourVn = 8) => new Date(Date.UTC(2026, month - 1, day, hourVn - 7));

const SHIPPED_KEYS = ["ngay-khuyen-hoc", "so-ket-6-thang", "tong-ket-nam", "tu-danh-gia-don-vi-hoc-tap", "tuan-le-hoc-tap-suot-doi"];

describe.each(TEST_DATABASES)("deadlines service on %s", (kind) => {
  let env: TestEnv;
  let admin: Person;
  let treeCount = 0;
  let templateId: number;
  let criteriaSetId: number;
  const { personWith } = peopleMaker(() => env, () => admin, 7000);

  const db = () => env.services.deps.db;
  const ds = () => env.services.deadlines;

  beforeAll(async () => {
    env = await freshServices(kind);
    admin = await env.services.access.loadPerson(1);
    expect(await ds().syncCalendar([2026, 2027])).toEqual({ created: 10, invalid: [] });
    templateId = (await db().reportTemplate.create({ data: { key: "bao-cao-khuyen-hoc", version: 1, content: {}, checksum: "test", source: "test" } })).id;
    criteriaSetId = (await db().criteriaSet.create({ data: { key: "test-don-vi", version: 1, model: "UNIT", status: "in_force", content: {}, checksum: "test", source: "test" } })).id;
  });
  afterAll(async () => {
    await env.db.close();
  });

  /** A person who already holds a role somewhere gets another one. */
  async function alsoWith(person: Person, role: Role, unitId: number): Promise<Person> {
    await db().membership.create({ data: { memberId: person.memberId!, unitId, role } });
    return env.services.access.loadPerson(person.telegramId);
  }

  /**
   *   province (provCoord, multiCoord) ─┬─ district (districtCoord, multiCoord) ─┬─ communeA (reporterA, reporterA2 unreachable, communeCoordA) ── branchA (branchReporter)
   *                                     │                                         ├─ school (schoolCoord; no reporter)
   *                                     │                                         └─ communeB (reporterB)
   *                                     └─ communeC (reporterC, English)
   */
  async function tree() {
    const n = ++treeCount;
    const unit = (parentId: number | null, name: string, k: UnitKind) => env.services.units.createUnit(admin, { parentId, name: `${name} ${n}`, kind: k });
    const province = await unit(null, "Tỉnh Phú Thọ", "PROVINCE");
    const district = await unit(province.id, "Huyện Tân Sơn", "DISTRICT");
    const communeA = await unit(district.id, "Xã Mãn Đức", "COMMUNE");
    const branchA = await unit(communeA.id, "Chi hội xóm Đồi", "BRANCH");
    const school = await unit(district.id, "Ban khuyến học Trường THPT Tân Lạc", "SCHOOL_COMMITTEE");
    const communeB = await unit(district.id, "Xã Ngọc Lâu", "COMMUNE");
    const communeC = await unit(province.id, "Xã Chiềng Châu", "COMMUNE");
    const reporterA2 = await personWith("REPORTER", communeA.id);
    await env.services.members.setReachable(reporterA2.telegramId, false);
    const multiCoord = await alsoWith(await personWith("COORDINATOR", province.id), "COORDINATOR", district.id);
    return {
      province, district, communeA, branchA, school, communeB, communeC, reporterA2, multiCoord,
      units: [province, district, communeA, branchA, school, communeB, communeC],
      provCoord: await personWith("COORDINATOR", province.id),
      districtCoord: await personWith("COORDINATOR", district.id),
      reporterA: await personWith("REPORTER", communeA.id),
      communeCoordA: await personWith("COORDINATOR", communeA.id),
      branchReporter: await personWith("REPORTER", branchA.id),
      schoolCoord: await personWith("COORDINATOR", school.id),
      reporterB: await personWith("REPORTER", communeB.id),
      reporterC: await personWith("REPORTER", communeC.id, "en"),
      member: await personWith("MEMBER", communeA.id),
    };
  }
  type Tree = Awaited<ReturnType<typeof tree>>;

  async function report(unitId: number, status: "DRAFT" | "SUBMITTED" | "REOPENED", year = 2026, period: "H1" | "YEAR" = "H1") {
    return db().report.create({ data: { unitId, templateId, templateKey: "bao-cao-khuyen-hoc", year, period, status, createdByTelegramId: 1n } });
  }

  async function evaluation(unitId: number, status: "IN_PROGRESS" | "SUBMITTED" | "APPROVED" | "RETURNED", year = 2026) {
    const reg = await db().learningRegistration.create({
      data: { model: "UNIT", year, unitId, name: "Trường THPT", searchKey: `truong thpt ${unitId} ${status}`, registeredByTelegramId: 1n },
    });
    return db().evaluation.create({ data: { registrationId: reg.id, criteriaSetId, status } });
  }

  const inTree = (t: Tree) => {
    const ids = new Set(t.units.map((u) => u.id));
    return <R extends { unitId: number }>(rows: R[]) => rows.filter((r) => ids.has(r.unitId));
  };
  const nameOf = (t: Tree, unitId: number) => t.units.find((u) => u.id === unitId)?.name;
  const deadlineRow = (key: string, year = 2026) => db().deadline.findUniqueOrThrow({ where: { key_year: { key, year } } });

  describe("the calendar", () => {
    it("makes the shipped deadlines once per year, as the file says", async () => {
      const rows = await db().deadline.findMany();
      expect(rows.map((r) => `${r.year}:${r.key}`).sort()).toEqual([...SHIPPED_KEYS.map((k) => `2026:${k}`), ...SHIPPED_KEYS.map((k) => `2027:${k}`)]);
      const soKet = await deadlineRow("so-ket-6-thang");
      expect(soKet).toMatchObject({
        kind: "REPORT", templateKey: "bao-cao-khuyen-hoc", period: "H1", model: null, name: { vi: "Báo cáo sơ kết 6 tháng đầu năm" },
        unitKinds: ["COMMUNE", "SCHOOL_COMMITTEE", "AGENCY_COMMITTEE"], roles: ["REPORTER"], steps: [...DEFAULT_STEPS], active: true,
      });
      expect(soKet.dueOn.toISOString()).toBe("2026-06-15T00:00:00.000Z");
      expect(await deadlineRow("tu-danh-gia-don-vi-hoc-tap", 2027)).toMatchObject({ kind: "EVALUATION", model: "UNIT", steps: [...DEFAULT_STEPS] });
      expect((await deadlineRow("ngay-khuyen-hoc")).steps).toEqual([-7, -1]);

      // Again (a restart), and two instances at once: nothing more.
      expect(await ds().syncCalendar([2026, 2027])).toEqual({ created: 0, invalid: [] });
      const other = createServices({ db: env.db.prisma, adminTelegramIds: [1], now: () => env.clock.now });
      const both = await Promise.all([ds().syncCalendar([2028]), other.deadlines.syncCalendar([2028])]);
      expect(both[0].created + both[1].created).toBe(5);
      expect(await db().deadline.count({ where: { year: 2028 } })).toBe(5);
    });

    it("never overwrites a deadline an administrator edited", async () => {
      const row = await deadlineRow("tong-ket-nam", 2027);
      const edited = await ds().updateDeadline(admin, row.id, { dueOn: "2027-12-10", active: false }, row.updatedAt.toISOString());
      expect(await ds().syncCalendar([2027])).toEqual({ created: 0, invalid: [] });
      expect(await ds().getDeadline(admin, row.id)).toEqual(edited);
      expect(edited).toMatchObject({ dueOn: "2027-12-10", active: false });
    });

    it("reports invalid files with readable errors and makes the deadlines of the valid ones", async () => {
      const dir = await mkdtemp(path.join(tmpdir(), "calendar-"));
      try {
        const entry = { key: "hop-tong-ket", name: { vi: "Họp tổng kết", en: "Review meeting" }, kind: "EVENT", unitKinds: ["COMMUNE"], roles: ["COORDINATOR"], month: 2, day: 29 };
        await writeFile(path.join(dir, "a-good.json"), JSON.stringify({ entries: [entry] }));
        await writeFile(path.join(dir, "b-bad.json"), JSON.stringify({ entries: [{ ...entry, key: "bao-cao-thieu", kind: "REPORT", month: 13 }] }));
        await writeFile(path.join(dir, "c-broken.json"), "{ \"entries\": [");
        await writeFile(path.join(dir, "notes.txt"), "not a calendar");
        const result = await ds().syncCalendar([2027, 2028], dir);
        expect(result.created).toBe(2);
        expect(result.invalid.map((i) => i.file)).toEqual(["b-bad.json", "c-broken.json"]);
        expect(result.invalid[0]!.errors).toEqual(expect.arrayContaining([
          expect.stringMatching(/^entries\.0\.month: /),
          "entries.0.templateKey: a report deadline names its template and period",
        ]));
        expect(result.invalid[1]!.errors[0]).toMatch(/^not valid JSON: /);
        // 29 February falls on the 28th in 2027 and stays in the leap year 2028.
        const made = await db().deadline.findMany({ where: { key: "hop-tong-ket" }, orderBy: { year: "asc" } });
        expect(made.map((d) => d.dueOn.toISOString().slice(0, 10))).toEqual(["2027-02-28", "2028-02-29"]);
        expect(made[0]!.steps).toEqual([...DEFAULT_STEPS]);
        expect(await ds().syncCalendar([2026], path.join(dir, "missing"))).toMatchObject({ created: 0, invalid: [{ errors: ["no such folder"] }] });
      } finally {
        await rm(dir, { recursive: true });
        await db().deadline.deleteMany({ where: { key: "hop-tong-ket" } });
      }
    });
  });

  describe("reminders and digests", () => {
    it("reminds on a step day only the units that owe it and have not done it, through their reporters", async () => {
      const t = await tree();
      await report(t.communeB.id, "SUBMITTED");
      await report(t.communeA.id, "DRAFT"); // a draft is not done
      const soKet = await deadlineRow("so-ket-6-thang");
      const due = inTree(t)(await ds().dueReminders(at(6, 8)));
      expect(due.map((r) => [nameOf(t, r.unitId), r.telegramId, r.step, r.language])).toEqual([
        [t.communeA.name, t.reporterA.telegramId, -7, "vi"], // reporterA2 blocked the bot; the branch owes nothing
        [t.school.name, t.schoolCoord.telegramId, -7, "vi"], // no reporter at the school: its coordinator instead
        [t.communeC.name, t.reporterC.telegramId, -7, "en"],
      ]);
      expect(due[0]).toMatchObject({
        key: `deadline:${soKet.id}:-7:${t.communeA.id}:${t.reporterA.telegramId}`, unitName: t.communeA.name,
        deadline: { id: soKet.id, key: "so-ket-6-thang", dueOn: "2026-06-15", kind: "REPORT", period: "H1", year: 2026 },
      });
      expect(due[0]!.deadline.note?.vi).toContain("sơ kết");

      // Not a step day: nothing; the day itself: step 0; overdue: step 3 — not to the unit that submitted.
      expect(inTree(t)(await ds().dueReminders(at(6, 9)))).toEqual([]);
      expect(inTree(t)(await ds().dueReminders(at(6, 15, 20))).map((r) => r.step)).toEqual([0, 0, 0]);
      await report(t.communeC.id, "SUBMITTED");
      expect(inTree(t)(await ds().dueReminders(at(6, 18))).map((r) => [r.step, r.unitId])).toEqual([[3, t.communeA.id], [3, t.school.id]]);

      // A retired unit (merged away) owes nothing; a switched-off deadline reminds nobody.
      await db().unit.update({ where: { id: t.school.id }, data: { validTo: new Date() } });
      expect(inTree(t)(await ds().dueReminders(at(6, 18))).map((r) => r.unitId)).toEqual([t.communeA.id]);
      await db().deadline.update({ where: { id: soKet.id }, data: { active: false } });
      expect(inTree(t)(await ds().dueReminders(at(6, 18)))).toEqual([]);
      await db().deadline.update({ where: { id: soKet.id }, data: { active: true } });
      await db().report.deleteMany({ where: { unitId: { in: t.units.map((u) => u.id) } } });
    });

    it("an event reminds the coordinators its roles name; a self-evaluation is done once sent in", async () => {
      const t = await tree();
      const event = inTree(t)(await ds().dueReminders(at(9, 25)));
      expect(event.every((r) => r.deadline.key === "ngay-khuyen-hoc" && r.step === -7)).toBe(true);
      expect(event.map((r) => [nameOf(t, r.unitId), r.telegramId]).sort()).toEqual([
        [t.communeA.name, t.communeCoordA.telegramId],
        [t.district.name, t.districtCoord.telegramId],
        [t.district.name, t.multiCoord.telegramId],
        [t.province.name, t.multiCoord.telegramId],
        [t.province.name, t.provCoord.telegramId],
      ].sort());
      // 28/09: the lifelong-learning week's step −3 (it starts on 01/10), to the same coordinators.
      expect(inTree(t)(await ds().dueReminders(at(9, 28))).map((r) => r.deadline.key)).toEqual(Array(5).fill("tuan-le-hoc-tap-suot-doi"));

      // The self-assessment (schools and agencies): done by a submitted evaluation of the model and year.
      const school2 = await env.services.units.createUnit(admin, { parentId: t.district.id, name: `Ban khuyến học Trường THCS ${treeCount}`, kind: "SCHOOL_COMMITTEE" });
      const school2Reporter = await personWith("REPORTER", school2.id);
      const withSchool2 = (rows: { unitId: number }[]) => rows.filter((r) => r.unitId === t.school.id || r.unitId === school2.id).map((r) => r.unitId);
      expect(withSchool2(await ds().dueReminders(at(3, 24)))).toEqual([t.school.id, school2.id]);
      await evaluation(school2.id, "IN_PROGRESS", 2026);
      expect(withSchool2(await ds().dueReminders(at(3, 28)))).toEqual([t.school.id, school2.id]);
      await db().evaluation.updateMany({ where: { registration: { unitId: school2.id } }, data: { status: "APPROVED" } });
      const due = await ds().dueReminders(at(3, 30));
      expect(withSchool2(due)).toEqual([t.school.id]);
      expect(due.some((r) => r.telegramId === school2Reporter.telegramId)).toBe(false);
    });

    it("after the deadline, each coordinator above missing units gets one digest of their subtree", async () => {
      const t = await tree();
      await report(t.communeB.id, "SUBMITTED");
      const soKet = await deadlineRow("so-ket-6-thang");
      const digestsOn = async (when: Date) =>
        (await ds().overdueDigests(when)).filter((d) => t.units.some((u) => u.id === d.unitId) && d.deadline.id === soKet.id);
      expect(await digestsOn(at(6, 15, 20))).toEqual([]); // not on the day itself
      const digests = await digestsOn(at(6, 16));
      const shown = digests.map((d) => [d.telegramId, nameOf(t, d.unitId), d.missing.map((m) => m.unitName).sort()]);
      expect(shown).toEqual([
        [t.multiCoord.telegramId, t.province.name, [t.communeA.name, t.school.name, t.communeC.name].sort()], // the highest of their units, once
        [t.provCoord.telegramId, t.province.name, [t.communeA.name, t.school.name, t.communeC.name].sort()],
        [t.districtCoord.telegramId, t.district.name, [t.communeA.name, t.school.name].sort()],
      ]);
      expect(digests[1]).toMatchObject({ key: `digest:${soKet.id}:${t.provCoord.telegramId}`, language: "vi", unitName: t.province.name });

      // Coordinators at the missing unit itself get reminders, not digests; a blocked coordinator gets nothing.
      expect(digests.some((d) => d.telegramId === t.communeCoordA.telegramId || d.telegramId === t.schoolCoord.telegramId)).toBe(false);
      await env.services.members.setReachable(t.districtCoord.telegramId, false);
      await report(t.communeC.id, "SUBMITTED");
      const later = await digestsOn(at(6, 22));
      expect(later.map((d) => [d.telegramId, d.missing.length])).toEqual([[t.multiCoord.telegramId, 2], [t.provCoord.telegramId, 2]]);
      expect(await digestsOn(at(6, 23))).toEqual([]); // a week after, no more
      // Events have no digest.
      expect((await ds().overdueDigests(at(10, 3))).filter((d) => d.deadline.kind === "EVENT")).toEqual([]);
      await env.services.members.setReachable(t.districtCoord.telegramId, true);
    });
  });

  describe("what /deadlines shows", () => {
    it("the deadlines that concern a person, with each of their units' progress, by date", async () => {
      const t = await tree();
      const submitted = await report(t.communeB.id, "SUBMITTED");
      const draft = await report(t.communeA.id, "DRAFT");
      const my = (p: Person, when: Date) => atTime(env, when, () => ds().myDeadlines(p));

      const forA = await my(t.reporterA, at(6, 1));
      expect(forA.map((d) => [d.deadline.key, d.daysLeft])).toEqual([["so-ket-6-thang", 14]]);
      expect(forA[0]!.units).toEqual([{ unitId: t.communeA.id, unitName: t.communeA.name, done: false, reportId: draft.id }]);
      expect((await my(t.reporterB, at(6, 20)))[0]).toMatchObject({ daysLeft: -5, units: [{ unitId: t.communeB.id, done: true, reportId: submitted.id }] });
      expect(await my(t.branchReporter, at(6, 1))).toEqual([]); // branches owe no report
      expect(await my(t.member, at(6, 1))).toEqual([]);

      const forDistrict = await my(t.districtCoord, at(6, 1));
      expect(forDistrict.map((d) => d.deadline.key)).toEqual(["so-ket-6-thang"]);
      expect(forDistrict[0]!.units.map((u) => [u.unitName, u.done]).sort()).toEqual([[t.communeA.name, false], [t.communeB.name, true], [t.school.name, false]].sort());

      // Late September: the October events (where they coordinate directly) and the year-end report of their subtree, by date.
      const autumn = await my(t.districtCoord, at(9, 20));
      expect(autumn.map((d) => [d.deadline.key, d.daysLeft])).toEqual([["tuan-le-hoc-tap-suot-doi", 11], ["ngay-khuyen-hoc", 12], ["tong-ket-nam", 86]]);
      expect(autumn[0]!.units.map((u) => u.unitId)).toEqual([t.district.id]);
      expect(autumn[2]!.units).toHaveLength(3);
      // Past 30 days back, the mid-year report is gone.
      expect((await my(t.reporterA, at(7, 16))).map((d) => d.deadline.key)).toEqual([]);
      expect((await my(t.reporterA, at(7, 15))).map((d) => d.deadline.key)).toEqual(["so-ket-6-thang"]);
    });
  });

  describe("reading and editing", () => {
    it("administrators and coordinators read the calendar; others are refused", async () => {
      const t = await tree();
      const list = await ds().listDeadlines(admin, 2026);
      expect(list.map((d) => [d.key, d.dueOn])).toEqual([
        ["tu-danh-gia-don-vi-hoc-tap", "2026-03-31"], ["so-ket-6-thang", "2026-06-15"], ["tuan-le-hoc-tap-suot-doi", "2026-10-01"],
        ["ngay-khuyen-hoc", "2026-10-02"], ["tong-ket-nam", "2026-12-15"],
      ]);
      expect(list[1]!.name).toEqual({ vi: "Báo cáo sơ kết 6 tháng đầu năm", en: "Mid-year report (first six months)" });
      expect(list[3]!.note).toBeNull();
      expect(await ds().listDeadlines(t.communeCoordA, 2026)).toEqual(list);
      expect(await ds().getDeadline(t.communeCoordA, list[1]!.id)).toEqual(list[1]);
      await expectServiceError(ds().listDeadlines(t.reporterA, 2026), "forbidden");
      await expectServiceError(ds().getDeadline(t.member, list[1]!.id), "forbidden");
      await expectServiceError(ds().getDeadline(admin, 999_999), "deadline_not_found");
    });

    it("an administrator edits a deadline: checked, refused when stale, audited", async () => {
      const t = await tree();
      const row = await deadlineRow("so-ket-6-thang", 2027);
      const seen = row.updatedAt.toISOString();
      await expectServiceError(ds().updateDeadline(t.provCoord, row.id, { dueOn: "2027-06-20" }, seen), "forbidden");
      const bad: [object, string][] = [
        [{ dueOn: "2027-02-30" }, "dueOn"],
        [{ dueOn: "20/06/2027" }, "dueOn"],
        [{ dueOn: "2029-06-15" }, "dueOn"], // beyond the year after
        [{ steps: [-7, 100] }, "steps.1"],
        [{ steps: [1.5] }, "steps.0"],
        [{ name: { vi: "  ", en: "Mid-year" } }, "name.vi"],
        [{ name: { vi: "Sơ kết", en: "x".repeat(201) } }, "name.en"],
        [{ roles: [] }, "roles"],
        [{ unitKinds: ["VILLAGE"] }, "unitKinds.0"],
        [{ key: "doi-khoa" }, ""],
        [{}, "patch"],
      ];
      for (const [patch, fields] of bad) await expectServiceError(ds().updateDeadline(admin, row.id, patch, seen), "bad_input", { fields });
      await expectServiceError(ds().updateDeadline(admin, row.id, { active: false }, "yesterday"), "bad_input");
      expect(await db().auditLog.count({ where: { action: "deadline.update", entityId: String(row.id) } })).toBe(0);

      const updated = await ds().updateDeadline(admin, row.id, {
        dueOn: "2027-06-20", steps: [3, -5, 0, 3], name: { vi: " Sơ kết  giữa năm ", en: "Mid-year review" }, roles: ["REPORTER", "COORDINATOR", "REPORTER"],
      }, seen);
      expect(updated).toMatchObject({ dueOn: "2027-06-20", steps: [-5, 0, 3], name: { vi: "Sơ kết  giữa năm", en: "Mid-year review" }, roles: ["REPORTER", "COORDINATOR"] });
      expect(updated.updatedAt).not.toBe(seen);
      expect((await deadlineRow("so-ket-6-thang", 2027)).updatedByTelegramId).toBe(1n);

      // Someone else's edit in between: the one who saw the old version is refused.
      await expectServiceError(ds().updateDeadline(admin, row.id, { active: false }, seen), "deadline_changed");
      await expectServiceError(ds().updateDeadline(admin, 999_999, { active: false }, seen), "deadline_not_found");

      const audit = await db().auditLog.findMany({ where: { action: "deadline.update", entityId: String(row.id) } });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actorTelegramId: 1n, entity: "Deadline",
        before: { dueOn: "2027-06-15", steps: [...DEFAULT_STEPS], name: { vi: "Báo cáo sơ kết 6 tháng đầu năm" }, roles: ["REPORTER"] },
        after: { dueOn: "2027-06-20", steps: [-5, 0, 3], name: { vi: "Sơ kết  giữa năm" }, roles: ["REPORTER", "COORDINATOR"] },
      });
      expect(Object.keys(audit[0]!.after as object).sort()).toEqual(["dueOn", "name", "roles", "steps"]);
    });
  });

  describe("a new deadline made by an administrator", () => {
    const event = (over: object = {}) => ({
      year: 2026, name: { vi: " Họp  giao ban quý III ", en: "Third-quarter meeting" }, kind: "EVENT" as const,
      unitKinds: ["SCHOOL_COMMITTEE" as const], roles: ["COORDINATOR" as const], dueOn: "2026-08-20", steps: [0, -2, 0], ...over,
    });

    it("only administrators make one; the input is checked", async () => {
      const t = await tree();
      await expectServiceError(ds().createDeadline(t.provCoord, event()), "forbidden");
      await expectServiceError(ds().createDeadline(t.reporterA, event()), "forbidden");
      const bad: [object, string][] = [
        [{ kind: "REPORT", templateKey: "bao-cao-khuyen-hoc" }, "period"],
        [{ kind: "REPORT", templateKey: "bao-cao-khac", period: "H1" }, "templateKey"],
        [{ kind: "REPORT", period: "YEAR" }, "templateKey"],
        [{ kind: "EVALUATION" }, "model"],
        [{ model: "UNIT" }, "model"],
        [{ period: "H1" }, "period"],
        [{ kind: "MEETING" }, "kind"],
        [{ unitKinds: [] }, "unitKinds"],
        [{ roles: ["CHAIR"] }, "roles.0"],
        [{ dueOn: "2028-01-10" }, "dueOn"],
        [{ dueOn: "2026-02-30" }, "dueOn"],
        [{ steps: [-90] }, "steps.0"],
        [{ name: { vi: "", en: "x" } }, "name.vi"],
        [{ key: "ngay-khuyen-hoc" }, ""],
      ];
      for (const [over, fields] of bad) await expectServiceError(ds().createDeadline(admin, event(over) as never), "bad_input", { fields });
      expect(await db().deadline.count({ where: { key: { startsWith: "custom-" } } })).toBe(0);
      expect(await db().auditLog.count({ where: { action: "deadline.create" } })).toBe(0);
    });

    it("is saved with a key of its own, audited, listed, and then reminds as the others do", async () => {
      const t = await tree();
      const meeting = await ds().createDeadline(admin, event());
      expect(meeting).toMatchObject({
        year: 2026, name: { vi: "Họp  giao ban quý III", en: "Third-quarter meeting" }, kind: "EVENT", templateKey: null, period: null, model: null,
        unitKinds: ["SCHOOL_COMMITTEE"], roles: ["COORDINATOR"], dueOn: "2026-08-20", steps: [-2, 0], active: true, note: null,
      });
      expect(meeting.key).toMatch(/^custom-[a-z0-9-]+$/);
      const quick = await ds().createDeadline(admin, event({
        name: { vi: "Báo cáo nhanh giữa năm", en: "Quick mid-year report" }, kind: "REPORT", templateKey: "bao-cao-khuyen-hoc", period: "H1",
        unitKinds: ["COMMUNE"], roles: ["REPORTER"], dueOn: "2026-08-10", steps: [0, 3],
      }));
      expect(quick).toMatchObject({ kind: "REPORT", templateKey: "bao-cao-khuyen-hoc", period: "H1", dueOn: "2026-08-10" });
      expect(quick.key).not.toBe(meeting.key);
      expect((await deadlineRow(meeting.key)).updatedByTelegramId).toBe(1n);
      expect((await ds().listDeadlines(t.provCoord, 2026)).map((d) => d.id)).toEqual(expect.arrayContaining([meeting.id, quick.id]));
      const audit = await db().auditLog.findMany({ where: { action: "deadline.create", entityId: String(meeting.id) } });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorTelegramId: 1n, entity: "Deadline", after: { key: meeting.key, kind: "EVENT", dueOn: "2026-08-20", steps: [-2, 0] } });

      // Its step days: the event two days before, to the school's coordinator; nothing the day after.
      const ofDeadline = (id: number, rows: DueReminder[]) =>
        inTree(t)(rows).filter((r) => r.deadline.id === id).map((r) => [nameOf(t, r.unitId), r.telegramId, r.step]);
      expect(ofDeadline(meeting.id, await ds().dueReminders(at(8, 18)))).toEqual([[t.school.name, t.schoolCoord.telegramId, -2]]);
      expect(ofDeadline(meeting.id, await ds().dueReminders(at(8, 19)))).toEqual([]);
      // The report: its communes' reporters on the day, but not a commune that has submitted it.
      await report(t.communeB.id, "SUBMITTED");
      expect(ofDeadline(quick.id, await ds().dueReminders(at(8, 10)))).toEqual([
        [t.communeA.name, t.reporterA.telegramId, 0],
        [t.communeC.name, t.reporterC.telegramId, 0],
      ]);
      expect(ofDeadline(quick.id, await ds().dueReminders(at(8, 13))).map((r) => r[2])).toEqual([3, 3]);
      await db().deadline.deleteMany({ where: { id: { in: [meeting.id, quick.id] } } });
      await db().report.deleteMany({ where: { unitId: t.communeB.id } });
    });
  });
});
