import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseInput, CaseStatus, CheckInInput } from "../../src/domain/sponsorship.ts";
import type { Person } from "../../src/services/access.ts";
import { createServices } from "../../src/services/index.ts";
import type { SponsorKindView } from "../../src/services/sponsorships.ts";
import type { UnitView } from "../../src/services/units.ts";
import { atTime, freshServices, TEST_DATABASES, type TestEnv } from "../helpers/db.ts";
import { expectServiceError } from "../helpers/errors.ts";
import { letters, peopleMaker } from "../helpers/people.ts";

// The default clock: 10:00 on 29/11/2026 in Vietnam (school year 2026–2027).
const TODAY = new Date("2026-11-29T03:00:00Z");
const DEC_1 = new Date("2026-12-01T01:00:00Z");
const DEC_5 = new Date("2026-12-05T03:00:00Z");
const JAN_10 = new Date("2027-01-10T03:00:00Z");

const PUPIL = "Nguyễn Thị Hương";
const dbDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

const FINE: CheckInInput = { attending: true, supportArrived: true, studies: 3, flagNote: null };
const ABSENT: CheckInInput = { attending: false, supportArrived: null, studies: 1, flagNote: null };

describe.each(TEST_DATABASES)("sponsorships service on %s", (kind) => {
  let env: TestEnv;
  let admin: Person;
  let province: UnitView;
  let personKind: SponsorKindView;
  let treeCount = 0;
  const { freshTelegramId, personWith } = peopleMaker(() => env, () => admin, 7000);

  beforeAll(async () => {
    env = await freshServices(kind);
    admin = await env.services.access.loadPerson(1);
    province = await env.services.units.createUnit(admin, { parentId: null, name: "Tỉnh Phú Thọ", kind: "PROVINCE" });
    personKind = (await env.services.sponsorships.listSponsorKinds())[0]!;
  });
  afterAll(async () => {
    await env.db.close();
  });

  const db = () => env.services.deps.db;
  const sp = () => env.services.sponsorships;

  const at = <T>(when: Date, fn: () => Promise<T>) => atTime(env, when, fn);

  /**
   * A fresh tree for each test:
   *   province ─┬─ commune (communeCoord) ─┬─ branch (branchCoord; owner, member: MEMBER; reporter)
   *             │                           └─ branch2 (coord2; member2)
   *             └─ otherCommune (otherCoord) ── otherBranch (otherMember)
   */
  async function tree() {
    const n = ++treeCount;
    const { createUnit } = env.services.units;
    const commune = await createUnit(admin, { parentId: province.id, name: `Xã Mãn Đức ${n}`, kind: "COMMUNE" });
    const branch = await createUnit(admin, { parentId: commune.id, name: `Chi hội thôn Bưng ${n}`, kind: "BRANCH" });
    const branch2 = await createUnit(admin, { parentId: commune.id, name: `Chi hội thôn Chiềng ${n}`, kind: "BRANCH" });
    const otherCommune = await createUnit(admin, { parentId: province.id, name: `Xã Tân Lạc ${n}`, kind: "COMMUNE" });
    const otherBranch = await createUnit(admin, { parentId: otherCommune.id, name: `Chi hội thôn Mường ${n}`, kind: "BRANCH" });
    return {
      commune, branch, branch2, otherCommune, otherBranch,
      communeCoord: await personWith("COORDINATOR", commune.id),
      branchCoord: await personWith("COORDINATOR", branch.id),
      owner: await personWith("MEMBER", branch.id),
      member: await personWith("MEMBER", branch.id),
      reporter: await personWith("REPORTER", branch.id),
      coord2: await personWith("COORDINATOR", branch2.id),
      member2: await personWith("MEMBER", branch2.id),
      otherCoord: await personWith("COORDINATOR", otherCommune.id),
      otherMember: await personWith("MEMBER", otherBranch.id),
    };
  }

  /** A clean case: 500.000 ₫ a month, school supplies and a bicycle given once; started 01/11/2026. */
  function caseInput(unitId: number, change: Partial<CaseInput> = {}): CaseInput {
    return {
      unitId,
      pupilName: PUPIL,
      birthYear: 2014,
      schoolName: "Trường THCS Mãn Đức",
      grade: 7,
      circumstances: ["POOR_HOUSEHOLD", "FAR_FROM_SCHOOL"],
      circumstanceNote: null,
      sponsorKindId: personKind.id,
      sponsorName: "Công ty Sao Mai",
      support: [{ kind: "MONEY", amount: 500_000 }, { kind: "SUPPLIES", amount: 300_000 }, { kind: "BICYCLE", amount: 1_500_000 }],
      supportNote: null,
      startedOn: "2026-11-01",
      checkInMonths: 1,
      guardianConsent: true,
      ...change,
    };
  }

  const open = (person: Person, unitId: number, change: Partial<CaseInput> = {}) => sp().openCase(person, caseInput(unitId, change));
  const caseCount = () => db().sponsorshipCase.count();
  const auditOf = (caseId: number, action: string) =>
    db().auditLog.findMany({ where: { entity: "SponsorshipCase", entityId: String(caseId), action }, orderBy: { id: "asc" } });
  const ids = (list: { telegramId: number }[]) => list.map((r) => r.telegramId).sort((a, b) => a - b);

  describe("opening a case", () => {
    it("opens a case: the full view, the one-off support in the ledger, the first check-in a month on, an event and an audit row without the name", async () => {
      const t = await tree();
      const c = await open(t.owner, t.branch.id);
      expect(c).toEqual({
        id: c.id, unitId: t.branch.id, unitName: t.branch.name, full: true, isOwner: true, anonymised: false,
        pupilName: PUPIL, initials: "N.T.H.", birthYear: 2014, grade: 7, schoolName: "Trường THCS Mãn Đức",
        circumstances: ["POOR_HOUSEHOLD", "FAR_FROM_SCHOOL"], circumstanceNote: null,
        sponsorKind: { id: personKind.id, code: "PERSON", nameVi: "Cá nhân", nameEn: "A person", active: true },
        sponsorName: "Công ty Sao Mai", monthlyAmount: 500_000,
        support: [{ kind: "MONEY", amount: 500_000 }, { kind: "SUPPLIES", amount: 300_000 }, { kind: "BICYCLE", amount: 1_500_000 }],
        supportNote: null, startedOn: "2026-11-01", status: "ACTIVE", statusReason: null, checkInMonths: 1,
        nextCheckInOn: "2026-12-01", overdueDays: 0, ownerTelegramId: t.owner.telegramId, ownerName: t.owner.fullName,
        lastCheckIn: null, canFollow: true, canDelete: true,
      });
      expect(JSON.parse(JSON.stringify(c))).toEqual(c);

      const row = await db().sponsorshipCase.findUniqueOrThrow({ where: { id: c.id } });
      expect(row).toMatchObject({ consentAt: TODAY, createdAt: TODAY, ownerTelegramId: BigInt(t.owner.telegramId), supportKinds: ["MONEY", "SUPPLIES", "BICYCLE"] });
      // Money is counted as it arrives (at check-ins); the one-off items on the day the case started.
      const ledger = await db().sponsorshipSupport.findMany({ where: { caseId: c.id }, orderBy: { id: "asc" } });
      expect(ledger.map((s) => [s.kind, s.amount, s.givenOn, s.checkInId])).toEqual([
        ["SUPPLIES", 300_000n, dbDate("2026-11-01"), null],
        ["BICYCLE", 1_500_000n, dbDate("2026-11-01"), null],
      ]);
      const events = await db().sponsorshipEvent.findMany({ where: { caseId: c.id } });
      expect(events.map((e) => [e.kind, e.fromStatus, e.toStatus, e.actorTelegramId])).toEqual([["OPENED", null, "ACTIVE", BigInt(t.owner.telegramId)]]);

      const audit = await auditOf(c.id, "sponsor.case.open");
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actorTelegramId).toBe(BigInt(t.owner.telegramId));
      expect(audit[0]!.after).toMatchObject({ unitId: t.branch.id, grade: 7, consent: true, startedOn: "2026-11-01", checkInMonths: 1 });
      const logged = JSON.stringify([audit[0]!.before, audit[0]!.after]);
      for (const secret of [PUPIL, "Hương", "N.T.H.", "Trường THCS Mãn Đức", "Công ty Sao Mai"]) expect(logged).not.toContain(secret);
    });

    it("keeps the notes of OTHER circumstances and support, drops them otherwise; 3-monthly check-ins are due 3 months on", async () => {
      const t = await tree();
      const c = await open(t.owner, t.branch.id, {
        circumstances: ["OTHER", "ORPHAN"], circumstanceNote: "Mẹ  đi làm xa", support: [{ kind: "OTHER", amount: 0 }], supportNote: "Sách giáo khoa",
        checkInMonths: 3,
      });
      expect(c).toMatchObject({
        circumstanceNote: "Mẹ đi làm xa", supportNote: "Sách giáo khoa", monthlyAmount: 0, support: [{ kind: "OTHER", amount: 0 }],
        checkInMonths: 3, nextCheckInOn: "2027-02-01",
      });
      const plain = await open(t.owner, t.branch.id, { circumstanceNote: "không dùng", supportNote: "không dùng" });
      expect(plain).toMatchObject({ circumstanceNote: null, supportNote: null });
    });

    it("a case started long ago is due today, not in the past; a coordinator may open one for a branch under them", async () => {
      const t = await tree();
      const c = await open(t.communeCoord, t.branch2.id, { startedOn: "2026-09-05" });
      expect(c).toMatchObject({ unitId: t.branch2.id, nextCheckInOn: "2026-11-29", overdueDays: 0, isOwner: true });
      const own = await open(admin, t.otherBranch.id);
      expect(own.isOwner).toBe(true);
    });

    it("refuses a case without the guardian's consent, and saves nothing", async () => {
      const t = await tree();
      const before = await caseCount();
      const ledger = await db().sponsorshipSupport.count();
      await expectServiceError(open(t.owner, t.branch.id, { guardianConsent: false }), "consent_required");
      expect(await caseCount()).toBe(before);
      expect(await db().sponsorshipSupport.count()).toBe(ledger);
    });

    it("refuses a pupil aged 2 or 40, a grade outside 1–12, an implausible or negative amount", async () => {
      const t = await tree();
      const before = await caseCount();
      await expectServiceError(open(t.owner, t.branch.id, { birthYear: 2024 }), "pupil_too_young", { year: 2024 });
      await expectServiceError(open(t.owner, t.branch.id, { birthYear: 1986 }), "pupil_too_old", { year: 1986 });
      for (const grade of [0, 13]) await expectServiceError(open(t.owner, t.branch.id, { grade }), "bad_input");
      for (const amount of [-500_000, 0, 25_000_000]) {
        await expectServiceError(open(t.owner, t.branch.id, { support: [{ kind: "MONEY", amount }] }), "bad_input");
      }
      await expectServiceError(open(t.owner, t.branch.id, { support: [{ kind: "SUPPLIES", amount: -1 }] }), "bad_input");
      await expectServiceError(open(t.owner, t.branch.id, { circumstances: ["OTHER"], circumstanceNote: null }), "bad_input");
      await expectServiceError(open(t.owner, t.branch.id, { checkInMonths: 4 }), "bad_input");
      expect(await caseCount()).toBe(before);
    });

    it("refuses a start in the future (Vietnam's today), and a date that is not one", async () => {
      const t = await tree();
      await expectServiceError(open(t.owner, t.branch.id, { startedOn: "2026-11-30" }), "date_in_future", { today: "2026-11-29" });
      await expectServiceError(open(t.owner, t.branch.id, { startedOn: "2026-02-30" }), "bad_input");
      // 20:00 UTC on the 29th is already the 30th in Vietnam.
      const late = await at(new Date("2026-11-29T20:00:00Z"), () => open(t.owner, t.branch.id, { startedOn: "2026-11-30" }));
      expect(late.nextCheckInOn).toBe("2026-12-30");
    });

    it("refuses a unit the person does not belong to", async () => {
      const t = await tree();
      const before = await caseCount();
      for (const unitId of [t.branch2.id, t.commune.id, t.otherBranch.id]) await expectServiceError(open(t.owner, unitId), "forbidden");
      await expectServiceError(open(t.coord2, t.branch.id), "forbidden");
      await expectServiceError(open(t.otherCoord, t.branch.id), "forbidden");
      const stranger = await env.services.access.loadPerson(freshTelegramId());
      await expectServiceError(open(stranger, t.branch.id), "forbidden");
      await expectServiceError(open(t.owner, 999_999), "unit_not_found");
      expect(await caseCount()).toBe(before);
    });

    it("refuses a hidden or unknown sponsor kind", async () => {
      const t = await tree();
      const hidden = await sp().addSponsorKind(admin, { nameVi: `Hội cựu chiến binh ${letters(treeCount)}`, nameEn: "Veterans" });
      await sp().setSponsorKindActive(admin, hidden.id, false);
      await expectServiceError(open(t.owner, t.branch.id, { sponsorKindId: hidden.id }), "bad_input", { fields: "sponsorKindId" });
      await expectServiceError(open(t.owner, t.branch.id, { sponsorKindId: 999_999 }), "bad_input");
      await sp().setSponsorKindActive(admin, hidden.id, true);
      expect((await open(t.owner, t.branch.id, { sponsorKindId: hidden.id })).sponsorKind.id).toBe(hidden.id);
    });

    it("refuses a unit that was merged away", async () => {
      const t = await tree();
      await env.services.units.mergeUnit(admin, t.branch2.id, t.branch.id);
      await expectServiceError(open(admin, t.branch2.id), "unit_retired", { name: t.branch2.name });
    });

    it("a merge hands the pupils still followed to the unit merged into; finished cases stay where they were filed", async () => {
      const t = await tree();
      const followed = await open(t.member2, t.branch2.id);
      const finished = await open(t.member2, t.branch2.id);
      await sp().changeStatus(t.member2, finished.id, "COMPLETED", null);
      await env.services.units.mergeUnit(admin, t.branch2.id, t.branch.id);
      const owner = await env.services.access.loadPerson(t.member2.telegramId); // now a member of the branch merged into
      const moved = await sp().getCase(owner, followed.id);
      expect(moved).toMatchObject({ unitId: t.branch.id, isOwner: true, canFollow: true, pupilName: PUPIL });
      expect((await sp().listMyCases(owner)).map((c) => c.id)).toEqual([followed.id]);
      expect((await db().sponsorshipCase.findUniqueOrThrow({ where: { id: finished.id } })).unitId).toBe(t.branch2.id);
      const reminders = await sp().dueCheckInReminders(new Date("2027-01-05T03:00:00Z"));
      expect(reminders.filter((r) => r.caseId === followed.id)).toHaveLength(1);
    });

    it("offers the units the person belongs to and, to coordinators, the branches under them", async () => {
      const t = await tree();
      expect((await sp().openableUnits(t.owner)).map((u) => u.id)).toEqual([t.branch.id]);
      const forCoord = (await sp().openableUnits(t.communeCoord)).map((u) => u.id);
      expect(forCoord.sort()).toEqual([t.commune.id, t.branch.id, t.branch2.id].sort());
    });
  });

  describe("privacy", () => {
    /** A case whose every private field is filled, at risk after a flagged check-in. */
    async function privateCase(t: Awaited<ReturnType<typeof tree>>) {
      const c = await open(t.owner, t.branch.id, {
        circumstances: ["ORPHAN", "OTHER"], circumstanceNote: "Ở với bà ngoại", support: [{ kind: "MONEY", amount: 500_000 }, { kind: "OTHER", amount: 100_000 }],
        supportNote: "Áo ấm",
      });
      await sp().recordCheckIn(t.owner, c.id, { attending: true, supportArrived: true, studies: 2, flagNote: "Em hay đi học muộn" });
      return c;
    }

    it("the owner sees the full case, and that view is not audited", async () => {
      const t = await tree();
      const c = await privateCase(t);
      const v = await sp().getCase(t.owner, c.id);
      expect(v).toMatchObject({
        full: true, isOwner: true, pupilName: PUPIL, schoolName: "Trường THCS Mãn Đức", circumstances: ["ORPHAN", "OTHER"],
        circumstanceNote: "Ở với bà ngoại", sponsorName: "Công ty Sao Mai", supportNote: "Áo ấm", status: "AT_RISK", statusReason: "Em hay đi học muộn",
        lastCheckIn: { flagNote: "Em hay đi học muộn" }, canFollow: true, canDelete: true,
      });
      expect(await auditOf(c.id, "sponsor.case.view")).toEqual([]);
    });

    it("coordinators of the branch, of the commune above, and administrators see it in full, each view audited", async () => {
      const t = await tree();
      const c = await privateCase(t);
      for (const viewer of [t.branchCoord, t.communeCoord, admin]) {
        const v = await sp().getCase(viewer, c.id);
        expect(v).toMatchObject({
          full: true, isOwner: false, pupilName: PUPIL, schoolName: "Trường THCS Mãn Đức", circumstanceNote: "Ở với bà ngoại",
          sponsorName: "Công ty Sao Mai", statusReason: "Em hay đi học muộn", ownerName: t.owner.fullName, canFollow: true,
        });
      }
      const audit = await auditOf(c.id, "sponsor.case.view");
      expect(audit.map((a) => a.actorTelegramId)).toEqual([t.branchCoord, t.communeCoord, admin].map((p) => BigInt(p.telegramId)));
      expect(audit.every((a) => a.before === null && a.after === null)).toBe(true);
    });

    it("another member or the reporter of the branch sees initials, year of birth and figures only, not audited", async () => {
      const t = await tree();
      const c = await privateCase(t);
      const memberOfCommune = await personWith("MEMBER", t.commune.id);
      for (const viewer of [t.member, t.reporter, memberOfCommune]) {
        const v = await sp().getCase(viewer, c.id);
        expect(v).toMatchObject({
          full: false, isOwner: false, pupilName: null, initials: "N.T.H.", birthYear: 2014, grade: 7, schoolName: null, circumstances: [],
          circumstanceNote: null, sponsorName: null, supportNote: null, statusReason: null, status: "AT_RISK", monthlyAmount: 500_000,
          lastCheckIn: { flagNote: null, attending: true, studies: 2 }, canFollow: false, canDelete: false,
        });
        expect(JSON.stringify(v)).not.toContain("Hương");
      }
      expect(await auditOf(c.id, "sponsor.case.view")).toEqual([]);
    });

    it("someone outside the unit is told the case does not exist", async () => {
      const t = await tree();
      const c = await privateCase(t);
      const stranger = await env.services.access.loadPerson(freshTelegramId());
      for (const outsider of [t.member2, t.coord2, t.otherMember, t.otherCoord, stranger]) {
        await expectServiceError(sp().getCase(outsider, c.id), "case_not_found");
      }
      await expectServiceError(sp().getCase(t.owner, 999_999), "case_not_found");
      await expectServiceError(sp().getCase(t.owner, -1), "bad_input");
    });

    it("an owner removed from the unit loses the case; their replacement coordinator still sees it", async () => {
      const t = await tree();
      const c = await open(t.owner, t.branch.id);
      const m = await db().membership.findFirstOrThrow({ where: { unitId: t.branch.id, member: { telegramId: BigInt(t.owner.telegramId) } } });
      await env.services.members.removeMember(t.branchCoord, m.id);
      const removed = await env.services.access.loadPerson(t.owner.telegramId);
      await expectServiceError(sp().getCase(removed, c.id), "case_not_found");
      expect(await sp().listMyCases(removed)).toEqual([]);
      expect((await sp().getCase(t.branchCoord, c.id)).ownerName).toBe(t.owner.fullName);
    });

    it("lists show initials to everyone but the owner, who sees names in their own list", async () => {
      const t = await tree();
      const mine = await open(t.owner, t.branch.id);
      const theirs = await open(t.member, t.branch.id, { pupilName: "Lò Văn Páo" });
      await open(t.member2, t.branch2.id, { pupilName: "Hà Thị Mai" });
      await open(t.otherMember, t.otherBranch.id, { pupilName: "Đinh Văn Tú" });

      const byOwner = await sp().listUnitCases(t.owner, t.branch.id);
      expect(byOwner.map((s) => [s.id, s.label, s.isOwner])).toEqual([[mine.id, PUPIL, true], [theirs.id, "L.V.P.", false]]);
      const byCoord = await sp().listUnitCases(t.communeCoord, t.commune.id);
      expect(byCoord.map((s) => s.label)).toEqual(["N.T.H.", "L.V.P.", "H.T.M."]);
      expect(byCoord[0]).toMatchObject({ unitName: t.branch.name, birthYear: 2014, grade: 7, status: "ACTIVE", nextCheckInOn: "2026-12-01", overdueDays: 0, anonymised: false });
      expect(JSON.stringify(byCoord)).not.toContain("Nguyễn");
      expect((await sp().listUnitCases(t.reporter, t.branch.id)).map((s) => s.label)).toEqual(["N.T.H.", "L.V.P."]);
      // A list is not a full view: nothing is audited.
      expect(await auditOf(mine.id, "sponsor.case.view")).toEqual([]);

      const myList = await sp().listMyCases(t.owner);
      expect(myList.map((s) => [s.id, s.label])).toEqual([[mine.id, PUPIL]]);
      expect((await sp().listMyCases(t.member)).map((s) => s.label)).toEqual(["Lò Văn Páo"]);

      await expectServiceError(sp().listUnitCases(t.member2, t.branch.id), "forbidden");
      await expectServiceError(sp().listUnitCases(t.otherCoord, t.commune.id), "forbidden");
      expect(await sp().listUnitCases(t.communeCoord, t.commune.id, { status: "AT_RISK" })).toEqual([]);
    });

    it("the history is for those who see the full case; a coordinator's look is audited", async () => {
      const t = await tree();
      const c = await privateCase(t);
      for (const viewer of [t.member, t.reporter]) await expectServiceError(sp().caseHistory(viewer, c.id), "forbidden");
      await expectServiceError(sp().caseHistory(t.member2, c.id), "case_not_found");
      const mine = await sp().caseHistory(t.owner, c.id);
      expect(mine.map((e) => [e.kind, e.fromStatus, e.toStatus, e.reason, e.byName])).toEqual([
        ["OPENED", null, "ACTIVE", null, t.owner.fullName],
        ["CHECK_IN", null, null, null, t.owner.fullName],
        ["STATUS", "ACTIVE", "AT_RISK", "Em hay đi học muộn", t.owner.fullName],
      ]);
      expect(await auditOf(c.id, "sponsor.case.history")).toEqual([]);
      expect(await sp().caseHistory(t.communeCoord, c.id)).toEqual(mine);
      expect((await auditOf(c.id, "sponsor.case.history")).map((a) => a.actorTelegramId)).toEqual([BigInt(t.communeCoord.telegramId)]);
    });
  });

  describe("check-ins", () => {
    it("a fine check-in moves the next one a month on and counts the money that arrived", async () => {
      const t = await tree();
      const c = await open(t.owner, t.branch.id);
      const r = await sp().recordCheckIn(t.owner, c.id, FINE);
      expect(r).toMatchObject({ becameAtRisk: false, raisesRisk: false, notify: [] });
      expect(r.case).toMatchObject({
        status: "ACTIVE", nextCheckInOn: "2027-01-01", overdueDays: 0,
        lastCheckIn: { on: "2026-11-29", attending: true, supportArrived: true, studies: 3, flagNote: null },
        // the support as opened, not grown by the money that arrived
        support: [{ kind: "MONEY", amount: 500_000 }, { kind: "SUPPLIES", amount: 300_000 }, { kind: "BICYCLE", amount: 1_500_000 }],
      });
      const checkIn = await db().sponsorshipCheckIn.findFirstOrThrow({ where: { caseId: c.id } });
      expect(checkIn).toMatchObject({ dueOn: dbDate("2026-12-01"), attending: true, supportArrived: true, studies: 3, actorTelegramId: BigInt(t.owner.telegramId) });
      const money = await db().sponsorshipSupport.findMany({ where: { caseId: c.id, kind: "MONEY" } });
      expect(money.map((s) => [s.amount, s.givenOn, s.checkInId])).toEqual([[500_000n, dbDate("2026-11-29"), checkIn.id]]);

      // A coordinator may check in too; money that did not arrive is not counted.
      const late = await at(DEC_5, () => sp().recordCheckIn(t.branchCoord, c.id, { ...FINE, supportArrived: false }));
      expect(late.case.nextCheckInOn).toBe("2027-02-01");
      expect(await db().sponsorshipSupport.count({ where: { caseId: c.id, kind: "MONEY" } })).toBe(1);
      const audit = await auditOf(c.id, "sponsor.case.check_in");
      expect(audit.map((a) => a.after)).toEqual([
        { dueOn: "2026-12-01", attending: true, supportArrived: true, studies: 3, flagged: false, atRisk: false },
        { dueOn: "2027-01-01", attending: true, supportArrived: false, studies: 3, flagged: false, atRisk: false },
      ]);
    });

    it("a very late check-in counts the next one from today; a 3-monthly one counts 3 months of money", async () => {
      const t = await tree();
      const c = await open(t.owner, t.branch.id);
      const r = await at(JAN_10, () => sp().recordCheckIn(t.owner, c.id, FINE));
      expect(r.case.nextCheckInOn).toBe("2027-02-10");

      const term = await open(t.owner, t.branch.id, { checkInMonths: 3 });
      await sp().recordCheckIn(t.owner, term.id, FINE);
      const money = await db().sponsorshipSupport.findMany({ where: { caseId: term.id, kind: "MONEY" } });
      expect(money.map((s) => s.amount)).toEqual([1_500_000n]);
      expect((await sp().getCase(t.owner, term.id)).nextCheckInOn).toBe("2027-05-01");
    });

    it("without monthly money, 'support arrived' is not recorded", async () => {
      const t = await tree();
      const c = await open(t.owner, t.branch.id, { support: [{ kind: "TUTORING", amount: 0 }] });
      const r = await sp().recordCheckIn(t.owner, c.id, FINE);
      expect(r.case.lastCheckIn).toMatchObject({ supportArrived: null });
      expect(await db().sponsorshipSupport.count({ where: { caseId: c.id, kind: "MONEY" } })).toBe(0);
    });

    it("a pupil not attending puts the case at risk and tells the branch's coordinators, never the person", async () => {
      const t = await tree();
      const c = await open(t.owner, t.branch.id);
      const r = await sp().recordCheckIn(t.owner, c.id, ABSENT);
      expect(r).toMatchObject({ becameAtRisk: true, raisesRisk: true, case: { status: "AT_RISK", statusReason: null } });
      expect(ids(r.notify)).toEqual([t.branchCoord.telegramId]);
      const events = await db().sponsorshipEvent.findMany({ where: { caseId: c.id }, orderBy: { id: "asc" } });
      expect(events.map((e) => [e.kind, e.fromStatus, e.toStatus])).toEqual([["OPENED", null, "ACTIVE"], ["CHECK_IN", null, null], ["STATUS", "ACTIVE", "AT_RISK"]]);

      // Already at risk: not again, but the coordinators are told again. The branch's only
      // coordinator checked in this time: the commune's is told.
      const again = await sp().recordCheckIn(t.branchCoord, c.id, { ...FINE, flagNote: "Em phải đi làm thuê" });
      expect(again).toMatchObject({ becameAtRisk: false, raisesRisk: true, case: { status: "AT_RISK", statusReason: null } });
      expect(ids(again.notify)).toEqual([t.communeCoord.telegramId]);
      expect(await db().sponsorshipEvent.count({ where: { caseId: c.id, kind: "STATUS" } })).toBe(1);
    });

    it("a flag while attending puts the case at risk with the flag as reason", async () => {
      const t = await tree();
      const c = await open(t.member2, t.branch2.id);
      const r = await sp().recordCheckIn(t.member2, c.id, { ...FINE, flagNote: "Gia đình muốn cho em nghỉ học" });
      expect(r).toMatchObject({ becameAtRisk: true, raisesRisk: true, case: { status: "AT_RISK", statusReason: "Gia đình muốn cho em nghỉ học" } });
      expect(ids(r.notify)).toEqual([t.coord2.telegramId]);
      // The commune's coordinator checking in tells the branch's.
      const second = await sp().recordCheckIn(t.communeCoord, c.id, ABSENT);
      expect(ids(second.notify)).toEqual([t.coord2.telegramId]);
    });

    it("refuses a check-in on a closed or deleted case", async () => {
      const t = await tree();
      const closed: [CaseStatus, string | null][] = [["DROPPED_OUT", "Theo bố mẹ vào Nam"], ["COMPLETED", null], ["TRANSFERRED", "Chuyển trường"]];
      for (const [status, reason] of closed) {
        const c = await open(t.owner, t.branch.id);
        await sp().changeStatus(t.owner, c.id, status, reason);
        await expectServiceError(sp().recordCheckIn(t.owner, c.id, FINE), "case_closed");
        await expectServiceError(sp().setCheckInInterval(t.owner, c.id, 3), "case_closed");
        expect(await db().sponsorshipCheckIn.count({ where: { caseId: c.id } })).toBe(0);
      }
      const gone = await open(t.owner, t.branch.id);
      await sp().anonymiseCase(t.owner, gone.id);
      await expectServiceError(sp().recordCheckIn(t.owner, gone.id, FINE), "case_closed");
    });

    it("refuses a check-in by someone who sees the masked case, or does not see it, or a malformed one", async () => {
      const t = await tree();
      const c = await open(t.owner, t.branch.id);
      for (const p of [t.member, t.reporter]) await expectServiceError(sp().recordCheckIn(p, c.id, FINE), "forbidden");
      for (const p of [t.member2, t.coord2, t.otherCoord]) await expectServiceError(sp().recordCheckIn(p, c.id, FINE), "case_not_found");
      await expectServiceError(sp().recordCheckIn(t.owner, c.id, { ...FINE, studies: 7 as 4 }), "bad_input");
      await expectServiceError(sp().recordCheckIn(t.owner, 999_999, FINE), "case_not_found");
      expect(await db().sponsorshipCheckIn.count({ where: { caseId: c.id } })).toBe(0);
    });
  });

  // The bot's flows make a key when they start: the same "Save" handled again (delivered again after a crash,
  // pressed again after the chat's state was not saved) must not open the case, or record the check-in, twice.
  describe("the same submission handled twice (submission keys)", () => {
    const KEY = (n: number) => `5e0c9a1b-7f2d-4c3e-8a6b-${String(n).padStart(12, "0")}`;
    let keys = 0;
    const key = () => KEY(++keys);
    const rowsOf = async (caseId: number) => ({
      checkIns: await db().sponsorshipCheckIn.count({ where: { caseId } }),
      supports: await db().sponsorshipSupport.count({ where: { caseId } }),
      events: await db().sponsorshipEvent.count({ where: { caseId } }),
      audit: await db().auditLog.count({ where: { entity: "SponsorshipCase", entityId: String(caseId) } }),
    });

    it("opening a case with the same key again: one case, one event, one audit entry, the same case back, whatever else changed", async () => {
      const t = await tree();
      const k = key();
      const before = await caseCount();
      const first = await sp().openCase(t.owner, caseInput(t.branch.id), k);
      const again = await sp().openCase(t.owner, caseInput(t.branch.id), k);
      expect(again).toEqual(first);
      // The key decides (a replay always carries the same answers): other answers, even a start in the future, are not looked at.
      const later = await at(DEC_5, () => sp().openCase(t.owner, caseInput(t.branch.id, { pupilName: "Lò Văn Pầng", startedOn: "2026-12-06" }), k));
      expect(later).toMatchObject({ id: first.id, pupilName: PUPIL, startedOn: "2026-11-01" });
      expect(await caseCount()).toBe(before + 1);
      expect(await rowsOf(first.id)).toEqual({ checkIns: 0, supports: 2, events: 1, audit: 1 });
      expect((await db().sponsorshipCase.findUniqueOrThrow({ where: { id: first.id } })).submissionKey).toBe(k);
      // Another key, or none: a new case each time.
      await sp().openCase(t.owner, caseInput(t.branch.id), key());
      await open(t.owner, t.branch.id);
      await open(t.owner, t.branch.id);
      expect(await caseCount()).toBe(before + 4);
    });

    it("opening the same case four times at once (two instances, a redelivered update): one case, all get it", async () => {
      const t = await tree();
      const k = key();
      const before = await caseCount();
      const all = await Promise.all(Array.from({ length: 4 }, () => sp().openCase(t.owner, caseInput(t.branch.id), k)));
      expect(new Set(all.map((c) => c.id)).size).toBe(1);
      expect(await caseCount()).toBe(before + 1);
      expect(await rowsOf(all[0]!.id)).toEqual({ checkIns: 0, supports: 2, events: 1, audit: 1 });
    });

    it("a case's key used by someone else or for another unit is refused, nothing written", async () => {
      const t = await tree();
      const k = key();
      const c = await sp().openCase(t.owner, caseInput(t.branch.id), k);
      const before = await caseCount();
      const audit = await db().auditLog.count();
      await expectServiceError(sp().openCase(t.member, caseInput(t.branch.id), k), "bad_input", { fields: "submissionKey" });
      await expectServiceError(sp().openCase(t.branchCoord, caseInput(t.branch.id), k), "bad_input", { fields: "submissionKey" });
      await expectServiceError(sp().openCase(t.owner, caseInput(t.branch2.id), k), "bad_input", { fields: "submissionKey" });
      await expectServiceError(sp().openCase(t.owner, caseInput(t.branch.id), "short"), "bad_input");
      expect(await caseCount()).toBe(before);
      expect(await db().auditLog.count()).toBe(audit);
      expect(await rowsOf(c.id)).toEqual({ checkIns: 0, supports: 2, events: 1, audit: 1 });
    });

    it("a check-in with the same key again: one check-in, one money entry, one audit entry, the same result back (repeated, nobody told again)", async () => {
      const t = await tree();
      const c = await open(t.owner, t.branch.id);
      const k = key();
      const first = await sp().recordCheckIn(t.owner, c.id, ABSENT, k);
      expect(first).toMatchObject({ becameAtRisk: true, raisesRisk: true, repeated: false, case: { status: "AT_RISK", nextCheckInOn: "2027-01-01" } });
      expect(ids(first.notify)).toEqual([t.branchCoord.telegramId]);
      const again = await sp().recordCheckIn(t.owner, c.id, ABSENT, k);
      expect(again).toEqual({ ...first, notify: [], repeated: true });
      expect(await rowsOf(c.id)).toEqual({ checkIns: 1, supports: 2, events: 3, audit: 2 });
      expect(await auditOf(c.id, "sponsor.case.check_in")).toHaveLength(1);
      expect((await db().sponsorshipCheckIn.findFirstOrThrow({ where: { caseId: c.id } })).submissionKey).toBe(k);

      // With money that arrived: counted once. A later check-in (another key) does not change what the first one returns.
      const paid = await open(t.owner, t.branch.id);
      const k2 = key();
      const fine = await sp().recordCheckIn(t.owner, paid.id, FINE, k2);
      expect(fine).toMatchObject({ becameAtRisk: false, raisesRisk: false, repeated: false, notify: [] });
      await at(DEC_5, () => sp().recordCheckIn(t.owner, paid.id, { ...FINE, flagNote: "Em ốm" }, key()));
      const replay = await sp().recordCheckIn(t.owner, paid.id, FINE, k2);
      expect(replay).toMatchObject({ becameAtRisk: false, raisesRisk: false, repeated: true, notify: [], case: { id: paid.id, status: "AT_RISK" } });
      expect(await db().sponsorshipCheckIn.count({ where: { caseId: paid.id } })).toBe(2);
      expect(await db().sponsorshipSupport.count({ where: { caseId: paid.id, kind: "MONEY" } })).toBe(2);
      // No key: a new check-in each time, as before.
      await sp().recordCheckIn(t.owner, paid.id, FINE);
      await sp().recordCheckIn(t.owner, paid.id, FINE);
      expect(await db().sponsorshipCheckIn.count({ where: { caseId: paid.id } })).toBe(4);
    });

    it("the same check-in four times at once: one check-in, one audit entry, exactly one of them not repeated", async () => {
      const t = await tree();
      const c = await open(t.owner, t.branch.id);
      const k = key();
      const all = await Promise.all(Array.from({ length: 4 }, () => sp().recordCheckIn(t.owner, c.id, ABSENT, k)));
      expect(all.filter((r) => !r.repeated)).toHaveLength(1);
      expect(all.every((r) => r.becameAtRisk && r.case.status === "AT_RISK" && r.case.nextCheckInOn === "2027-01-01")).toBe(true);
      expect(all.filter((r) => r.notify.length > 0)).toHaveLength(1);
      expect(await rowsOf(c.id)).toEqual({ checkIns: 1, supports: 2, events: 3, audit: 2 });
    });

    it("a check-in's key used by someone else or for another case is refused, nothing written", async () => {
      const t = await tree();
      const c = await open(t.owner, t.branch.id);
      const other = await open(t.owner, t.branch.id);
      const k = key();
      await sp().recordCheckIn(t.owner, c.id, FINE, k);
      const before = [await rowsOf(c.id), await rowsOf(other.id)];
      await expectServiceError(sp().recordCheckIn(t.branchCoord, c.id, FINE, k), "bad_input", { fields: "submissionKey" });
      await expectServiceError(sp().recordCheckIn(t.owner, other.id, FINE, k), "bad_input", { fields: "submissionKey" });
      await expectServiceError(sp().recordCheckIn(t.owner, c.id, FINE, "short"), "bad_input");
      // A case's key is not a check-in's: they are apart.
      const caseKey = key();
      await sp().openCase(t.owner, caseInput(t.branch.id), caseKey);
      const fresh = await sp().recordCheckIn(t.owner, other.id, FINE, caseKey);
      expect(fresh.repeated).toBe(false);
      await sp().recordCheckIn(t.owner, other.id, FINE, caseKey);
      expect([await rowsOf(c.id), await rowsOf(other.id)]).toEqual([before[0], { ...before[1]!, checkIns: 1, supports: 3, events: 2, audit: 2 }]);
    });
  });

  describe("status changes", () => {
    it("follows a pupil through risk, dropout, return and completion, keeping every change", async () => {
      const t = await tree();
      const c = await open(t.owner, t.branch.id);
      await sp().recordCheckIn(t.owner, c.id, ABSENT);

      const back = await sp().changeStatus(t.owner, c.id, "RETURNED", null);
      expect(back).toMatchObject({ case: { status: "RETURNED", statusReason: null }, notify: [] });

      await expectServiceError(sp().changeStatus(t.owner, c.id, "DROPPED_OUT", null), "bad_input");
      await expectServiceError(sp().changeStatus(t.owner, c.id, "TRANSFERRED", "  "), "bad_input");
      await expectServiceError(sp().changeStatus(t.owner, c.id, "GONE" as CaseStatus, null), "bad_input");
      await expectServiceError(sp().changeStatus(t.owner, c.id, "RETURNED", null), "status_not_allowed", { from: "RETURNED", to: "RETURNED" });

      const out = await sp().changeStatus(t.owner, c.id, "DROPPED_OUT", "Theo bố mẹ vào Nam");
      expect(out.case).toMatchObject({ status: "DROPPED_OUT", statusReason: "Theo bố mẹ vào Nam", canFollow: false, overdueDays: 0 });
      expect(ids(out.notify)).toEqual([t.branchCoord.telegramId]);
      expect(await sp().statusChoices(t.owner, c.id)).toEqual(["RETURNED"]);
      await expectServiceError(sp().changeStatus(t.owner, c.id, "ACTIVE", null), "status_not_allowed", { from: "DROPPED_OUT", to: "ACTIVE" });

      // Back at school in January: followed again, the next check-in a month from that day.
      const returned = await at(JAN_10, () => sp().changeStatus(t.branchCoord, c.id, "RETURNED", "Đã đi học lại"));
      expect(returned).toMatchObject({ case: { status: "RETURNED", nextCheckInOn: "2027-02-10", canFollow: true }, notify: [] });

      const done = await at(JAN_10, () => sp().changeStatus(t.communeCoord, c.id, "COMPLETED", null));
      expect(done.case).toMatchObject({ status: "COMPLETED", canFollow: false });
      expect(await sp().statusChoices(t.owner, c.id)).toEqual([]);
      for (const to of ["ACTIVE", "RETURNED", "AT_RISK", "DROPPED_OUT"] as const) {
        await expectServiceError(sp().changeStatus(t.communeCoord, c.id, to, "Lý do"), "status_not_allowed", { from: "COMPLETED" });
      }

      const history = await sp().caseHistory(t.owner, c.id);
      expect(history.map((e) => [e.kind, e.fromStatus, e.toStatus, e.reason, e.byName])).toEqual([
        ["OPENED", null, "ACTIVE", null, t.owner.fullName],
        ["CHECK_IN", null, null, null, t.owner.fullName],
        ["STATUS", "ACTIVE", "AT_RISK", null, t.owner.fullName],
        ["STATUS", "AT_RISK", "RETURNED", null, t.owner.fullName],
        ["STATUS", "RETURNED", "DROPPED_OUT", "Theo bố mẹ vào Nam", t.owner.fullName],
        ["STATUS", "DROPPED_OUT", "RETURNED", "Đã đi học lại", t.branchCoord.fullName],
        ["STATUS", "RETURNED", "COMPLETED", null, t.communeCoord.fullName],
      ]);
      expect(history.at(-1)!.at).toBe(JAN_10.toISOString());
      const audit = await auditOf(c.id, "sponsor.case.status");
      expect(audit).toHaveLength(4);
      // The audit says there was a reason, not what it was.
      expect(JSON.stringify(audit.map((a) => a.after))).not.toContain("vào Nam");
    });

    it("marking a case at risk by hand tells the coordinators; masked viewers and outsiders may not change it", async () => {
      const t = await tree();
      const c = await open(t.owner, t.branch.id);
      const r = await sp().changeStatus(t.owner, c.id, "AT_RISK", "Hay nghỉ học");
      expect(ids(r.notify)).toEqual([t.branchCoord.telegramId]);
      await expectServiceError(sp().changeStatus(t.member, c.id, "ACTIVE", null), "forbidden");
      await expectServiceError(sp().changeStatus(t.otherCoord, c.id, "ACTIVE", null), "case_not_found");
      await expectServiceError(sp().statusChoices(t.reporter, c.id), "forbidden");
      expect((await sp().getCase(t.owner, c.id)).status).toBe("AT_RISK");
    });
  });

  describe("check-in interval", () => {
    it("moves the next check-in to one new interval after the start or the last check-in", async () => {
      const t = await tree();
      const c = await open(t.owner, t.branch.id);
      const every3 = await sp().setCheckInInterval(t.owner, c.id, 3);
      expect(every3).toMatchObject({ checkInMonths: 3, nextCheckInOn: "2027-02-01" });
      await sp().recordCheckIn(t.owner, c.id, FINE); // on 29/11
      expect((await sp().setCheckInInterval(t.branchCoord, c.id, 1)).nextCheckInOn).toBe("2026-12-29");
      expect((await sp().setCheckInInterval(t.owner, c.id, 3)).nextCheckInOn).toBe("2027-02-28"); // 29/02/2027 does not exist
      const events = await db().sponsorshipEvent.findMany({ where: { caseId: c.id, kind: "INTERVAL" }, orderBy: { id: "asc" } });
      expect(events.map((e) => e.reason)).toEqual(["3", "1", "3"]);
      expect((await auditOf(c.id, "sponsor.case.interval")).map((a) => [a.before, a.after])).toEqual([
        [{ checkInMonths: 1 }, { checkInMonths: 3 }], [{ checkInMonths: 3 }, { checkInMonths: 1 }], [{ checkInMonths: 1 }, { checkInMonths: 3 }],
      ]);
    });

    it("refuses an interval that is not 1, 2, 3 or 6 months, and masked viewers", async () => {
      const t = await tree();
      const c = await open(t.owner, t.branch.id);
      for (const months of [0, 4, 12, -1, 1.5]) await expectServiceError(sp().setCheckInInterval(t.owner, c.id, months), "bad_input");
      await expectServiceError(sp().setCheckInInterval(t.member, c.id, 3), "forbidden");
      await expectServiceError(sp().setCheckInInterval(t.member2, c.id, 3), "case_not_found");
      expect((await sp().getCase(t.owner, c.id)).checkInMonths).toBe(1);
    });
  });

  describe("deleting a case on request", () => {
    it("clears the child's personal data for good and keeps the figures", async () => {
      const t = await tree();
      const c = await open(t.owner, t.branch.id, {
        circumstances: ["OTHER", "ORPHAN"], circumstanceNote: "Bố mất năm ngoái", support: [{ kind: "MONEY", amount: 500_000 }, { kind: "OTHER", amount: 100_000 }],
        supportNote: "Sách vở",
      });
      await sp().recordCheckIn(t.owner, c.id, { ...FINE, flagNote: "Em Hương hay vắng" });
      await sp().setCheckInInterval(t.owner, c.id, 2);
      await sp().changeStatus(t.owner, c.id, "DROPPED_OUT", "Hương theo mẹ đi làm");
      const statsBefore = await sp().caseStats(t.communeCoord, t.commune.id, 2026);
      const ledgerBefore = await db().sponsorshipSupport.findMany({ where: { caseId: c.id }, orderBy: { id: "asc" } });
      expect(ledgerBefore).toHaveLength(2);

      await expectServiceError(sp().anonymiseCase(t.member, c.id), "forbidden");
      await expectServiceError(sp().anonymiseCase(t.reporter, c.id), "forbidden");
      await expectServiceError(sp().anonymiseCase(t.otherCoord, c.id), "case_not_found");
      await sp().anonymiseCase(t.owner, c.id);

      const row = await db().sponsorshipCase.findUniqueOrThrow({ where: { id: c.id } });
      expect(row).toMatchObject({
        pupilName: null, pupilInitials: null, birthYear: null, schoolName: null, circumstances: [], circumstanceNote: null,
        sponsorName: null, supportNote: null, statusReason: null, anonymisedAt: TODAY,
        unitId: t.branch.id, grade: 7, status: "DROPPED_OUT", monthlyAmount: 500_000n, checkInMonths: 2,
      });
      const checkIns = await db().sponsorshipCheckIn.findMany({ where: { caseId: c.id } });
      expect(checkIns.map((x) => [x.flagNote, x.attending, x.studies])).toEqual([[null, true, 3]]);
      const events = await db().sponsorshipEvent.findMany({ where: { caseId: c.id }, orderBy: { id: "asc" } });
      expect(events.map((e) => e.reason)).toEqual(events.map(() => null));
      expect(events.map((e) => e.kind)).toEqual(["OPENED", "CHECK_IN", "STATUS", "INTERVAL", "STATUS", "ANONYMISED"]);
      const everything = JSON.stringify([row, checkIns, events], (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
      for (const secret of ["Hương", "N.T.H.", "Mãn Đức", "Sao Mai", "Bố mất", "Sách vở"]) expect(everything).not.toContain(secret);
      const audits = await db().auditLog.findMany({ where: { entity: "SponsorshipCase", entityId: String(c.id) } });
      expect(JSON.stringify(audits.map((a) => [a.before, a.after]))).not.toContain("Hương");

      expect(await db().sponsorshipSupport.findMany({ where: { caseId: c.id }, orderBy: { id: "asc" } })).toEqual(ledgerBefore);
      expect(await sp().caseStats(t.communeCoord, t.commune.id, 2026)).toEqual(statsBefore);
      const audit = await auditOf(c.id, "sponsor.case.anonymise");
      expect(audit.map((a) => [a.actorTelegramId, a.before, a.after])).toEqual([
        [BigInt(t.owner.telegramId), { status: "DROPPED_OUT", unitId: t.branch.id }, { anonymised: true }],
      ]);

      // What is left: no name for anyone, no audited view of nothing, out of the owner's list.
      const v = await sp().getCase(t.branchCoord, c.id);
      expect(v).toMatchObject({ anonymised: true, pupilName: null, initials: null, birthYear: null, canFollow: false, canDelete: false });
      expect(await auditOf(c.id, "sponsor.case.view")).toEqual([]);
      expect(await sp().listMyCases(t.owner)).toEqual([]);
      expect((await sp().listUnitCases(t.branchCoord, t.branch.id)).map((s) => [s.label, s.anonymised])).toEqual([["—", true]]);
      await expectServiceError(sp().anonymiseCase(t.owner, c.id), "case_closed");
      await expectServiceError(sp().changeStatus(t.owner, c.id, "RETURNED", null), "case_closed");
      expect(await sp().statusChoices(t.owner, c.id)).toEqual([]);
    });

    it("a coordinator above may delete a case too", async () => {
      const t = await tree();
      const c = await open(t.owner, t.branch.id);
      await sp().anonymiseCase(t.communeCoord, c.id);
      expect((await auditOf(c.id, "sponsor.case.anonymise")).map((a) => a.actorTelegramId)).toEqual([BigInt(t.communeCoord.telegramId)]);
    });
  });

  describe("figures", () => {
    it("counts the subtree's cases by status, the year's new cases and support, the share still in school", async () => {
      const t = await tree();
      // Opened last school year (15/08/2026): counted now, but neither as new nor its supplies this year.
      const old = await open(t.owner, t.branch.id, { startedOn: "2026-08-15", support: [{ kind: "MONEY", amount: 400_000 }, { kind: "SUPPLIES", amount: 200_000 }] });
      await sp().recordCheckIn(t.owner, old.id, FINE); // 400.000 ₫ arrived on 29/11/2026
      await open(t.owner, t.branch.id); // ACTIVE, due 01/12
      const atRisk = await open(t.member2, t.branch2.id, { support: [{ kind: "TUTORING", amount: 0 }], startedOn: "2026-09-01" });
      await sp().recordCheckIn(t.member2, atRisk.id, ABSENT);
      const dropped = await open(t.member, t.branch.id, { support: [{ kind: "MONEY", amount: 300_000 }] });
      await sp().changeStatus(t.member, dropped.id, "DROPPED_OUT", "Nghỉ học đi làm");
      const completed = await open(t.owner, t.branch.id, { support: [{ kind: "BICYCLE", amount: 2_000_000 }] });
      await sp().changeStatus(t.owner, completed.id, "COMPLETED", null);
      const transferred = await open(t.member2, t.branch2.id, { support: [{ kind: "SUPPLIES", amount: 100_000 }] });
      await sp().changeStatus(t.member2, transferred.id, "TRANSFERRED", "Chuyển trường lên huyện");
      await open(t.otherMember, t.otherBranch.id); // another commune: never counted

      const stats = await sp().caseStats(t.communeCoord, t.commune.id, 2026);
      expect(stats).toEqual({
        unitId: t.commune.id, unitName: t.commune.name, schoolYear: 2026, schoolYearLabel: "2026–2027",
        counts: { ACTIVE: 2, AT_RISK: 1, DROPPED_OUT: 1, RETURNED: 0, COMPLETED: 1, TRANSFERRED: 1 }, total: 6, opened: 5,
        supportGiven: 4_300_000, supportByKind: { MONEY: 400_000, SUPPLIES: 400_000, TUTORING: 0, BICYCLE: 3_500_000, OTHER: 0 },
        stillInSchool: 0.8, overdue: 0,
      });
      expect(await sp().caseStats(admin, t.commune.id, 2026)).toEqual(stats);

      // The branch alone; last school year.
      expect(await sp().caseStats(t.branchCoord, t.branch.id, 2026)).toMatchObject({
        counts: { ACTIVE: 2, AT_RISK: 0, DROPPED_OUT: 1, RETURNED: 0, COMPLETED: 1, TRANSFERRED: 0 }, total: 4, opened: 3,
        supportGiven: 400_000 + 300_000 + 1_500_000 + 2_000_000, stillInSchool: 0.75,
      });
      expect(await sp().caseStats(t.communeCoord, t.commune.id, 2025)).toMatchObject({
        counts: { ACTIVE: 1, AT_RISK: 0, DROPPED_OUT: 0, RETURNED: 0, COMPLETED: 0, TRANSFERRED: 0 }, total: 1, opened: 1,
        supportGiven: 200_000, supportByKind: { SUPPLIES: 200_000, MONEY: 0 }, stillInSchool: 1,
      });
      // The other commune's case (opened 01/11/2026) is in its own figures, not in these.
      expect(await sp().caseStats(t.otherCoord, t.otherCommune.id, 2026)).toMatchObject({ total: 1, opened: 1, supportGiven: 1_800_000 });
      expect(await sp().caseStats(t.otherCoord, t.otherCommune.id, 2025)).toMatchObject({ total: 0, opened: 0, supportGiven: 0, stillInSchool: null });

      // On 05/12 the case due 01/12 is overdue.
      expect((await at(DEC_5, () => sp().caseStats(t.communeCoord, t.commune.id, 2026))).overdue).toBe(1);

      // Next school year: money arriving then and a case opened then are not 2026–2027's.
      const sept = new Date("2027-09-10T03:00:00Z");
      await at(sept, async () => {
        await sp().recordCheckIn(t.owner, old.id, FINE);
        await open(t.owner, t.branch.id, { startedOn: "2027-09-05" });
        const then = await sp().caseStats(t.communeCoord, t.commune.id, 2026);
        expect(then).toMatchObject({ total: 6, opened: 5, supportGiven: 4_300_000 });
        expect(await sp().caseStats(t.communeCoord, t.commune.id, 2027)).toMatchObject({
          total: 7, opened: 1, supportByKind: { MONEY: 400_000, SUPPLIES: 300_000, BICYCLE: 1_500_000 },
        });
      });
    });

    it("figures are for coordinators of the unit or above", async () => {
      const t = await tree();
      for (const p of [t.owner, t.member, t.reporter]) await expectServiceError(sp().caseStats(p, t.branch.id, 2026), "forbidden");
      await expectServiceError(sp().caseStats(t.coord2, t.commune.id, 2026), "forbidden");
      await expectServiceError(sp().caseStats(t.otherCoord, t.commune.id, 2026), "forbidden");
      await expectServiceError(sp().caseStats(t.branchCoord, t.commune.id, 2026), "forbidden");
      expect((await sp().caseStats(t.coord2, t.branch2.id, 2026)).total).toBe(0);
      await expectServiceError(sp().caseStats(t.communeCoord, t.commune.id, 26), "bad_input");
      await expectServiceError(sp().caseStats(t.communeCoord, 999_999, 2026), "unit_not_found");
      await expectServiceError(sp().overdueCheckIns(t.member, t.branch.id), "forbidden");
    });
  });

  describe("overdue check-ins and reminders", () => {
    it("lists overdue check-ins for coordinators and reminds owners who are still members and reachable", async () => {
      const t = await tree();
      const a = await open(t.owner, t.branch.id);
      const b = await open(t.member2, t.branch2.id);
      const leaver = await open(t.member, t.branch.id);
      const closed = await open(t.owner, t.branch.id);
      await sp().changeStatus(t.owner, closed.id, "DROPPED_OUT", "Đi làm xa");
      const deleted = await open(t.owner, t.branch.id);
      await sp().anonymiseCase(t.owner, deleted.id);
      const later = await open(t.owner, t.branch.id, { startedOn: "2026-11-20" });
      const blocked = await open(t.reporter, t.branch.id);
      // The member leaves the branch; the reporter blocks the bot.
      const m = await db().membership.findFirstOrThrow({ where: { unitId: t.branch.id, member: { telegramId: BigInt(t.member.telegramId) } } });
      await env.services.members.removeMember(t.branchCoord, m.id);
      await env.services.members.setReachable(t.reporter.telegramId, false);

      const ours = new Set([a, b, leaver, closed, deleted, later, blocked].map((c) => c.id));
      const reminders = async (now: Date) => (await sp().dueCheckInReminders(now)).filter((r) => ours.has(r.caseId));

      expect(await reminders(TODAY)).toEqual([]);
      // Due today (01/12, 08:00 in Vietnam): reminded, not yet overdue.
      expect(await reminders(DEC_1)).toEqual([
        { caseId: a.id, ownerTelegramId: t.owner.telegramId, language: "vi", pupilName: PUPIL, unitName: t.branch.name, dueOn: "2026-12-01", overdueDays: 0 },
        { caseId: b.id, ownerTelegramId: t.member2.telegramId, language: "vi", pupilName: PUPIL, unitName: t.branch2.name, dueOn: "2026-12-01", overdueDays: 0 },
      ]);
      expect(await at(DEC_1, () => sp().overdueCheckIns(t.communeCoord, t.commune.id))).toEqual([]);
      // 00:30 on 01/12 in Vietnam is still 30/11 in UTC: already due.
      expect((await reminders(new Date("2026-11-30T17:30:00Z"))).map((r) => r.caseId)).toEqual([a.id, b.id]);

      const overdue = await at(DEC_5, () => sp().overdueCheckIns(t.communeCoord, t.commune.id));
      expect(overdue.map((o) => o.caseId)).toEqual([a.id, b.id, leaver.id, blocked.id]);
      expect(overdue[0]).toEqual({
        caseId: a.id, initials: "N.T.H.", birthYear: 2014, unitName: t.branch.name, ownerName: t.owner.fullName,
        ownerTelegramId: t.owner.telegramId, dueOn: "2026-12-01", overdueDays: 4,
      });
      expect(JSON.stringify(overdue)).not.toContain("Hương");
      expect((await at(DEC_5, () => sp().overdueCheckIns(t.branchCoord, t.branch.id))).map((o) => o.caseId)).toEqual([a.id, leaver.id, blocked.id]);
      const overdueList = await at(DEC_5, () => sp().listUnitCases(t.communeCoord, t.commune.id, { overdue: true }));
      expect(overdueList.map((s) => [s.id, s.overdueDays])).toEqual([[a.id, 4], [b.id, 4], [leaver.id, 4], [blocked.id, 4]]);
      // Both filters at once: overdue AND at risk.
      await sp().changeStatus(t.member2, b.id, "AT_RISK", "Hay nghỉ học");
      const both = await at(DEC_5, () => sp().listUnitCases(t.communeCoord, t.commune.id, { status: "AT_RISK", overdue: true }));
      expect(both.map((s) => s.id)).toEqual([b.id]);
      expect((await at(DEC_5, () => sp().listUnitCases(t.communeCoord, t.commune.id, { status: "DROPPED_OUT", overdue: true })))).toEqual([]);

      expect((await reminders(DEC_5)).map((r) => [r.caseId, r.overdueDays])).toEqual([[a.id, 4], [b.id, 4]]);
      // A check-in ends the reminders until the next one is due.
      await at(DEC_5, () => sp().recordCheckIn(t.owner, a.id, FINE));
      expect((await reminders(DEC_5)).map((r) => r.caseId)).toEqual([b.id]);
      expect((await reminders(new Date("2026-12-20T03:00:00Z"))).map((r) => r.caseId)).toEqual([b.id, later.id]);
      expect((await reminders(new Date("2027-01-01T03:00:00Z"))).map((r) => r.caseId)).toEqual([b.id, later.id, a.id]);
    });

    it("claims a reminder once, across a restart; records how the send went", async () => {
      const rem = env.services.reminders;
      const key = `checkin:${++treeCount}:2026-12-01:due`;
      expect(await rem.claimReminder(key, 7001)).toBe(true);
      expect(await rem.claimReminder(key, 7001)).toBe(false);
      const restarted = createServices({ db: env.services.deps.db, adminTelegramIds: [1], now: () => env.clock.now });
      expect(await restarted.reminders.claimReminder(key, 7001)).toBe(false);
      expect(await db().reminderClaim.findUniqueOrThrow({ where: { key } })).toMatchObject({ telegramId: 7001n, claimedAt: TODAY, sentAt: null, error: null });

      await at(DEC_1, () => restarted.reminders.settleReminder(key, null));
      expect(await db().reminderClaim.findUniqueOrThrow({ where: { key } })).toMatchObject({ sentAt: DEC_1, error: null });

      const failed = `checkin:${treeCount}:2026-12-01:overdue`;
      expect(await rem.claimReminder(failed, 7001)).toBe(true);
      await rem.settleReminder(failed, `Forbidden: bot was blocked by the user ${"!".repeat(600)}`);
      const row = await db().reminderClaim.findUniqueOrThrow({ where: { key: failed } });
      expect(row.sentAt).toBeNull();
      expect(row.error).toHaveLength(500);

      // Two instances racing for the same key: one sends.
      const raced = `checkin:${treeCount}:2027-01-01:due`;
      const results = await Promise.all([rem.claimReminder(raced, 7001), restarted.reminders.claimReminder(raced, 7001), rem.claimReminder(raced, 7001)]);
      expect(results.filter(Boolean)).toHaveLength(1);

      await expectServiceError(rem.claimReminder("x", 7001), "bad_input");
      await expectServiceError(rem.claimReminder(`${key}:y`, 0), "bad_input");
    });
  });

  describe("sponsor kinds", () => {
    // Hiding every kind but one would disturb the other tests: a database of its own.
    let kindsEnv: TestEnv;
    beforeAll(async () => {
      kindsEnv = await freshServices(kind);
    });
    afterAll(async () => {
      await kindsEnv.db.close();
    });

    it("lists the six seeded kinds in order, edited by administrators only", async () => {
      const s = kindsEnv.services.sponsorships;
      const root = await kindsEnv.services.access.loadPerson(1);
      const list = await s.listSponsorKinds();
      expect(list.map((k) => [k.code, k.nameVi, k.active])).toEqual([
        ["PERSON", "Cá nhân", true], ["FAMILY", "Gia đình", true], ["BRANCH", "Chi hội khuyến học", true],
        ["SCHOOL", "Nhà trường", true], ["BUSINESS", "Doanh nghiệp", true], ["ORGANISATION", "Cơ quan, tổ chức", true],
      ]);

      const unit = await kindsEnv.services.units.createUnit(root, { parentId: null, name: "Tỉnh Hòa Bình", kind: "PROVINCE" });
      const invite = await kindsEnv.services.invites.createInvite(root, { unitId: unit.id, role: "COORDINATOR", maxUses: 1, expiresAt: null });
      await kindsEnv.services.invites.acceptInvite(invite.code, { telegramId: 500, fullName: "Điều Phối Viên", phone: null, language: "vi" });
      const coordinator = await kindsEnv.services.access.loadPerson(500);
      await expectServiceError(s.addSponsorKind(coordinator, { nameVi: "Hội cựu giáo chức", nameEn: "Retired teachers" }), "forbidden");
      await expectServiceError(s.setSponsorKindActive(coordinator, list[0]!.id, false), "forbidden");
      await expectServiceError(s.renameSponsorKind(coordinator, list[0]!.id, { nameVi: "Cá nhân hảo tâm", nameEn: "A donor" }), "forbidden");

      const added = await s.addSponsorKind(root, { nameVi: " Hội cựu  giáo chức ", nameEn: "Retired teachers" });
      expect(added).toMatchObject({ nameVi: "Hội cựu giáo chức", nameEn: "Retired teachers", active: true });
      expect((await s.listSponsorKinds()).at(-1)).toEqual(added);
      await expectServiceError(s.addSponsorKind(root, { nameVi: "hoi cuu giao chuc", nameEn: "Again" }), "sponsor_kind_exists");
      await expectServiceError(s.addSponsorKind(root, { nameVi: "CÁ NHÂN", nameEn: "Person" }), "sponsor_kind_exists");
      await expectServiceError(s.addSponsorKind(root, { nameVi: "H", nameEn: "Retired teachers" }), "bad_input");
      const second = await s.addSponsorKind(root, { nameVi: "Hội phụ nữ", nameEn: "Women's union" });
      expect(second.code).not.toBe(added.code);

      const renamed = await s.renameSponsorKind(root, added.id, { nameVi: "Hội cựu giáo chức xã", nameEn: "Retired teachers of the commune" });
      expect(renamed).toMatchObject({ id: added.id, code: added.code, nameVi: "Hội cựu giáo chức xã" });
      // Its own name in other letters is fine; another kind's is not.
      expect((await s.renameSponsorKind(root, added.id, { nameVi: "hội cựu giáo chức xã", nameEn: "Retired teachers" })).nameVi).toBe("hội cựu giáo chức xã");
      await expectServiceError(s.renameSponsorKind(root, added.id, { nameVi: "Gia Dinh", nameEn: "Family" }), "sponsor_kind_exists");
      await expectServiceError(s.renameSponsorKind(root, 999_999, { nameVi: "Không có", nameEn: "None" }), "not_found");

      const hidden = await s.setSponsorKindActive(root, list[1]!.id, false);
      expect(hidden.active).toBe(false);
      expect((await s.listSponsorKinds()).map((k) => k.code)).not.toContain("FAMILY");
      expect((await s.listSponsorKinds(true)).find((k) => k.code === "FAMILY")).toMatchObject({ active: false });
      expect(await s.listSponsorKinds(true)).toHaveLength(8);
      await s.setSponsorKindActive(root, list[1]!.id, true);
      expect((await s.listSponsorKinds()).map((k) => k.code)).toContain("FAMILY");

      const audit = await kindsEnv.services.deps.db.auditLog.findMany({ where: { entity: "SponsorKind" }, orderBy: { id: "asc" } });
      expect(audit.map((a) => a.action)).toEqual([
        "sponsor.kind.add", "sponsor.kind.add", "sponsor.kind.rename", "sponsor.kind.rename", "sponsor.kind.active", "sponsor.kind.active",
      ]);
    });

    it("the last kind offered cannot be hidden", async () => {
      const s = kindsEnv.services.sponsorships;
      const root = await kindsEnv.services.access.loadPerson(1);
      const active = await s.listSponsorKinds();
      for (const k of active.slice(1)) await s.setSponsorKindActive(root, k.id, false);
      expect(await s.listSponsorKinds()).toEqual([active[0]]);
      await expectServiceError(s.setSponsorKindActive(root, active[0]!.id, false), "sponsor_kind_last");
      // Hiding a hidden kind again is not "hiding the last one".
      expect((await s.setSponsorKindActive(root, active[1]!.id, false)).active).toBe(false);
      await s.setSponsorKindActive(root, active[1]!.id, true);
      expect((await s.setSponsorKindActive(root, active[0]!.id, false)).active).toBe(false);
      expect((await s.listSponsorKinds()).map((k) => k.id)).toEqual([active[1]!.id]);
    });
  });
});
