import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/domain/permissions.ts";
import type { OpeningFigures } from "../../src/domain/piggy-bank.ts";
import type { Person } from "../../src/services/access.ts";
import type { UnitView } from "../../src/services/units.ts";
import { atTime, freshServices, TEST_DATABASES, type TestEnv } from "../helpers/db.ts";
import { expectServiceError } from "../helpers/errors.ts";

// The default clock: 10:00 on 29/11/2026 in Vietnam (school year 2026–2027).
const TODAY = new Date("2026-11-29T03:00:00Z");
// Drives are started on 10/09/2026 unless a test says otherwise.
const SEPT_10 = new Date("2026-09-10T02:00:00Z");

/** A clean opening: 40 banks, 12.500.000 ₫ collected, 12.000.000 ₫ used. */
function figures(change: Partial<OpeningFigures> = {}): OpeningFigures {
  return {
    openedOn: "2026-11-20",
    banksOpened: 40,
    amountCollected: 12_500_000,
    scholarshipCount: 5,
    scholarshipAmount: 5_000_000,
    suppliesAmount: 3_000_000,
    fundAmount: 3_500_000,
    otherAmount: 500_000,
    otherNote: "Quà Trung thu",
    photoFileId: null,
    ...change,
  };
}

describe.each(TEST_DATABASES)("piggy-banks service on %s", (kind) => {
  let env: TestEnv;
  let admin: Person;
  let province: UnitView;
  let nextTelegramId = 6000;
  let communeCount = 0;

  beforeAll(async () => {
    env = await freshServices(kind);
    admin = await env.services.access.loadPerson(1);
    province = await env.services.units.createUnit(admin, { parentId: null, name: "Tỉnh Phú Thọ", kind: "PROVINCE" });
  });
  afterAll(async () => {
    await env.db.close();
  });

  const db = () => env.services.deps.db;
  const pb = () => env.services.piggyBanks;

  async function personWith(role: Role, unitId: number, language: string | null = "vi"): Promise<Person> {
    const telegramId = nextTelegramId++;
    const member = await db().member.create({ data: { telegramId: BigInt(telegramId), fullName: `Người ${telegramId}`, language } });
    await db().membership.create({ data: { memberId: member.id, unitId, role } });
    return env.services.access.loadPerson(telegramId);
  }

  const at = <T>(when: Date, fn: () => Promise<T>) => atTime(env, when, fn);

  /**
   * A fresh commune for each test:
   *   commune ─┬─ branch (reporter, member)
   *            ├─ branch2 (reporter2)
   *            └─ school (a school committee)
   * with a coordinator of the commune.
   */
  async function commune() {
    const label = `${++communeCount}`;
    const { createUnit } = env.services.units;
    const c = await createUnit(admin, { parentId: province.id, name: `Xã Mãn Đức ${label}`, kind: "COMMUNE" });
    const branch = await createUnit(admin, { parentId: c.id, name: `Chi hội thôn Bưng ${label}`, kind: "BRANCH" });
    const branch2 = await createUnit(admin, { parentId: c.id, name: `Chi hội thôn Chiềng ${label}`, kind: "BRANCH" });
    const school = await createUnit(admin, { parentId: c.id, name: `Ban khuyến học Trường TH ${label}`, kind: "SCHOOL_COMMITTEE" });
    return {
      commune: c, branch, branch2, school,
      coordinator: await personWith("COORDINATOR", c.id),
      reporter: await personWith("REPORTER", branch.id),
      member: await personWith("MEMBER", branch.id),
      reporter2: await personWith("REPORTER", branch2.id),
    };
  }

  function startDrive(person: Person, unitId: number, change: Partial<{ schoolYear: number; banksHandedOut: number; note: string | null }> = {}, when = SEPT_10) {
    return at(when, () => pb().startDrive(person, {
      unitId, schoolYear: 2026, recipientKind: "HOUSEHOLD", banksHandedOut: 100, note: "Phát lợn ngày khai giảng", ...change,
    }));
  }

  const openingCount = () => db().piggyBankOpening.count();

  describe("drives", () => {
    it("starts a drive: a JSON-safe view, the day it started and an audit row", async () => {
      const t = await commune();
      const drive = await startDrive(t.reporter, t.branch.id);
      expect(drive).toEqual({
        id: drive.id, unitId: t.branch.id, unitName: t.branch.name, schoolYear: 2026, schoolYearLabel: "2026–2027",
        recipientKind: "HOUSEHOLD", banksHandedOut: 100, note: "Phát lợn ngày khai giảng",
        createdAt: SEPT_10.toISOString(), startedOn: "2026-09-10",
        openings: { count: 0, banksOpened: 0, amountCollected: 0 },
      });
      expect(JSON.parse(JSON.stringify(drive))).toEqual(drive);
      const audit = await db().auditLog.findMany({ where: { entity: "PiggyBankDrive", entityId: String(drive.id) } });
      expect(audit.map((a) => [a.action, a.actorTelegramId])).toEqual([["piggy.drive.start", BigInt(t.reporter.telegramId)]]);
    });

    it("the start day is Vietnam's: 20:00 UTC on 9 September is already the 10th", async () => {
      const t = await commune();
      const drive = await startDrive(t.reporter, t.branch.id, {}, new Date("2026-09-09T20:00:00Z"));
      expect(drive.startedOn).toBe("2026-09-10");
    });

    it("refuses a second drive for the same unit and year, but not for another year or another unit", async () => {
      const t = await commune();
      await startDrive(t.reporter, t.branch.id);
      await expectServiceError(startDrive(t.coordinator, t.branch.id), "drive_exists", { unit: t.branch.name, year: "2026–2027" });
      expect(await db().piggyBankDrive.count({ where: { unitId: t.branch.id } })).toBe(1);
      expect((await startDrive(t.reporter, t.branch.id, { schoolYear: 2025 })).schoolYearLabel).toBe("2025–2026");
      expect((await startDrive(t.reporter2, t.branch2.id)).unitId).toBe(t.branch2.id);
    });

    it("allows more drives once a coordinator says so, up to the number allowed, audited", async () => {
      const t = await commune();
      await startDrive(t.reporter, t.branch.id);
      await expectServiceError(pb().allowExtraDrive(t.reporter, t.branch.id, 2026, 2), "forbidden");
      await pb().allowExtraDrive(t.coordinator, t.branch.id, 2026, 2);
      await startDrive(t.reporter, t.branch.id, { banksHandedOut: 30, note: "Đợt hai" });
      await expectServiceError(startDrive(t.reporter, t.branch.id), "drive_exists");
      expect(await db().piggyBankDrive.count({ where: { unitId: t.branch.id, schoolYear: 2026 } })).toBe(2);
      const allowance = await db().piggyBankYearAllowance.findUniqueOrThrow({ where: { unitId_schoolYear: { unitId: t.branch.id, schoolYear: 2026 } } });
      expect(allowance).toMatchObject({ maxDrives: 2, grantedByTelegramId: BigInt(t.coordinator.telegramId) });
      const audit = await db().auditLog.findMany({ where: { entity: "PiggyBankYearAllowance", entityId: String(allowance.id) } });
      expect(audit.map((a) => [a.action, a.before, a.after])).toEqual([
        ["piggy.allowance.set", null, { unitId: t.branch.id, schoolYear: 2026, maxDrives: 2 }],
      ]);
      for (const bad of [0, -1, 1.5, 21]) await expectServiceError(pb().allowExtraDrive(t.coordinator, t.branch.id, 2026, bad), "bad_input");
    });

    it("says how many drives a unit has in a year and may have, and whether the person may allow more", async () => {
      const t = await commune();
      const allowance = (p: Person, unitId = t.branch.id, year = 2026) => pb().driveAllowance(p, unitId, year);
      expect(await allowance(t.reporter)).toEqual({
        unitId: t.branch.id, unitName: t.branch.name, schoolYear: 2026, schoolYearLabel: "2026–2027", drives: 0, maxDrives: 1, canAllow: false,
      });
      await startDrive(t.reporter, t.branch.id);
      expect(await allowance(t.coordinator)).toMatchObject({ drives: 1, maxDrives: 1, canAllow: true });
      expect(await allowance(admin)).toMatchObject({ canAllow: true });
      expect(await allowance(t.member)).toMatchObject({ drives: 1, canAllow: false }); // members may look
      await pb().allowExtraDrive(t.coordinator, t.branch.id, 2026, 2);
      expect(await allowance(t.reporter)).toMatchObject({ drives: 1, maxDrives: 2 });
      expect(await allowance(t.reporter, t.branch.id, 2025)).toMatchObject({ drives: 0, maxDrives: 1 }); // per year
      const other = await commune();
      await expectServiceError(allowance(other.coordinator), "forbidden");
      await expectServiceError(allowance(t.reporter2), "forbidden");
      await expectServiceError(allowance(t.coordinator, 999_999), "unit_not_found");
      await expectServiceError(allowance(t.coordinator, t.branch.id, 26), "bad_input");
      await env.services.units.mergeUnit(admin, t.branch2.id, t.branch.id);
      expect(await allowance(t.coordinator, t.branch2.id)).toMatchObject({ canAllow: false }); // merged away
    });

    it("asks the unit's coordinators (else the nearest above, else the administrators) to review, never the person", async () => {
      const t = await commune();
      const ids = (recipients: { telegramId: number }[]) => recipients.map((r) => r.telegramId).sort((a, b) => a - b);
      const second = await personWith("COORDINATOR", t.commune.id, "en");
      expect(await pb().reviewersOf(t.reporter, t.branch.id)).toEqual(
        [{ telegramId: t.coordinator.telegramId, language: "vi" }, { telegramId: second.telegramId, language: "en" }],
      );
      // A coordinator reporting for the branch: the other one is asked.
      expect(await pb().reviewersOf(t.coordinator, t.branch.id)).toEqual([{ telegramId: second.telegramId, language: "en" }]);
      // The branch's own coordinator comes first; the one above is not asked then.
      const own = await personWith("COORDINATOR", t.branch.id, null);
      expect(ids(await pb().reviewersOf(t.reporter, t.branch.id))).toEqual([own.telegramId]);
      // Nobody on the way up but the person: the administrators.
      const lonely = await env.services.units.createUnit(admin, { parentId: province.id, name: `Xã Không Ai ${communeCount}`, kind: "COMMUNE" });
      const onlyOne = await personWith("COORDINATOR", lonely.id);
      expect(await pb().reviewersOf(onlyOne, lonely.id)).toEqual([{ telegramId: 1, language: null }]);
      for (const p of [t.member, t.reporter2]) await expectServiceError(pb().reviewersOf(p, t.branch.id), "forbidden");
    });

    it("two reporters starting the same drive at once get one drive", async () => {
      const t = await commune();
      const start = (person: Person) =>
        pb().startDrive(person, { unitId: t.branch.id, schoolYear: 2026, recipientKind: "PUPIL", banksHandedOut: 10, note: null });
      const results = await at(SEPT_10, () => Promise.allSettled([start(t.reporter), start(t.coordinator)]));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected");
      expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: "drive_exists" });
      expect(await db().piggyBankDrive.count({ where: { unitId: t.branch.id } })).toBe(1);
    });

    it("lets the branch's reporter and the commune's coordinator report for the branch, nobody else", async () => {
      const t = await commune();
      const other = await commune();
      const nobody = await env.services.access.loadPerson(nextTelegramId++);
      for (const person of [t.member, t.reporter2, other.coordinator, other.reporter, nobody]) {
        await expectServiceError(startDrive(person, t.branch.id), "forbidden");
      }
      // A reporter of a branch may not report for the commune above it either.
      await expectServiceError(startDrive(t.reporter, t.commune.id), "forbidden");
      expect(await db().piggyBankDrive.count({ where: { unitId: { in: [t.branch.id, t.commune.id] } } })).toBe(0);
      expect((await startDrive(t.coordinator, t.branch.id)).unitId).toBe(t.branch.id);
      expect((await startDrive(t.reporter2, t.branch2.id)).unitId).toBe(t.branch2.id);
    });

    it.each<[string, Record<string, unknown>]>([
      ["negative banks", { banksHandedOut: -5 }],
      ["fractional banks", { banksHandedOut: 2.5 }],
      ["banks as text", { banksHandedOut: "100" }],
      ["an unknown recipient kind", { recipientKind: "VILLAGE" }],
      ["a school year out of range", { schoolYear: 26 }],
      ["a forged unit id", { unitId: 2 ** 40 }],
      ["a note of 600 characters", { note: "x".repeat(600) }],
    ])("refuses %s as bad input", async (_label, change) => {
      const t = await commune();
      const input = { unitId: t.branch.id, schoolYear: 2026, recipientKind: "PUPIL", banksHandedOut: 10, note: null, ...change };
      await expectServiceError(pb().startDrive(t.reporter, input as never), "bad_input");
    });

    it("refuses a drive for a unit that does not exist or was merged away", async () => {
      const t = await commune();
      await expectServiceError(startDrive(admin, 999_999), "unit_not_found");
      await env.services.units.mergeUnit(admin, t.branch2.id, t.branch.id);
      await expectServiceError(startDrive(t.coordinator, t.branch2.id), "unit_retired");
    });

    it("lists a unit's drives newest first with their openings summed; members may look, other units may not", async () => {
      const t = await commune();
      const older = await startDrive(t.reporter, t.branch.id, { schoolYear: 2025, banksHandedOut: 50 }, new Date("2025-09-15T02:00:00Z"));
      const newer = await startDrive(t.reporter, t.branch.id);
      await pb().recordOpening(t.reporter, newer.id, figures());
      await pb().recordOpening(t.reporter, newer.id, figures({ openedOn: "2026-11-25", banksOpened: 10, amountCollected: 3_000_000, scholarshipCount: 0, scholarshipAmount: 0, suppliesAmount: 0, fundAmount: 3_000_000, otherAmount: 0, otherNote: null }));
      const list = await pb().listDrives(t.member, t.branch.id, null);
      expect(list.map((d) => d.id)).toEqual([newer.id, older.id]);
      expect(list[0]!.openings).toEqual({ count: 2, banksOpened: 50, amountCollected: 15_500_000 });
      expect(list[1]!.openings).toEqual({ count: 0, banksOpened: 0, amountCollected: 0 });
      expect((await pb().listDrives(t.member, t.branch.id, 2025)).map((d) => d.id)).toEqual([older.id]);
      expect(await pb().listDrives(t.coordinator, t.branch.id, 2027)).toEqual([]);
      await expectServiceError(pb().listDrives(t.reporter2, t.branch.id, null), "forbidden");
      await expectServiceError(pb().listDrives(t.member, t.branch.id, 2026.5), "bad_input");
    });

    it("lists the units a person may report for: their own, and for coordinators the units under them", async () => {
      const t = await commune();
      const names = async (p: Person) => (await pb().reportableUnits(p)).map((u) => u.name);
      expect(await names(t.reporter)).toEqual([t.branch.name]);
      expect(await names(t.member)).toEqual([]);
      expect(await names(t.coordinator)).toEqual([t.commune.name, t.branch.name, t.branch2.name, t.school.name]);
      expect((await pb().reportableUnits(t.reporter))[0]).toEqual({ id: t.branch.id, name: t.branch.name, kind: "BRANCH", parentName: t.commune.name });
      await env.services.units.mergeUnit(admin, t.branch2.id, t.branch.id);
      expect(await names(t.coordinator)).toEqual([t.commune.name, t.branch.name, t.school.name]);
    });

    it("lists at most 50 reportable units", async () => {
      const t = await commune();
      await db().unit.createMany({
        data: Array.from({ length: 55 }, (_, i) => ({ kind: "BRANCH" as const, name: `Chi hội số ${i}`, searchName: `chi hoi so ${i}`, parentId: t.commune.id, path: "pending" })),
      });
      await db().$executeRaw`UPDATE "Unit" SET "path" = ${t.commune.path} || "id"::text || '/' WHERE "path" = 'pending'`;
      expect(await pb().reportableUnits(t.coordinator)).toHaveLength(50);
    });
  });

  describe("openings", () => {
    async function withDrive() {
      const t = await commune();
      const drive = await startDrive(t.reporter, t.branch.id);
      return { ...t, drive };
    }

    it("records an opening: figures back as numbers, money as BigInt in the database, an audit row", async () => {
      const t = await withDrive();
      const { opening, warnings } = await pb().recordOpening(t.reporter, t.drive.id, figures({ photoFileId: "AgACAgIAAxkBAAIB" }));
      expect(warnings).toEqual([]);
      expect(opening).toEqual({
        id: opening.id, driveId: t.drive.id, unitId: t.branch.id, unitName: t.branch.name, schoolYearLabel: "2026–2027",
        ...figures({ photoFileId: "AgACAgIAAxkBAAIB" }),
        status: "SUBMITTED", reviewComment: null, updatedAt: opening.updatedAt,
        createdByTelegramId: t.reporter.telegramId, canCorrect: true, canReview: false,
      });
      expect(JSON.parse(JSON.stringify(opening))).toEqual(opening);
      const row = await db().piggyBankOpening.findUniqueOrThrow({ where: { id: opening.id } });
      expect(row.amountCollected).toBe(12_500_000n);
      expect(row.openedOn.toISOString()).toBe("2026-11-20T00:00:00.000Z");
      const audit = await db().auditLog.findMany({ where: { entity: "PiggyBankOpening", entityId: String(opening.id) } });
      expect(audit.map((a) => [a.action, a.actorTelegramId])).toEqual([["piggy.opening.record", BigInt(t.reporter.telegramId)]]);
      expect(audit[0]!.after).toMatchObject({ driveId: t.drive.id, amountCollected: 12_500_000, openedOn: "2026-11-20" });
    });

    it("the branch's reporter and the commune's coordinator may record; a member, another unit's reporter and another commune's coordinator may not", async () => {
      const t = await withDrive();
      const other = await commune();
      const before = await openingCount();
      for (const person of [t.member, t.reporter2, other.coordinator, other.reporter]) {
        await expectServiceError(pb().recordOpening(person, t.drive.id, figures()), "forbidden");
      }
      expect(await openingCount()).toBe(before);
      expect((await pb().recordOpening(t.coordinator, t.drive.id, figures())).opening.createdByTelegramId).toBe(t.coordinator.telegramId);
      expect((await pb().recordOpening(t.reporter, t.drive.id, figures())).opening.createdByTelegramId).toBe(t.reporter.telegramId);
    });

    it("refuses uses larger than the collection and says by how much", async () => {
      const t = await withDrive();
      const before = await openingCount();
      await expectServiceError(pb().recordOpening(t.reporter, t.drive.id, figures({ suppliesAmount: 3_750_000 })), "uses_exceed_collected", { excess: 250_000 });
      expect(await openingCount()).toBe(before);
    });

    it.each<[string, Record<string, unknown>]>([
      ["a negative amount", { amountCollected: -12_500_000 }],
      ["a negative count", { banksOpened: -1 }],
      ["a fractional amount (1,5 đồng)", { fundAmount: 1.5 }],
      ["a non-numeric amount", { amountCollected: "mười triệu" }],
      ["NaN", { amountCollected: Number.NaN }],
      ["an amount beyond any fund", { amountCollected: 10 ** 16 }],
      ["a date as people type it", { openedOn: "20/11/2026" }],
      ["a day that does not exist", { openedOn: "2026-11-31" }],
      ["a photo where a number was expected", { banksOpened: { file_id: "AgACAgIAAxkBAAIB" } }],
      ["scholarship money without scholarships", { scholarshipCount: 0 }],
      ["other uses without a note", { otherNote: " " }],
    ])("refuses %s as bad input and saves nothing", async (_label, change) => {
      const t = await withDrive();
      const before = await openingCount();
      await expectServiceError(pb().recordOpening(t.reporter, t.drive.id, figures(change as Partial<OpeningFigures>)), "bad_input");
      expect(await openingCount()).toBe(before);
    });

    it("says which field a refusal is about", async () => {
      const t = await withDrive();
      await expectServiceError(pb().recordOpening(t.reporter, t.drive.id, figures({ amountCollected: -1 })), "bad_input", { fields: "amountCollected" });
      await expectServiceError(pb().recordOpening(t.reporter, t.drive.id, figures({ scholarshipCount: 0 })), "bad_input", {
        fields: "scholarshipCount", reason: "scholarships_without_count",
      });
      await expectServiceError(pb().recordOpening(t.reporter, t.drive.id, figures({ otherNote: null })), "bad_input", {
        fields: "otherNote", reason: "other_without_note",
      });
    });

    it("refuses a day in the future (Vietnam's today) or before the drive started", async () => {
      const t = await withDrive();
      await expectServiceError(pb().recordOpening(t.reporter, t.drive.id, figures({ openedOn: "2026-11-30" })), "date_in_future");
      // 18:00 UTC on 29/11 is already 30/11 in Vietnam.
      const late = await at(new Date("2026-11-29T18:00:00Z"), () => pb().recordOpening(t.reporter, t.drive.id, figures({ openedOn: "2026-11-30" })));
      expect(late.opening.openedOn).toBe("2026-11-30");
      await expectServiceError(pb().recordOpening(t.reporter, t.drive.id, figures({ openedOn: "2026-09-09" })), "date_before_drive", { startedOn: "2026-09-10" });
      expect((await pb().recordOpening(t.reporter, t.drive.id, figures({ openedOn: "2026-09-10" }))).opening.openedOn).toBe("2026-09-10");
    });

    it("only warns when more banks are opened than handed out, counting the drive's earlier openings", async () => {
      const t = await withDrive();
      expect((await pb().recordOpening(t.reporter, t.drive.id, figures({ banksOpened: 70 }))).warnings).toEqual([]);
      const second = await pb().recordOpening(t.reporter, t.drive.id, figures({ banksOpened: 40 }));
      expect(second.warnings).toEqual(["opened_more_than_handed_out"]);
      expect(second.opening.banksOpened).toBe(40);
    });

    it("only warns about an unusually large collection", async () => {
      const t = await withDrive();
      const big = await pb().recordOpening(t.reporter, t.drive.id, figures({ amountCollected: 1_200_000_000, fundAmount: 1_191_500_000 }));
      expect(big.warnings).toEqual(["unusual_amount"]);
      expect(big.opening.amountCollected).toBe(1_200_000_000);
    });

    it("money above 2^31 (and 2^32) round-trips exactly, in views, the database and totals", async () => {
      const t = await withDrive();
      const amount = 987_654_321_987;
      const { opening } = await pb().recordOpening(t.reporter, t.drive.id, figures({
        amountCollected: amount, scholarshipAmount: 2_147_483_649, suppliesAmount: 4_294_967_297, fundAmount: 981_211_871_041, otherAmount: 0, otherNote: null,
      }));
      expect(opening.amountCollected).toBe(amount);
      expect((await pb().getOpening(t.member, opening.id)).fundAmount).toBe(981_211_871_041);
      expect((await db().piggyBankOpening.findUniqueOrThrow({ where: { id: opening.id } })).amountCollected).toBe(987_654_321_987n);
      await pb().recordOpening(t.reporter, t.drive.id, figures({ amountCollected: amount, scholarshipAmount: 0, scholarshipCount: 0, suppliesAmount: 0, fundAmount: amount, otherAmount: 0, otherNote: null }));
      const totals = await pb().yearTotals(t.coordinator, t.commune.id, 2026);
      expect(totals.amountCollected).toBe(2 * amount);
      expect(totals.fundAmount).toBe(981_211_871_041 + amount);
      expect(totals.suppliesAmount).toBe(4_294_967_297);
      expect((await pb().listDrives(t.member, t.branch.id, 2026))[0]!.openings.amountCollected).toBe(2 * amount);
    });

    it("lists a drive's openings by date and shows one; members of the unit may look, others may not", async () => {
      const t = await withDrive();
      const late = await pb().recordOpening(t.reporter, t.drive.id, figures({ openedOn: "2026-11-25" }));
      const early = await pb().recordOpening(t.reporter, t.drive.id, figures({ openedOn: "2026-10-02" }));
      expect((await pb().listOpenings(t.member, t.drive.id)).map((o) => o.id)).toEqual([early.opening.id, late.opening.id]);
      const seen = await pb().getOpening(t.member, late.opening.id);
      expect(seen).toMatchObject({ id: late.opening.id, canCorrect: false, canReview: false });
      expect((await pb().getOpening(t.coordinator, late.opening.id))).toMatchObject({ canCorrect: true, canReview: true });
      await expectServiceError(pb().getOpening(t.reporter2, late.opening.id), "forbidden");
      await expectServiceError(pb().listOpenings(t.reporter2, t.drive.id), "forbidden");
      await expectServiceError(pb().getOpening(t.member, 999_999), "opening_not_found");
      await expectServiceError(pb().listOpenings(t.member, 999_999), "drive_not_found");
      await expectServiceError(pb().recordOpening(t.reporter, 999_999, figures()), "drive_not_found");
      await expectServiceError(pb().getOpening(t.member, -1), "bad_input");
    });

    // The bot's form makes a key before "Send": the same "Send" handled again (delivered again after a crash,
    // pressed again after the chat's state was not saved) must not record the opening twice.
    it("the same submission key again: one row, one audit entry, the same opening back (repeated), whatever the figures", async () => {
      const t = await withDrive();
      const key = "7d3f0c1e-5b7a-4f3e-9a51-0c2b8f6e1a01";
      const first = await pb().recordOpening(t.reporter, t.drive.id, figures({ banksOpened: 70 }), key);
      expect(first).toMatchObject({ warnings: [], repeated: false });
      const again = await pb().recordOpening(t.reporter, t.drive.id, figures({ banksOpened: 70 }), key);
      expect(again).toEqual({ opening: first.opening, warnings: [], repeated: true });
      // The key decides (a replay always carries the same figures); a day later the check would not even run.
      const later = await at(new Date("2026-12-05T03:00:00Z"), () => pb().recordOpening(t.reporter, t.drive.id, figures({ banksOpened: 3 }), key));
      expect(later.opening).toEqual(first.opening);
      expect(await db().piggyBankOpening.count({ where: { driveId: t.drive.id } })).toBe(1);
      const audit = await db().auditLog.findMany({ where: { entity: "PiggyBankOpening", entityId: String(first.opening.id) } });
      expect(audit.map((a) => a.action)).toEqual(["piggy.opening.record"]);
      expect((await db().piggyBankOpening.findUniqueOrThrow({ where: { id: first.opening.id } })).submissionKey).toBe(key);
      // Its warnings are given again as they stand: another opening since makes 70 + 40 > 100 banks.
      await pb().recordOpening(t.reporter, t.drive.id, figures({ banksOpened: 40 }));
      expect((await pb().recordOpening(t.reporter, t.drive.id, figures({ banksOpened: 70 }), key)).warnings).toEqual(["opened_more_than_handed_out"]);
      // Another key, or none: a new opening each time.
      await pb().recordOpening(t.reporter, t.drive.id, figures({ banksOpened: 1 }), "7d3f0c1e-5b7a-4f3e-9a51-0c2b8f6e1a02");
      await pb().recordOpening(t.reporter, t.drive.id, figures({ banksOpened: 1 }));
      await pb().recordOpening(t.reporter, t.drive.id, figures({ banksOpened: 1 }));
      expect(await db().piggyBankOpening.count({ where: { driveId: t.drive.id } })).toBe(5);
    });

    it("the same submission at once (two instances, a redelivered update): one row, both get it", async () => {
      const t = await withDrive();
      const key = "0b9e4c2a-33f1-4d6b-8e0f-5a7c1d2e3f40";
      const all = await Promise.all(Array.from({ length: 4 }, () => pb().recordOpening(t.reporter, t.drive.id, figures(), key)));
      expect(new Set(all.map((r) => r.opening.id)).size).toBe(1);
      expect(all.filter((r) => !r.repeated)).toHaveLength(1);
      expect(await db().piggyBankOpening.count({ where: { driveId: t.drive.id } })).toBe(1);
      expect(await db().auditLog.count({ where: { entity: "PiggyBankOpening", entityId: String(all[0]!.opening.id) } })).toBe(1);
    });

    it("a key already used by another person or for another drive is refused, nothing written", async () => {
      const t = await withDrive();
      const key = "c4f1e2d3-a5b6-4c7d-8e9f-0a1b2c3d4e5f";
      await pb().recordOpening(t.reporter, t.drive.id, figures(), key);
      const before = await openingCount();
      await expectServiceError(pb().recordOpening(t.coordinator, t.drive.id, figures(), key), "bad_input", { fields: "submissionKey" });
      const other = await startDrive(t.reporter2, t.branch2.id);
      await expectServiceError(pb().recordOpening(t.reporter, other.id, figures(), key), "bad_input", { fields: "submissionKey" });
      await expectServiceError(pb().recordOpening(t.reporter, t.drive.id, figures(), "short"), "bad_input");
      expect(await openingCount()).toBe(before);
    });
  });

  describe("corrections and reviews", () => {
    async function withOpening() {
      const t = await commune();
      const drive = await startDrive(t.reporter, t.branch.id);
      const { opening } = await pb().recordOpening(t.reporter, drive.id, figures());
      return { ...t, drive, opening };
    }

    it("corrects an opening: new figures, back to SUBMITTED, before and after in the audit log", async () => {
      const t = await withOpening();
      const sent = await pb().reviewOpening(t.coordinator, t.opening.id, "NEEDS_CORRECTION", "Thiếu tiền quỹ", t.opening.updatedAt);
      expect(sent.opening).toMatchObject({ status: "NEEDS_CORRECTION", reviewComment: "Thiếu tiền quỹ" });
      const { opening, warnings } = await pb().correctOpening(t.reporter, t.opening.id, figures({ amountCollected: 13_000_000, fundAmount: 4_000_000 }));
      expect(warnings).toEqual([]);
      expect(opening).toMatchObject({ status: "SUBMITTED", reviewComment: null, amountCollected: 13_000_000, fundAmount: 4_000_000 });
      expect(opening.updatedAt).not.toBe(sent.opening.updatedAt);
      const audit = await db().auditLog.findMany({ where: { entity: "PiggyBankOpening", entityId: String(t.opening.id), action: "piggy.opening.correct" } });
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actorTelegramId).toBe(BigInt(t.reporter.telegramId));
      expect(audit[0]!.before).toEqual({ ...figures(), status: "NEEDS_CORRECTION", reviewComment: "Thiếu tiền quỹ" });
      expect(audit[0]!.after).toEqual({ ...figures({ amountCollected: 13_000_000, fundAmount: 4_000_000 }), status: "SUBMITTED" });
    });

    it("a correction keeps the rules, and does not count the opening's own banks twice", async () => {
      const t = await withOpening();
      await expectServiceError(pb().correctOpening(t.reporter, t.opening.id, figures({ amountCollected: 1_000_000 })), "uses_exceed_collected", { excess: 11_000_000 });
      await expectServiceError(pb().correctOpening(t.reporter, t.opening.id, figures({ openedOn: "2027-01-01" })), "date_in_future");
      await expectServiceError(pb().correctOpening(t.reporter, t.opening.id, figures({ banksOpened: -40 })), "bad_input");
      expect((await pb().correctOpening(t.reporter, t.opening.id, figures({ banksOpened: 95 }))).warnings).toEqual([]);
      expect((await pb().correctOpening(t.reporter, t.opening.id, figures({ banksOpened: 101 }))).warnings).toEqual(["opened_more_than_handed_out"]);
    });

    it("only people who may report for the unit correct", async () => {
      const t = await withOpening();
      for (const person of [t.member, t.reporter2]) {
        await expectServiceError(pb().correctOpening(person, t.opening.id, figures({ banksOpened: 41 })), "forbidden");
      }
      expect((await pb().correctOpening(t.coordinator, t.opening.id, figures({ banksOpened: 41 }))).opening.banksOpened).toBe(41);
    });

    it("an approved opening can no longer be corrected", async () => {
      const t = await withOpening();
      const approved = await pb().reviewOpening(t.coordinator, t.opening.id, "APPROVED", null, t.opening.updatedAt);
      expect(approved.opening).toMatchObject({ status: "APPROVED", canCorrect: false, canReview: false });
      expect((await pb().getOpening(t.reporter, t.opening.id)).canCorrect).toBe(false);
      await expectServiceError(pb().correctOpening(t.reporter, t.opening.id, figures({ banksOpened: 41 })), "opening_approved");
      await expectServiceError(pb().reviewOpening(t.coordinator, t.opening.id, "NEEDS_CORRECTION", "Sai", approved.opening.updatedAt), "opening_approved");
      expect((await db().piggyBankOpening.findUniqueOrThrow({ where: { id: t.opening.id } })).banksOpened).toBe(40);
    });

    it("asking for a correction needs a comment", async () => {
      const t = await withOpening();
      for (const comment of [null, "", "   "]) {
        await expectServiceError(pb().reviewOpening(t.coordinator, t.opening.id, "NEEDS_CORRECTION", comment, t.opening.updatedAt), "bad_input");
      }
      expect((await pb().getOpening(t.coordinator, t.opening.id)).status).toBe("SUBMITTED");
    });

    it("refuses a review from a reporter, from another commune's coordinator, and of one's own opening (administrators excepted)", async () => {
      const t = await withOpening();
      const other = await commune();
      for (const person of [t.reporter, t.member, other.coordinator]) {
        await expectServiceError(pb().reviewOpening(person, t.opening.id, "APPROVED", null, t.opening.updatedAt), "forbidden");
      }
      const own = await pb().recordOpening(t.coordinator, t.drive.id, figures({ banksOpened: 5 }));
      expect(own.opening.canReview).toBe(false);
      await expectServiceError(pb().reviewOpening(t.coordinator, own.opening.id, "APPROVED", null, own.opening.updatedAt), "forbidden");
      const byAdmin = await pb().recordOpening(admin, t.drive.id, figures({ banksOpened: 5 }));
      expect(byAdmin.opening.canReview).toBe(true);
      const reviewed = await pb().reviewOpening(admin, byAdmin.opening.id, "APPROVED", null, byAdmin.opening.updatedAt);
      expect(reviewed).toEqual({ opening: expect.objectContaining({ status: "APPROVED" }), notify: { telegramId: admin.telegramId, language: null } });
      expect((await db().piggyBankOpening.findUniqueOrThrow({ where: { id: t.opening.id } })).status).toBe("SUBMITTED");
    });

    it("refuses to approve an opening corrected after the coordinator looked at it", async () => {
      const t = await withOpening();
      const seen = await pb().getOpening(t.coordinator, t.opening.id);
      await pb().correctOpening(t.reporter, t.opening.id, figures({ amountCollected: 20_000_000, fundAmount: 11_000_000 }));
      await expectServiceError(pb().reviewOpening(t.coordinator, t.opening.id, "APPROVED", null, seen.updatedAt), "opening_changed");
      const row = await db().piggyBankOpening.findUniqueOrThrow({ where: { id: t.opening.id } });
      expect(row.status).toBe("SUBMITTED");
      const fresh = await pb().getOpening(t.coordinator, t.opening.id);
      expect((await pb().reviewOpening(t.coordinator, t.opening.id, "APPROVED", null, fresh.updatedAt)).opening.amountCollected).toBe(20_000_000);
    });

    it("two coordinators deciding on what they both saw: the second is told it changed", async () => {
      const t = await withOpening();
      const second = await personWith("COORDINATOR", t.commune.id);
      await pb().reviewOpening(t.coordinator, t.opening.id, "NEEDS_CORRECTION", "Kiểm tra lại số lợn", t.opening.updatedAt);
      await expectServiceError(pb().reviewOpening(second, t.opening.id, "APPROVED", null, t.opening.updatedAt), "opening_changed");
      await expectServiceError(pb().reviewOpening(second, t.opening.id, "APPROVED", null, "not a time"), "bad_input");
    });

    it("an approval racing a correction of what the coordinator saw: never both", async () => {
      const t = await withOpening();
      const [review, correction] = await Promise.allSettled([
        pb().reviewOpening(t.coordinator, t.opening.id, "APPROVED", null, t.opening.updatedAt),
        pb().correctOpening(t.reporter, t.opening.id, figures({ banksOpened: 45 })),
      ]);
      const row = await db().piggyBankOpening.findUniqueOrThrow({ where: { id: t.opening.id } });
      if (review.status === "fulfilled") {
        expect(correction).toMatchObject({ status: "rejected", reason: { code: "opening_approved" } });
        expect(row).toMatchObject({ status: "APPROVED", banksOpened: 40 });
      } else {
        expect(review.reason).toMatchObject({ code: "opening_changed" });
        expect(correction.status).toBe("fulfilled");
        expect(row).toMatchObject({ status: "SUBMITTED", banksOpened: 45 });
      }
    });

    it("the whole round: needs correction → notified reporter corrects → approved; every step audited", async () => {
      const t = await withOpening();
      const asked = await pb().reviewOpening(t.coordinator, t.opening.id, "NEEDS_CORRECTION", "  Tiền   học bổng chưa đúng ", t.opening.updatedAt);
      expect(asked.notify).toEqual({ telegramId: t.reporter.telegramId, language: "vi" });
      expect(asked.opening).toMatchObject({ status: "NEEDS_CORRECTION", reviewComment: "Tiền học bổng chưa đúng", canReview: true, canCorrect: true });
      const mine = await pb().getOpening(t.reporter, t.opening.id);
      expect(mine).toMatchObject({ status: "NEEDS_CORRECTION", canCorrect: true, canReview: false });
      const corrected = await pb().correctOpening(t.reporter, t.opening.id, figures({ scholarshipAmount: 4_500_000, fundAmount: 4_000_000 }));
      const approved = await pb().reviewOpening(t.coordinator, t.opening.id, "APPROVED", "Cảm ơn", corrected.opening.updatedAt);
      expect(approved.opening).toMatchObject({ status: "APPROVED", reviewComment: "Cảm ơn", scholarshipAmount: 4_500_000 });
      expect(approved.notify).toEqual({ telegramId: t.reporter.telegramId, language: "vi" });
      const row = await db().piggyBankOpening.findUniqueOrThrow({ where: { id: t.opening.id } });
      expect(row).toMatchObject({ reviewedByTelegramId: BigInt(t.coordinator.telegramId), reviewedAt: TODAY });
      const audit = await db().auditLog.findMany({ where: { entity: "PiggyBankOpening", entityId: String(t.opening.id) }, orderBy: { id: "asc" } });
      expect(audit.map((a) => a.action)).toEqual(["piggy.opening.record", "piggy.opening.review", "piggy.opening.correct", "piggy.opening.review"]);
      expect(audit[1]!.after).toEqual({ status: "NEEDS_CORRECTION", reviewComment: "Tiền học bổng chưa đúng" });
      expect(audit[3]!.before).toEqual({ status: "SUBMITTED", reviewComment: null });
    });
  });

  describe("totals and the review queue", () => {
    /**
     * commune: branch (2 openings), branch2 (1 opening), school (no drive),
     * a branch merged into branch (no drive); another year's drive in
     * branch; another commune's drive.
     */
    async function year() {
      const t = await commune();
      const retired = await env.services.units.createUnit(admin, { parentId: t.commune.id, name: `Chi hội cũ ${communeCount}`, kind: "BRANCH" });
      await env.services.units.mergeUnit(admin, retired.id, t.branch.id);
      const d1 = await startDrive(t.reporter, t.branch.id, { banksHandedOut: 100 });
      const d2 = await startDrive(t.reporter2, t.branch2.id, { banksHandedOut: 60 });
      const o1 = await pb().recordOpening(t.reporter, d1.id, figures({ openedOn: "2026-10-02" }));
      const o2 = await pb().recordOpening(t.reporter, d1.id, figures({
        openedOn: "2026-11-20", banksOpened: 30, amountCollected: 9_000_000, scholarshipCount: 2, scholarshipAmount: 2_000_000,
        suppliesAmount: 1_000_000, fundAmount: 6_000_000, otherAmount: 0, otherNote: null,
      }));
      const o3 = await pb().recordOpening(t.reporter2, d2.id, figures({
        openedOn: "2026-11-01", banksOpened: 60, amountCollected: 20_000_000, scholarshipCount: 10, scholarshipAmount: 10_000_000,
        suppliesAmount: 5_000_000, fundAmount: 5_000_000, otherAmount: 0, otherNote: null,
      }));
      // Not counted: the same branch's previous year, and another commune.
      const lastYear = await startDrive(t.reporter, t.branch.id, { schoolYear: 2025, banksHandedOut: 999 }, new Date("2025-09-15T02:00:00Z"));
      await at(new Date("2026-05-01T02:00:00Z"), () => pb().recordOpening(t.reporter, lastYear.id, figures({ openedOn: "2026-05-01", amountCollected: 77_000_000 })));
      const other = await commune();
      const od = await startDrive(other.reporter, other.branch.id, { banksHandedOut: 500 });
      await pb().recordOpening(other.reporter, od.id, figures({ amountCollected: 55_000_000 }));
      return { ...t, retired, d1, d2, o1: o1.opening, o2: o2.opening, o3: o3.opening, other };
    }

    it("sums a commune's subtree for the year in one grouped query, unit by unit, and lists who has not started", async () => {
      const t = await year();
      await pb().reviewOpening(t.coordinator, t.o2.id, "APPROVED", null, t.o2.updatedAt);
      const totals = await pb().yearTotals(t.coordinator, t.commune.id, 2026);
      expect(totals).toEqual({
        unitId: t.commune.id, unitName: t.commune.name, schoolYear: 2026, schoolYearLabel: "2026–2027",
        banksHandedOut: 160, banksOpened: 40 + 30 + 60, amountCollected: 12_500_000 + 9_000_000 + 20_000_000,
        scholarshipCount: 5 + 2 + 10, scholarshipAmount: 5_000_000 + 2_000_000 + 10_000_000,
        suppliesAmount: 3_000_000 + 1_000_000 + 5_000_000, fundAmount: 3_500_000 + 6_000_000 + 5_000_000, otherAmount: 500_000,
        drives: 2, openings: 3, pendingReview: 2,
        byUnit: [
          { unitId: t.branch.id, unitName: t.branch.name, banksHandedOut: 100, banksOpened: 70, amountCollected: 21_500_000, openings: 2 },
          { unitId: t.branch2.id, unitName: t.branch2.name, banksHandedOut: 60, banksOpened: 60, amountCollected: 20_000_000, openings: 1 },
        ],
        // The commune itself has no drive either; the merged branch is not expected to start one.
        missing: [{ unitId: t.commune.id, unitName: t.commune.name }, { unitId: t.school.id, unitName: t.school.name }],
      });
      expect(JSON.parse(JSON.stringify(totals))).toEqual(totals);
    });

    it("a branch's totals are its own; the previous year is separate; a year with nothing is all zeros", async () => {
      const t = await year();
      const branch = await pb().yearTotals(t.member, t.branch.id, 2026);
      expect(branch).toMatchObject({ banksHandedOut: 100, banksOpened: 70, amountCollected: 21_500_000, drives: 1, openings: 2, missing: [] });
      const previous = await pb().yearTotals(t.coordinator, t.commune.id, 2025);
      expect(previous).toMatchObject({ banksHandedOut: 999, amountCollected: 77_000_000, drives: 1, openings: 1 });
      expect(previous.missing.map((m) => m.unitId)).toEqual([t.commune.id, t.branch2.id, t.school.id]);
      const empty = await pb().yearTotals(t.coordinator, t.commune.id, 2030);
      expect(empty).toMatchObject({ banksHandedOut: 0, amountCollected: 0, drives: 0, openings: 0, pendingReview: 0, byUnit: [] });
    });

    it("the province sees every commune; a branch member may not see the commune; a coordinator elsewhere may not see it", async () => {
      const t = await year();
      const all = await pb().yearTotals(admin, province.id, 2026);
      const units = all.byUnit.map((u) => u.unitId);
      expect(units).toEqual(expect.arrayContaining([t.branch.id, t.branch2.id, t.other.branch.id]));
      expect(all.amountCollected).toBe(all.byUnit.reduce((s, u) => s + u.amountCollected, 0));
      await expectServiceError(pb().yearTotals(t.member, t.commune.id, 2026), "forbidden");
      await expectServiceError(pb().yearTotals(t.other.coordinator, t.commune.id, 2026), "forbidden");
      await expectServiceError(pb().yearTotals(t.coordinator, t.commune.id, 1990), "bad_input");
    });

    it("queues the subtree's submitted openings of the year, oldest first, not one's own", async () => {
      const t = await year();
      await pb().reviewOpening(t.coordinator, t.o1.id, "NEEDS_CORRECTION", "Xem lại", t.o1.updatedAt);
      const own = await pb().recordOpening(t.coordinator, t.d2.id, figures({ banksOpened: 0 }));
      const queue = await pb().openingsToReview(t.coordinator, t.commune.id, 2026);
      expect(queue.map((o) => o.id)).toEqual([t.o2.id, t.o3.id]);
      expect(queue.every((o) => o.canReview)).toBe(true);
      expect((await pb().openingsToReview(admin, t.commune.id, 2026)).map((o) => o.id)).toEqual([t.o2.id, t.o3.id, own.opening.id]);
      expect(await pb().openingsToReview(t.coordinator, t.commune.id, 2025)).toHaveLength(1);
      await expectServiceError(pb().openingsToReview(t.reporter, t.branch.id, 2026), "forbidden");
      await expectServiceError(pb().openingsToReview(t.other.coordinator, t.commune.id, 2026), "forbidden");
    });
  });
});
