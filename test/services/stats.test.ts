import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseInput } from "../../src/domain/sponsorship.ts";
import type { Person } from "../../src/services/access.ts";
import type { UnitView } from "../../src/services/units.ts";
import { atTime, freshServices, TEST_DATABASES, type TestEnv } from "../helpers/db.ts";
import { expectServiceError } from "../helpers/errors.ts";
import { criteriaInForce } from "../helpers/learning.ts";
import { peopleMaker } from "../helpers/people.ts";

/** An instant given as Vietnam wall-clock time (UTC+7). */
const vn = (isoLocal: string) => new Date(`${isoLocal}+07:00`);

describe.each(TEST_DATABASES)("coordinator stats on %s", (kind) => {
  let env: TestEnv;
  let admin: Person;
  const { personWith } = peopleMaker(() => env, () => admin, 7000);
  const db = () => env.services.deps.db;
  const stats = () => env.services.stats;
  const at = <T>(when: string, fn: () => Promise<T>) => atTime(env, vn(when), fn);

  // province ─┬─ manDuc (coordinator) ─┬─ doi, bung (branches), school (committee: owes a report)
  //           ├─ chiengChau ── lac (branch)
  //           └─ (nothing else)
  let province: UnitView, manDuc: UnitView, doi: UnitView, bung: UnitView, school: UnitView, chiengChau: UnitView, lac: UnitView;
  let coord: Person, member: Person;
  let sponsorKindId = 0;

  const opening = (openedOn: string, amountCollected: number, scholarshipCount: number, scholarshipAmount: number) => ({
    openedOn, banksOpened: 10, amountCollected, scholarshipCount, scholarshipAmount,
    suppliesAmount: 0, fundAmount: amountCollected - scholarshipAmount, otherAmount: 0, otherNote: null, photoFileId: null,
  });
  const caseInput = (unitId: number, startedOn: string): CaseInput => ({
    unitId, pupilName: "Nguyễn Thị Hương", birthYear: 2014, schoolName: "Trường THCS Mãn Đức", grade: 7,
    circumstances: ["POOR_HOUSEHOLD"], circumstanceNote: null, sponsorKindId, sponsorName: "Công ty Sao Mai",
    support: [{ kind: "MONEY", amount: 300_000 }], supportNote: null, startedOn, checkInMonths: 1, guardianConsent: true,
  });

  beforeAll(async () => {
    env = await freshServices(kind);
    admin = await env.services.access.loadPerson(1);
    await env.services.reports.syncShippedTemplates();
    sponsorKindId = (await env.services.sponsorships.listSponsorKinds())[0]!.id;
    const unit = (parent: UnitView | null, name: string, k: UnitView["kind"]) => env.services.units.createUnit(admin, { parentId: parent?.id ?? null, name, kind: k });
    province = await unit(null, "Tỉnh Phú Thọ", "PROVINCE");
    manDuc = await unit(province, "Xã Mãn Đức", "COMMUNE");
    doi = await unit(manDuc, "Chi hội xóm Đồi", "BRANCH");
    bung = await unit(manDuc, "Chi hội xóm Bưng", "BRANCH");
    school = await unit(manDuc, "Ban khuyến học Trường THCS Mãn Đức", "SCHOOL_COMMITTEE");
    chiengChau = await unit(province, "Xã Chiềng Châu", "COMMUNE");
    lac = await unit(chiengChau, "Chi hội bản Lác", "BRANCH");
    coord = await personWith("COORDINATOR", manDuc.id);
    member = await personWith("MEMBER", doi.id);
    const otherCoord = await personWith("COORDINATOR", chiengChau.id);

    // ---- piggy banks: openings in H1 2026, one in the second half ----
    const pb = env.services.piggyBanks;
    const drive = (by: Person, unitId: number) => at("2026-01-05T09:00:00", () => pb.startDrive(by, { unitId, schoolYear: 2025, recipientKind: "PUPIL", banksHandedOut: 50, note: null }));
    const [dDoi, dBung, dLac] = [await drive(coord, doi.id), await drive(coord, bung.id), await drive(otherCoord, lac.id)];
    await at("2026-09-01T09:00:00", async () => {
      await pb.recordOpening(coord, dDoi.id, opening("2026-03-01", 2_000_000, 2, 800_000));
      await pb.recordOpening(coord, dBung.id, opening("2026-05-10", 1_500_000, 1, 500_000));
      await pb.recordOpening(otherCoord, dLac.id, opening("2026-04-01", 3_000_000, 0, 0));
      await pb.recordOpening(coord, dDoi.id, opening("2026-08-01", 900_000, 0, 0)); // the year's, not H1's
    });

    // ---- sponsorship: three pupils sponsored in H1, one of whom dropped out ----
    const sp = env.services.sponsorships;
    await at("2026-01-10T09:00:00", () => sp.openCase(coord, caseInput(doi.id, "2026-01-10")));
    const dropped = await at("2026-02-01T09:00:00", () => sp.openCase(coord, caseInput(doi.id, "2026-02-01")));
    await at("2026-04-01T09:00:00", () => sp.changeStatus(coord, dropped.id, "DROPPED_OUT", "Đi làm xa"));
    await at("2026-03-01T09:00:00", () => sp.openCase(otherCoord, caseInput(lac.id, "2026-03-01")));

    // ---- learning: four families registered for 2026, one recognised in May ----
    const ls = env.services.learning;
    const setId = (await at("2026-01-20T09:00:00", () => criteriaInForce(env.services, 1, 2026))).FAMILY;
    const family = (by: Person, unitId: number, name: string) => at("2026-02-01T09:00:00", () => ls.register(by, { model: "FAMILY", year: 2026, unitId, name, village: null, memberCount: 4, own: false }));
    const binh = await family(coord, doi.id, "Trần Văn Bình");
    await family(coord, doi.id, "Lê Thị Cúc");
    await family(coord, bung.id, "Phạm Văn Dũng");
    await family(otherCoord, lac.id, "Hoàng Văn Em");
    await db().evaluation.create({
      data: { registrationId: binh.id, criteriaSetId: setId, status: "RECOGNISED", recognisedAt: vn("2026-05-20T09:00:00"), recognisedByTelegramId: 1n },
    });

    // ---- reports: Mãn Đức submitted its H1 report after the deadline; nobody else did ----
    const template = await db().reportTemplate.findFirstOrThrow();
    await db().report.create({
      data: {
        unitId: manDuc.id, templateId: template.id, templateKey: template.key, period: "H1", year: 2026, status: "SUBMITTED",
        lateFor: new Date("2026-07-15T00:00:00Z"), submittedAt: vn("2026-07-20T09:00:00"), submittedByTelegramId: BigInt(coord.telegramId), createdByTelegramId: BigInt(coord.telegramId),
      },
    });
    await db().report.create({
      data: { unitId: chiengChau.id, templateId: template.id, templateKey: template.key, period: "H1", year: 2026, status: "DRAFT", createdByTelegramId: BigInt(otherCoord.telegramId) },
    });
  }, 120_000);

  afterAll(async () => {
    await env.db.close();
  });

  it("lists the top units a person may see stats for, and none for a member", async () => {
    expect((await stats().statsUnits(admin)).map((u) => u.id)).toEqual([province.id]);
    expect((await stats().statsUnits(coord)).map((u) => u.name)).toEqual(["Xã Mãn Đức"]);
    await expectServiceError(stats().statsUnits(member), "forbidden");
  });

  it("gives the province's figures for the first half-year, and each commune's", async () => {
    const s = await stats().subtreeStats(admin, province.id, 2026, "H1");
    expect(s).toMatchObject({
      unitId: province.id, unitName: "Tỉnh Phú Thọ", year: 2026, period: "H1", from: "2026-01-01", to: "2026-06-30",
      piggy: { collected: 6_500_000, openings: 3 },
      sponsorship: { active: 2, sponsored: 3, stillInSchool: 2 },
      learning: { registered: 4, recognised: 1, recognisedShare: 0.25 },
      scholarships: { count: 3, amount: 1_300_000 },
      empty: false,
    });
    expect(s.sponsorship.inSchoolShare).toBeCloseTo(2 / 3);
    expect(s.reports).toEqual({
      owed: 3, submitted: 1, late: 1,
      missing: [{ unitId: school.id, unitName: school.name }, { unitId: chiengChau.id, unitName: "Xã Chiềng Châu" }],
    });
    // Vietnamese order: "Chiềng" before "Mãn".
    expect(s.children).toEqual([
      { unitId: chiengChau.id, unitName: "Xã Chiềng Châu", piggyCollected: 3_000_000, reportsOwed: 1, reportsSubmitted: 0 },
      { unitId: manDuc.id, unitName: "Xã Mãn Đức", piggyCollected: 3_500_000, reportsOwed: 2, reportsSubmitted: 1 },
    ]);
  });

  it("gives a commune's figures to its coordinator, per branch, and adds the second half for the year", async () => {
    const h1 = await stats().subtreeStats(coord, manDuc.id, 2026, "H1");
    expect(h1).toMatchObject({
      piggy: { collected: 3_500_000, openings: 2 }, sponsorship: { active: 1, sponsored: 2, stillInSchool: 1, inSchoolShare: 0.5 },
      learning: { registered: 3, recognised: 1 }, scholarships: { count: 3, amount: 1_300_000 },
      reports: { owed: 2, submitted: 1, late: 1, missing: [{ unitId: school.id, unitName: school.name }] },
    });
    expect(h1.children).toEqual([
      { unitId: school.id, unitName: school.name, piggyCollected: 0, reportsOwed: 1, reportsSubmitted: 0 },
      { unitId: bung.id, unitName: "Chi hội xóm Bưng", piggyCollected: 1_500_000, reportsOwed: 0, reportsSubmitted: 0 },
      { unitId: doi.id, unitName: "Chi hội xóm Đồi", piggyCollected: 2_000_000, reportsOwed: 0, reportsSubmitted: 0 },
    ]);
    const year = await stats().subtreeStats(coord, manDuc.id, 2026, "YEAR");
    expect(year).toMatchObject({ piggy: { collected: 4_400_000, openings: 3 }, reports: { owed: 2, submitted: 0 }, empty: false });
    expect(year.children.find((c) => c.unitId === doi.id)?.piggyCollected).toBe(2_900_000);
  });

  it("refuses a member, and a unit outside the coordinator's subtree", async () => {
    await expectServiceError(stats().subtreeStats(member, doi.id, 2026, "H1"), "forbidden");
    await expectServiceError(stats().subtreeStats(coord, chiengChau.id, 2026, "H1"), "forbidden");
    await expectServiceError(stats().subtreeStats(coord, province.id, 2026, "H1"), "forbidden");
  });

  it("refuses a period that has not begun, and a year out of range", async () => {
    // The clock is 29/11/2026: 2027 has not begun in Vietnam.
    await expectServiceError(stats().subtreeStats(coord, manDuc.id, 2027, "H1"), "stats_period_future", { year: 2027 });
    await expectServiceError(stats().subtreeStats(coord, manDuc.id, 2027, "YEAR"), "stats_period_future");
    // 31/12/2026 17:30 UTC is already 01/01/2027 in Vietnam.
    const s = await atTime(env, new Date("2026-12-31T17:30:00Z"), () => stats().subtreeStats(coord, manDuc.id, 2027, "H1"));
    // Nothing collected yet, but the pupil sponsored since January is still followed: not empty.
    expect(s).toMatchObject({ piggy: { collected: 0 }, sponsorship: { active: 1, sponsored: 1, stillInSchool: 1, inSchoolShare: 1 }, empty: false });
    await expectServiceError(stats().subtreeStats(coord, manDuc.id, 2029, "H1"), "bad_input");
    await expectServiceError(stats().subtreeStats(coord, manDuc.id, 2026, "H2" as "H1"), "bad_input");
  });

  it("says a period with nothing reported is empty", async () => {
    const s = await stats().subtreeStats(coord, manDuc.id, 2025, "YEAR");
    expect(s).toMatchObject({
      empty: true, piggy: { collected: 0, openings: 0 }, sponsorship: { active: 0, sponsored: 0, inSchoolShare: null },
      learning: { registered: 0, recognised: 0, recognisedShare: null }, reports: { owed: 2, submitted: 0, late: 0 },
    });
    expect(s.children.map((c) => c.piggyCollected)).toEqual([0, 0, 0]);
  });
});
