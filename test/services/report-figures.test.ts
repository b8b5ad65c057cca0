import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/domain/permissions.ts";
import { FIGURES, type Figure, type ReportPeriod } from "../../src/domain/reports.ts";
import type { CaseInput } from "../../src/domain/sponsorship.ts";
import type { Person } from "../../src/services/access.ts";
import { knownFigures, type KnownFigure } from "../../src/services/report-figures.ts";
import type { UnitView } from "../../src/services/units.ts";
import { t } from "../helpers/bot.ts";
import { atTime, freshServices, TEST_DATABASES, type TestEnv } from "../helpers/db.ts";
import { criteriaInForce } from "../helpers/learning.ts";
import { letters, peopleMaker } from "../helpers/people.ts";

/** An instant given as Vietnam wall-clock time (UTC+7). */
const vn = (isoLocal: string) => new Date(`${isoLocal}+07:00`);

describe.each(TEST_DATABASES)("report figures on %s", (kind) => {
  let env: TestEnv;
  let admin: Person;
  let province: UnitView;
  const { personWith } = peopleMaker(() => env, () => admin, 5000);

  const db = () => env.services.deps.db;
  const at = <T>(when: string, fn: () => Promise<T>) => atTime(env, vn(when), fn);

  /** Joins `unitId` through an invite and dates the membership (the membership's time is the database's, not the services' clock). */
  async function joinedAt(person: Person | null, role: Role, unitId: number, when: string): Promise<Person> {
    let p = person;
    if (p === null) p = await personWith(role, unitId);
    else {
      const invite = await env.services.invites.createInvite(admin, { unitId, role, maxUses: 1, expiresAt: null });
      await env.services.invites.acceptInvite(invite.code, { telegramId: p.telegramId, fullName: p.fullName ?? `Người ${letters(p.telegramId)}`, phone: null, language: "vi" });
    }
    const member = await db().member.findUniqueOrThrow({ where: { telegramId: BigInt(p.telegramId) } });
    await db().membership.update({ where: { memberId_unitId: { memberId: member.id, unitId } }, data: { createdAt: vn(when) } });
    return env.services.access.loadPerson(p.telegramId);
  }

  async function figures(unit: { id: number; path: string }, year: number, period: ReportPeriod): Promise<Record<Figure, number>> {
    const map = await knownFigures(db(), unit, year, period);
    return Object.fromEntries([...map].map(([k, v]) => [k, v.value])) as Record<Figure, number>;
  }

  async function detail(unit: { id: number; path: string }, year: number, period: ReportPeriod, figure: Figure): Promise<KnownFigure> {
    return (await knownFigures(db(), unit, year, period)).get(figure)!;
  }

  function caseInput(unitId: number, startedOn: string, support: CaseInput["support"]): CaseInput {
    return {
      unitId, pupilName: "Nguyễn Thị Hương", birthYear: 2014, schoolName: "Trường THCS Mãn Đức", grade: 7,
      circumstances: ["POOR_HOUSEHOLD"], circumstanceNote: null, sponsorKindId: sponsorKindId, sponsorName: "Công ty Sao Mai",
      support, supportNote: null, startedOn, checkInMonths: 1, guardianConsent: true,
    };
  }

  const opening = (openedOn: string, banksOpened: number, amountCollected: number, scholarshipCount: number, scholarshipAmount: number) => ({
    openedOn, banksOpened, amountCollected, scholarshipCount, scholarshipAmount,
    suppliesAmount: 0, fundAmount: 0, otherAmount: 0, otherNote: null, photoFileId: null,
  });

  let sponsorKindId = 0;
  // The tree and its records, built once (see beforeAll):
  //   province ─┬─ commune ─┬─ branch, branch2, (branch3: merged into branch)
  //             │            └─ school committee, agency committee
  //             ├─ otherCommune ── otherBranch
  //             └─ emptyCommune (nothing at all)
  let commune: UnitView, branch: UnitView, branch2: UnitView, otherCommune: UnitView, otherBranch: UnitView, emptyCommune: UnitView;
  let returnedOpeningId = 0;
  let reporter: Person;

  beforeAll(async () => {
    env = await freshServices(kind);
    admin = await env.services.access.loadPerson(1);
    sponsorKindId = (await env.services.sponsorships.listSponsorKinds())[0]!.id;
    const { createUnit, mergeUnit } = env.services.units;
    province = await createUnit(admin, { parentId: null, name: "Tỉnh Phú Thọ", kind: "PROVINCE" });
    commune = await createUnit(admin, { parentId: province.id, name: "Xã Mãn Đức", kind: "COMMUNE" });
    branch = await createUnit(admin, { parentId: commune.id, name: "Chi hội xóm Đồi", kind: "BRANCH" });
    branch2 = await createUnit(admin, { parentId: commune.id, name: "Chi hội xóm Bưng", kind: "BRANCH" });
    const branch3 = await createUnit(admin, { parentId: commune.id, name: "Chi hội xóm Cũ", kind: "BRANCH" });
    await mergeUnit(admin, branch3.id, branch.id);
    await createUnit(admin, { parentId: commune.id, name: "Ban khuyến học Trường THCS Mãn Đức", kind: "SCHOOL_COMMITTEE" });
    await createUnit(admin, { parentId: commune.id, name: "Ban khuyến học Ủy ban xã Mãn Đức", kind: "AGENCY_COMMITTEE" });
    otherCommune = await createUnit(admin, { parentId: province.id, name: "Xã Chiềng Châu", kind: "COMMUNE" });
    otherBranch = await createUnit(admin, { parentId: otherCommune.id, name: "Chi hội bản Lác", kind: "BRANCH" });
    emptyCommune = await createUnit(admin, { parentId: province.id, name: "Xã Tân Lạc", kind: "COMMUNE" });

    // ---- members (dates in Vietnam time) ----
    const communeCoord = await joinedAt(null, "COORDINATOR", commune.id, "2025-12-15T09:00:00");
    const branchCoord = await joinedAt(null, "COORDINATOR", branch.id, "2025-12-15T09:00:00");
    reporter = await joinedAt(null, "REPORTER", branch.id, "2025-12-15T09:00:00");
    await joinedAt(null, "MEMBER", branch.id, "2026-03-10T09:00:00"); // new in H1
    await joinedAt(null, "MEMBER", branch2.id, "2026-06-30T23:30:00"); // the last evening of H1
    await joinedAt(null, "MEMBER", branch2.id, "2026-07-01T00:30:00"); // the first night of H2 (still 30/06 in UTC)
    await joinedAt(null, "MEMBER", branch.id, "2027-01-05T09:00:00"); // next year
    const twice = await joinedAt(null, "MEMBER", branch.id, "2025-11-01T09:00:00");
    await joinedAt(twice, "REPORTER", commune.id, "2026-05-01T09:00:00"); // a second membership: neither counted twice nor new
    await joinedAt(null, "COORDINATOR", otherCommune.id, "2025-10-01T09:00:00");
    const otherReporter = await joinedAt(null, "REPORTER", otherBranch.id, "2026-02-01T09:00:00");

    // ---- piggy banks ----
    const pb = env.services.piggyBanks;
    const d1 = await at("2026-02-10T09:00:00", () => pb.startDrive(reporter, { unitId: branch.id, schoolYear: 2025, recipientKind: "PUPIL", banksHandedOut: 40, note: null }));
    // branch2's drive started the last evening of 2025: its banks are 2025's, its openings in 2026 count.
    const d3 = await at("2025-12-31T23:00:00", () => pb.startDrive(communeCoord, { unitId: branch2.id, schoolYear: 2025, recipientKind: "HOUSEHOLD", banksHandedOut: 7, note: null }));
    await at("2026-08-20T09:00:00", () => pb.startDrive(communeCoord, { unitId: commune.id, schoolYear: 2026, recipientKind: "CLASS", banksHandedOut: 25, note: null }));
    const d4 = await at("2026-03-01T09:00:00", () => pb.startDrive(otherReporter, { unitId: otherBranch.id, schoolYear: 2025, recipientKind: "PUPIL", banksHandedOut: 100, note: null }));
    await at("2026-07-15T09:00:00", async () => {
      const o1 = await pb.recordOpening(reporter, d1.id, opening("2026-06-30", 10, 2_000_000, 2, 1_000_000));
      await pb.reviewOpening(branchCoord, o1.opening.id, "APPROVED", null, o1.opening.updatedAt);
      await pb.recordOpening(reporter, d1.id, opening("2026-07-01", 5, 700_000, 1, 300_000));
      const o3 = await pb.recordOpening(reporter, d1.id, opening("2026-05-15", 3, 450_000, 0, 0));
      await pb.reviewOpening(branchCoord, o3.opening.id, "NEEDS_CORRECTION", "Thiếu ảnh", o3.opening.updatedAt);
      returnedOpeningId = o3.opening.id;
      await pb.recordOpening(communeCoord, d3.id, opening("2026-01-02", 4, 600_000, 1, 200_000));
      await pb.recordOpening(otherReporter, d4.id, opening("2026-04-01", 20, 5_000_000, 0, 0));
    });

    // ---- sponsorship cases ----
    const sp = env.services.sponsorships;
    const c1 = await at("2026-01-05T09:00:00", () => sp.openCase(reporter, caseInput(branch.id, "2025-12-31", [{ kind: "MONEY", amount: 500_000 }, { kind: "SUPPLIES", amount: 300_000 }])));
    const c2 = await at("2026-01-05T09:00:00", () => sp.openCase(reporter, caseInput(branch.id, "2026-01-01", [{ kind: "BICYCLE", amount: 1_500_000 }])));
    const fine = { attending: true, supportArrived: true, studies: 3, flagNote: null } as const;
    await at("2026-02-05T09:00:00", () => sp.recordCheckIn(reporter, c1.id, fine));
    await at("2026-08-05T09:00:00", () => sp.recordCheckIn(reporter, c1.id, fine));
    await at("2026-03-10T09:00:00", () => sp.changeStatus(reporter, c2.id, "DROPPED_OUT", "Đi làm xa"));
    await at("2026-04-10T09:00:00", () => sp.changeStatus(reporter, c2.id, "RETURNED", null));
    await at("2026-05-10T09:00:00", () => sp.changeStatus(reporter, c2.id, "DROPPED_OUT", "Lại nghỉ học"));
    const c3 = await at("2026-06-30T10:00:00", () => sp.openCase(reporter, caseInput(branch.id, "2026-06-30", [{ kind: "MONEY", amount: 400_000 }])));
    await at("2026-07-01T00:30:00", () => sp.changeStatus(reporter, c3.id, "COMPLETED", null));
    await at("2026-07-02T09:00:00", () => sp.openCase(reporter, caseInput(branch.id, "2026-07-01", [{ kind: "MONEY", amount: 400_000 }])));
    // Started in June, written into the bot only in July; finished in September.
    const c5 = await at("2026-07-20T09:00:00", () => sp.openCase(reporter, caseInput(branch.id, "2026-06-15", [{ kind: "MONEY", amount: 400_000 }])));
    await at("2026-09-01T09:00:00", () => sp.changeStatus(reporter, c5.id, "COMPLETED", null));
    await at("2026-02-02T09:00:00", () => sp.openCase(otherReporter, caseInput(otherBranch.id, "2026-02-01", [{ kind: "MONEY", amount: 600_000 }])));

    // ---- learning models ----
    const ls = env.services.learning;
    await at("2026-01-20T09:00:00", () => criteriaInForce(env.services, 1, 2026));
    const family = (name: string, unitId = branch.id) => ({ model: "FAMILY" as const, year: 2026, unitId, name, village: "Xóm Đồi", memberCount: 4, own: false });
    async function approvedFamily(name: string) {
      return at("2026-02-01T09:00:00", async () => {
        const reg = await ls.register(reporter, family(name));
        let ev = await ls.startEvaluation(reporter, reg.id);
        for (const item of ev.items) {
          ev = await ls.answerItem(reporter, ev.id, item.id, item.kind === "yes_no" ? true : item.kind === "number" ? 10 : item.points);
        }
        ev = (await ls.submitEvaluation(reporter, ev.id)).evaluation;
        return (await ls.reviewEvaluation(branchCoord, ev.id, "APPROVED", null, ev.updatedAt)).evaluation;
      });
    }
    const f1 = await approvedFamily("Trần Văn Bình");
    const f2 = await approvedFamily("Lê Thị Cúc");
    await at("2026-06-30T23:00:00", () => ls.recogniseEvaluations(communeCoord, [f1.id]));
    await at("2026-07-01T00:30:00", () => ls.recogniseEvaluations(communeCoord, [f2.id]));
    await at("2026-02-01T09:00:00", () => ls.register(reporter, family("Phạm Văn Dũng"))); // registered, never evaluated
    await at("2026-02-01T09:00:00", () => ls.register(otherReporter, family("Hoàng Văn Em", otherBranch.id)));
    await at("2025-03-01T09:00:00", () => ls.register(reporter, { ...family("Đỗ Thị Gấm"), year: 2025 }));
    // Clans, communities and units straight into the database: the services would make it long-winded.
    const setId = (await db().criteriaSet.findFirstOrThrow()).id;
    const direct = async (model: "CLAN" | "COMMUNITY" | "UNIT", name: string, status: "RECOGNISED" | "APPROVED" | null, recognisedAt: string | null) => {
      const reg = await db().learningRegistration.create({
        data: { model, year: 2026, unitId: branch.id, name, searchKey: name.toLowerCase(), registeredByTelegramId: BigInt(reporter.telegramId) },
      });
      if (status) {
        await db().evaluation.create({
          data: { registrationId: reg.id, criteriaSetId: setId, status, recognisedAt: recognisedAt ? vn(recognisedAt) : null, recognisedByTelegramId: recognisedAt ? 1n : null },
        });
      }
    };
    await direct("CLAN", "Dòng họ Bùi", "RECOGNISED", "2026-03-01T09:00:00");
    await direct("COMMUNITY", "Cộng đồng xóm Đồi", null, null);
    await direct("COMMUNITY", "Cộng đồng xóm Bưng", "RECOGNISED", "2026-11-01T09:00:00");
    await direct("UNIT", "Trường THCS Mãn Đức", "RECOGNISED", "2026-05-05T09:00:00");
    await direct("UNIT", "Trạm y tế xã Mãn Đức", "APPROVED", null);
  }, 120_000);

  afterAll(async () => {
    await env.db.close();
  });

  it("gives every figure, with zeros, for a unit with no records", async () => {
    for (const period of ["H1", "YEAR"] as const) {
      const map = await knownFigures(db(), emptyCommune, 2026, period);
      expect([...map.keys()].sort()).toEqual([...FIGURES].sort());
      expect([...map.values()].every((f) => f.value === 0)).toBe(true);
    }
  });

  it("counts the commune's subtree for the first half-year", async () => {
    expect(await figures(commune, 2026, "H1")).toEqual({
      "members.total": 6, "members.new": 2, "units.branches": 2, "units.committees": 2,
      "piggy.banksHandedOut": 40, "piggy.banksOpened": 14, "piggy.amountCollected": 2_600_000, "piggy.scholarshipCount": 3, "piggy.scholarshipAmount": 1_200_000,
      "sponsorship.active": 3, "sponsorship.new": 3, "sponsorship.droppedOut": 1, "sponsorship.returned": 1, "sponsorship.completed": 0, "sponsorship.supportValue": 2_000_000,
      "learning.FAMILY.registered": 3, "learning.FAMILY.recognised": 1, "learning.CLAN.registered": 1, "learning.CLAN.recognised": 1,
      "learning.COMMUNITY.registered": 2, "learning.COMMUNITY.recognised": 0, "learning.UNIT.registered": 2, "learning.UNIT.recognised": 1,
    });
  });

  it("counts the commune's subtree for the whole year: what happened after 30/06 is added", async () => {
    expect(await figures(commune, 2026, "YEAR")).toEqual({
      "members.total": 7, "members.new": 3, "units.branches": 2, "units.committees": 2,
      "piggy.banksHandedOut": 65, "piggy.banksOpened": 19, "piggy.amountCollected": 3_300_000, "piggy.scholarshipCount": 4, "piggy.scholarshipAmount": 1_500_000,
      "sponsorship.active": 2, "sponsorship.new": 4, "sponsorship.droppedOut": 1, "sponsorship.returned": 1, "sponsorship.completed": 2, "sponsorship.supportValue": 2_500_000,
      "learning.FAMILY.registered": 3, "learning.FAMILY.recognised": 2, "learning.CLAN.registered": 1, "learning.CLAN.recognised": 1,
      "learning.COMMUNITY.registered": 2, "learning.COMMUNITY.recognised": 1, "learning.UNIT.registered": 2, "learning.UNIT.recognised": 1,
    });
  });

  it("counts a branch's records for the branch, its commune and the province, and another commune's only for itself and the province", async () => {
    const h1 = await figures(branch2, 2026, "H1");
    expect(h1).toMatchObject({ "members.total": 1, "members.new": 1, "units.branches": 1, "units.committees": 0, "piggy.banksHandedOut": 0, "piggy.banksOpened": 4, "piggy.amountCollected": 600_000 });
    const other = await figures(otherCommune, 2026, "H1");
    expect(other).toMatchObject({
      "members.total": 2, "members.new": 1, "units.branches": 1, "units.committees": 0, "piggy.banksHandedOut": 100, "piggy.banksOpened": 20, "piggy.amountCollected": 5_000_000,
      "sponsorship.active": 1, "sponsorship.new": 1, "sponsorship.supportValue": 0, "learning.FAMILY.registered": 1, "learning.FAMILY.recognised": 0,
    });
    const all = await figures(province, 2026, "H1");
    const mine = await figures(commune, 2026, "H1");
    // The province is the commune plus the other commune (the empty one adds nothing), figure by figure.
    for (const f of FIGURES) expect(all[f], f).toBe(mine[f] + other[f]);
    expect(all).toMatchObject({ "members.total": 8, "piggy.banksHandedOut": 140, "sponsorship.active": 4, "learning.FAMILY.registered": 4 });
  });

  it("keeps to Vietnam calendar days at the period's edges", async () => {
    const [h1, year] = await Promise.all([figures(branch, 2026, "H1"), figures(branch, 2026, "YEAR")]);
    // An opening on 30/06 is the first half's; one on 01/07 only the year's.
    expect([h1["piggy.banksOpened"], year["piggy.banksOpened"]]).toEqual([10, 15]);
    // A family recognised at 23:00 on 30/06 counts for H1; one at 00:30 on 01/07 (still 30/06 in UTC) does not.
    expect([h1["learning.FAMILY.recognised"], year["learning.FAMILY.recognised"]]).toEqual([1, 2]);
    // A case started 31/12/2025 is not new in 2026; one started 30/06 is the first half's, one on 01/07 the year's.
    expect([h1["sponsorship.new"], year["sponsorship.new"]]).toEqual([3, 4]);
    // A case finished at 00:30 on 01/07 was followed on 30/06 and finished in the second half.
    expect([h1["sponsorship.completed"], year["sponsorship.completed"]]).toEqual([0, 2]);
    // The previous year has none of 2026's records: the drive of 31/12/2025 23:00 and the 2025 registration only.
    expect(await figures(branch2, 2025, "YEAR")).toMatchObject({ "piggy.banksHandedOut": 7, "piggy.banksOpened": 0 });
    expect(await figures(branch, 2025, "YEAR")).toMatchObject({ "learning.FAMILY.registered": 1, "learning.FAMILY.recognised": 0, "sponsorship.new": 1, "sponsorship.active": 1 });
  });

  it("words where each figure came from, in both languages", async () => {
    const openings = await detail(commune, 2026, "H1", "piggy.banksOpened");
    expect(openings).toEqual({ value: 14, source: "piggy", detail: { key: "report-source-piggy-openings", vars: { openings: 2, approved: 1, from: "01/01", to: "30/06/2026" } } });
    expect(t("vi", openings.detail.key, openings.detail.vars)).toBe("Theo bot: 2 lần mổ lợn từ 01/01 đến 30/06/2026 (1 đã duyệt)");
    expect(t("en", openings.detail.key, openings.detail.vars)).toBe("Bot records: 2 piggy-bank openings from 01/01 to 30/06/2026 (1 approved)");
    expect((await detail(commune, 2026, "H1", "piggy.amountCollected")).detail).toEqual(openings.detail);

    const support = await detail(commune, 2026, "H1", "sponsorship.supportValue");
    expect(support.detail.vars).toEqual({ money: 500_000, items: 1_500_000, from: "01/01", to: "30/06/2026" });
    expect(t("vi", support.detail.key, support.detail.vars)).toBe("Theo bot: 500.000 ₫ tiền hằng tháng đã đến tay các em và 1.500.000 ₫ hỗ trợ một lần, từ 01/01 đến 30/06/2026");
    expect(t("en", support.detail.key, support.detail.vars)).toBe("Bot records: 500,000 VND of monthly money that reached the pupils and 1,500,000 VND of one-off support, from 01/01 to 30/06/2026");

    const recognised = await detail(commune, 2026, "YEAR", "learning.FAMILY.recognised");
    expect(recognised.detail).toEqual({ key: "report-source-learning-recognised", vars: { count: 2, registered: 3, model: "FAMILY", year: 2026, to: "31/12/2026" } });
    expect(t("vi", recognised.detail.key, recognised.detail.vars)).toBe("Theo bot: 2 trong 3 gia đình đăng ký năm 2026 đã được công nhận tính đến 31/12/2026");
    expect(t("en", recognised.detail.key, recognised.detail.vars)).toBe("Bot records: 2 of the 3 families registered for 2026 recognised by 31/12/2026");

    const clan = await detail(commune, 2026, "H1", "learning.CLAN.registered");
    expect(t("en", clan.detail.key, clan.detail.vars)).toBe("Bot records: 1 clan registered for the 2026 learning titles");
    const members = await detail(commune, 2026, "YEAR", "members.new");
    expect(t("en", members.detail.key, members.detail.vars)).toBe("Bot records: 3 new members joined through the bot from 01/01 to 31/12/2026");

    // Every figure's wording exists in both languages, with every variable filled in.
    const sources: Record<string, string> = {};
    for (const [figure, known] of await knownFigures(db(), commune, 2026, "YEAR")) {
      expect(known.detail.key, figure).toMatch(/^report-source-/);
      sources[figure] = known.source;
      for (const locale of ["vi", "en"] as const) {
        const text = t(locale, known.detail.key, known.detail.vars);
        expect(text, `${figure} ${locale}`).toMatch(locale === "vi" ? /^Theo bot: / : /^Bot records: /);
        expect(text, `${figure} ${locale}`).not.toMatch(/[{}]|\$/);
      }
    }
    expect(sources).toMatchObject({ "members.total": "members", "units.branches": "units", "piggy.banksHandedOut": "piggy", "sponsorship.active": "sponsorship", "learning.UNIT.recognised": "learning" });
  });

  it("leaves out an opening sent back for a fix until it is corrected", async () => {
    const before = await figures(branch, 2026, "H1");
    expect(before["piggy.banksOpened"]).toBe(10);
    await at("2026-07-16T09:00:00", () => env.services.piggyBanks.correctOpening(reporter, returnedOpeningId, opening("2026-05-15", 3, 450_000, 0, 0)));
    const after = await knownFigures(db(), branch, 2026, "H1");
    expect(after.get("piggy.banksOpened")!.value).toBe(13);
    expect(after.get("piggy.amountCollected")!.value).toBe(2_450_000);
    expect(after.get("piggy.banksOpened")!.detail.vars).toMatchObject({ openings: 2, approved: 1 });
  });
});
