// "One drive per school year unless a coordinator allows more", and the
// coordinators told of what reporters send: a reporter refused a second drive
// gets the commune's coordinators asked, one allows it (after a
// confirmation), the reporter starts it from the message they get; a
// coordinator refused allows on the spot; forged "allow" buttons change
// nothing; a recorded or corrected opening reaches the coordinators with a
// button to review it, and a coordinator who blocked the bot stops nobody.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { formatAmount } from "../../src/domain/money.ts";
import { type BotHarness, startHarness, t } from "../helpers/bot.ts";
import { buttonData, fillOpening, messageWith } from "../helpers/piggy.ts";
import { inlineButtons, type TestChat } from "../helpers/telegram.ts";

const vi = (key: string, vars?: Record<string, string | number>) => t("vi", key, vars);
const en = (key: string, vars?: Record<string, string | number>) => t("en", key, vars);
const vnd = (n: number) => formatAmount(n, "vi");

const REPORTER = 901; // a reporter of the branch xóm Đồi
const COORDINATOR = 902; // a coordinator of the commune Mãn Đức (Vietnamese)
const COORDINATOR_EN = 903; // another coordinator of the commune, in English
const DISTRICT = 904; // a coordinator of the district above: the commune has its own
const OUTSIDER = 905; // a reporter of a branch in another district
const MEMBER = 906; // a plain member of the branch
const FAR_COORDINATOR = 907; // a coordinator of another district

const DOI = "Chi hội xóm Đồi, xã Mãn Đức";
const BUNG = "Chi hội xóm Bưng";
const YEAR = "2026–2027";

let h: BotHarness;
let reporter: TestChat;
let coordinator: TestChat;
let coordinatorEn: TestChat;
let doiId: number;
let bungId: number;

beforeAll(async () => {
  h = await startHarness();
  h.env.clock.now = new Date("2026-11-29T03:00:00Z");
  doiId = (await h.unit("HB-TL-MD-01")).id;
  bungId = (await h.unit("HB-TL-MD-02")).id;
  await h.makeMember(REPORTER, "HB-TL-MD-01", "REPORTER", "Bùi Thị Hoa");
  await h.makeMember(COORDINATOR, "HB-TL-MD", "COORDINATOR", "Trần Văn Nam");
  await h.makeMember(COORDINATOR_EN, "HB-TL-MD", "COORDINATOR", "Lò Văn Minh", "en");
  await h.makeMember(DISTRICT, "HB-TL", "COORDINATOR", "Đinh Công Huyện");
  await h.makeMember(OUTSIDER, "HB-LS-VB-01", "REPORTER", "Người Lạc Sơn");
  await h.makeMember(MEMBER, "HB-TL-MD-01", "MEMBER", "Hội Viên Xóm Đồi");
  await h.makeMember(FAR_COORDINATOR, "HB-LS", "COORDINATOR", "Điều Phối Lạc Sơn");
  for (const [unitId, by] of [[doiId, REPORTER], [bungId, COORDINATOR]] as const) {
    await h.services.piggyBanks.startDrive(await h.person(by), { unitId, schoolYear: 2026, recipientKind: "PUPIL", banksHandedOut: 50, note: null });
  }
  reporter = h.chat({ id: REPORTER });
  coordinator = h.chat({ id: COORDINATOR });
  coordinatorEn = h.chat({ id: COORDINATOR_EN, lang: "en" });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.env.clock.now = new Date("2026-12-20T03:00:00Z");
});

const drivesOf = (unitId: number) => h.prisma.piggyBankDrive.count({ where: { unitId, schoolYear: 2026 } });
const allowanceOf = (unitId: number) => h.prisma.piggyBankYearAllowance.findUnique({ where: { unitId_schoolYear: { unitId, schoolYear: 2026 } } });
const botTexts = (chatId: number): string[] => h.tg.botMessages(chatId).map((m) => ("text" in m && typeof m.text === "string" ? m.text : ""));

/** The drive flow from the card up to «Bắt đầu đợt» (the unit's own card, current year). */
async function startAnotherDrive(chat: TestChat, banks: string): Promise<void> {
  await chat.press(vi("btn-piggy-start"));
  await chat.press(vi("piggy-year-current", { year: YEAR }));
  await chat.press(vi("piggy-kind-class"));
  await chat.send(banks);
  await chat.press(vi("btn-skip"));
  await chat.press(vi("btn-piggy-drive-save"));
}

describe("a second drive in the same school year", () => {
  it("a reporter is refused; the commune's coordinators are asked; one allows it; the reporter starts it from the message", async () => {
    await reporter.send("/piggy");
    await startAnotherDrive(reporter, "30");
    expect(reporter.texts()).toEqual([`${vi("piggy-drive-exists", { unit: DOI, year: YEAR })}\n\n${vi("piggy-extra-asked")}`]);
    expect(await drivesOf(doiId)).toBe(1);

    // Both coordinators of the commune, each in their language; not the district above, not the reporter.
    const asked = messageWith(coordinator, vi("piggy-extra-request", { name: "Bùi Thị Hoa", unit: DOI, year: YEAR, drives: 1 }));
    expect(inlineButtons(asked).map((b) => b.text)).toEqual([vi("btn-piggy-allow-extra"), vi("btn-piggy-see-drive")]);
    expect(vi("btn-piggy-allow-extra")).toBe("Cho phép thêm một đợt");
    const askedEn = messageWith(coordinatorEn, en("piggy-extra-request", { name: "Bùi Thị Hoa", unit: DOI, year: YEAR, drives: 1 }));
    expect(inlineButtons(askedEn).map((b) => b.text)).toEqual([en("btn-piggy-allow-extra"), en("btn-piggy-see-drive")]);
    expect(en("btn-piggy-allow-extra")).toBe("Allow one more drive");
    expect(botTexts(DISTRICT)).toEqual([]);
    expect(buttonData(asked).every((d) => Buffer.byteLength(d) <= 64)).toBe(true);

    // The coordinator allows, after a confirmation.
    await coordinator.press(vi("btn-piggy-allow-extra"), { messageId: asked.message_id });
    expect(coordinator.lastText()).toBe(vi("piggy-extra-confirm", { unit: DOI, year: YEAR, drives: 1, max: 2 }));
    expect(coordinator.buttons()).toEqual([vi("btn-piggy-allow-yes"), vi("btn-cancel")]);
    expect(await allowanceOf(doiId)).toBeNull(); // nothing before the confirmation
    await coordinator.press(vi("btn-piggy-allow-yes"));
    expect(coordinator.texts()).toEqual([`${vi("piggy-extra-allowed", { unit: DOI, year: YEAR, max: 2 })}\n${vi("piggy-extra-requester-told")}`]);
    expect(coordinator.buttons()).toEqual([vi("btn-piggy-start"), vi("btn-piggy-card")]);
    expect(await allowanceOf(doiId)).toMatchObject({ maxDrives: 2, grantedByTelegramId: BigInt(COORDINATOR) });
    expect(await h.prisma.auditLog.count({ where: { action: "piggy.allowance.set", actorTelegramId: BigInt(COORDINATOR) } })).toBe(1);

    // Allowed but not started yet: the card offers no second allowance.
    await coordinator.pressData(`pc:${doiId}:2026`);
    expect(coordinator.buttons()).not.toContain(vi("btn-piggy-allow-more"));

    // The reporter is told, with a button that starts the drive.
    const granted = messageWith(reporter, vi("piggy-extra-granted", { unit: DOI, year: YEAR }));
    expect(buttonData(granted)).toEqual([`pd:${doiId}`]);
    await reporter.press(vi("btn-piggy-start"), { messageId: granted.message_id });
    expect(reporter.lastText()).toBe(vi("piggy-drive-ask-year", { unit: DOI }));
    await reporter.press(vi("piggy-year-current", { year: YEAR }));
    await reporter.press(vi("piggy-kind-class"));
    await reporter.send("30");
    await reporter.send("Đợt hai cho các lớp");
    await reporter.press(vi("btn-piggy-drive-save"));
    expect(reporter.texts()[0]).toBe(vi("piggy-drive-started", { unit: DOI, year: YEAR, banks: "30" }));
    expect(await drivesOf(doiId)).toBe(2);

    // The other coordinator presses the same request later: already done, nothing changes.
    const audit = await h.prisma.auditLog.count();
    await coordinatorEn.press(en("btn-piggy-allow-extra"), { messageId: askedEn.message_id });
    expect(coordinatorEn.texts()).toEqual([en("piggy-extra-already", { unit: DOI, year: YEAR, drives: 2, max: 2 })]);
    expect(coordinatorEn.buttons()).toEqual([en("btn-piggy-card")]);
    expect(await allowanceOf(doiId)).toMatchObject({ maxDrives: 2, grantedByTelegramId: BigInt(COORDINATOR) });
    expect(await h.prisma.auditLog.count()).toBe(audit);

    // Every allowed drive is started: a third is refused again, and the button says "2 drives".
    await reporter.send("/piggy");
    await startAnotherDrive(reporter, "10");
    expect(await drivesOf(doiId)).toBe(2);
    const again = messageWith(coordinator, vi("piggy-extra-request", { name: "Bùi Thị Hoa", unit: DOI, year: YEAR, drives: 2 }));
    expect(buttonData(again)[0]).toBe(`pw:${doiId}:2026:2:${REPORTER}`);
  });

  it("a coordinator refused allows one more on the spot (back goes one step) and the drive starts with their answers", async () => {
    await coordinator.send("/piggy");
    await coordinator.press(vi("btn-piggy-totals"));
    await coordinator.press(BUNG);
    expect(coordinator.lastText()).toContain(vi("piggy-card-title", { unit: BUNG, year: YEAR }));
    expect(coordinator.buttons()).toContain(vi("btn-piggy-allow-more")); // its one drive is started
    await startAnotherDrive(coordinator, "40");
    expect(coordinator.lastText()).toBe(vi("piggy-drive-exists-coordinator", { unit: BUNG, year: YEAR, drives: 1 }));
    expect(coordinator.buttons()).toEqual([vi("btn-piggy-allow-extra"), vi("btn-piggy-see-drive"), vi("btn-cancel")]);
    await coordinator.press(vi("btn-piggy-allow-extra"));
    expect(coordinator.lastText()).toBe(`${vi("piggy-extra-confirm", { unit: BUNG, year: YEAR, drives: 1, max: 2 })}\n${vi("piggy-extra-then-start")}`);
    await coordinator.press(vi("btn-back"));
    expect(coordinator.lastText()).toBe(vi("piggy-drive-exists-coordinator", { unit: BUNG, year: YEAR, drives: 1 }));
    expect(await allowanceOf(bungId)).toBeNull();
    await coordinator.press(vi("btn-piggy-allow-extra"));
    await coordinator.press(vi("btn-piggy-allow-yes"));
    expect(coordinator.texts().slice(0, 2)).toEqual([
      vi("piggy-extra-allowed", { unit: BUNG, year: YEAR, max: 2 }),
      vi("piggy-drive-started", { unit: BUNG, year: YEAR, banks: "40" }),
    ]);
    expect(coordinator.lastText()).toContain(vi("piggy-card-title", { unit: BUNG, year: YEAR }));
    expect(await drivesOf(bungId)).toBe(2);
    expect(await allowanceOf(bungId)).toMatchObject({ maxDrives: 2, grantedByTelegramId: BigInt(COORDINATOR) });
    // Nobody else was asked: the coordinator decided.
    expect(botTexts(COORDINATOR_EN).some((text) => text.includes(BUNG))).toBe(false);
  });

  it("a reporter, a member, another unit's reporter or another district's coordinator pressing a forged allow button: refused, nothing changes", async () => {
    const snapshot = async () => ({
      allowances: await h.prisma.piggyBankYearAllowance.findMany({ orderBy: { id: "asc" } }),
      drives: await h.prisma.piggyBankDrive.count(),
      audit: await h.prisma.auditLog.count(),
    });
    for (const id of [REPORTER, MEMBER, OUTSIDER, FAR_COORDINATOR]) {
      for (const data of [`pw:${doiId}:2026:2:${REPORTER}`, `pw:${bungId}:2026:2`]) {
        const chat = h.chat({ id });
        await chat.send("/menu");
        const before = await snapshot();
        await chat.pressData(data);
        expect(chat.answeredCallbacks().filter((a) => a.ok), `${id} ${data}`).toHaveLength(1);
        expect([...chat.callbackTexts(), ...chat.texts()], `${id} ${data}`).toContain(vi("errors-forbidden"));
        expect(chat.replies().flatMap((r) => r.buttons), "no confirmation offered").not.toContain(vi("btn-piggy-allow-yes"));
        await chat.send("12");
        expect(chat.lastText(), `${id}: no flow waits`).toBe(vi("unknown-message"));
        expect(await snapshot(), `${id} ${data}`).toEqual(before);
      }
    }
    expect(botTexts(OUTSIDER).some((text) => text.includes(vi("piggy-extra-granted", { unit: DOI, year: YEAR })))).toBe(false);
  });

  it("forged numbers in the button: answered, never a crash", async () => {
    for (const data of [`pw:${doiId}:1999:1`, "pw:999999:2026:1", `pw:${doiId}:2026:99:${REPORTER}`]) {
      await coordinator.send("/menu");
      await coordinator.pressData(data);
      expect(coordinator.answeredCallbacks().filter((a) => a.ok), data).toHaveLength(1);
      expect([...coordinator.callbackTexts(), ...coordinator.texts()], data).not.toContain(vi("errors-internal"));
    }
    // A made-up count only changes what is offered: the drives there are now, plus one, to confirm.
    expect(coordinator.lastText()).toBe(vi("piggy-extra-confirm", { unit: DOI, year: YEAR, drives: 2, max: 3 }));
    await coordinator.send("/cancel");
    expect(await allowanceOf(doiId)).toMatchObject({ maxDrives: 2 });
  });
});

describe("coordinators are told of openings", () => {
  it("recording one reaches the commune's coordinators with «Xem để duyệt»; sent back, corrected: told again; approved from there", async () => {
    const drive = await h.prisma.piggyBankDrive.findFirstOrThrow({ where: { unitId: doiId }, orderBy: { id: "asc" } });
    await reporter.send("/piggy");
    await reporter.press(vi("btn-piggy-record-n", { n: 2 })); // the first drive: the card lists the newest first
    await fillOpening(reporter, "vi", { date: "18/12", opened: "20", collected: "2tr", schCount: 0, supplies: "500k", fund: "1.500.000", other: 0 });
    await reporter.press(vi("btn-piggy-send"));
    expect(reporter.texts()[0]).toBe(vi("piggy-opening-saved", { date: "18/12/2026", collected: vnd(2_000_000) }));
    const opening = await h.prisma.piggyBankOpening.findFirstOrThrow({ where: { driveId: drive.id } });

    const notice = messageWith(coordinator, vi("piggy-notice-submitted", { name: "Bùi Thị Hoa", unit: DOI, date: "18/12/2026", collected: vnd(2_000_000) }));
    expect(inlineButtons(notice).map((b) => [b.text, b.callback_data])).toEqual([[vi("btn-piggy-review-one"), `pv:${opening.id}`]]);
    expect(vi("btn-piggy-review-one")).toBe("📝 Xem để duyệt");
    messageWith(coordinatorEn, en("piggy-notice-submitted", { name: "Bùi Thị Hoa", unit: DOI, date: "18/12/2026", collected: formatAmount(2_000_000, "en") }));
    expect(botTexts(DISTRICT)).toEqual([]);
    expect(botTexts(REPORTER).some((text) => text.includes(vi("btn-piggy-review-one")))).toBe(false);

    // The button shows the opening with Approve / Needs correction.
    await coordinator.press(vi("btn-piggy-review-one"), { messageId: notice.message_id });
    expect(coordinator.texts()).toHaveLength(1);
    expect(coordinator.lastText()).toContain(vi("piggy-review-item", { year: YEAR, status: vi("piggy-status-submitted") }));
    expect(coordinator.lastText()).toContain(vnd(2_000_000));
    expect(coordinator.buttons()).toEqual([vi("btn-piggy-approve"), vi("btn-piggy-needs-correction")]);
    await coordinator.press(vi("btn-piggy-needs-correction"));
    await coordinator.send("Thiếu tiền sách vở, xin kiểm tra");
    expect(coordinator.texts()[0]).toBe(vi("piggy-sent-back-by-you", { unit: DOI, date: "18/12/2026" }));

    // The reporter corrects; the coordinators hear of it.
    const fix = messageWith(reporter, "Thiếu tiền sách vở");
    await reporter.press(vi("btn-piggy-fix-now"), { messageId: fix.message_id });
    await fillOpening(reporter, "vi", { date: "keep", opened: "keep", collected: "keep", schCount: 0, supplies: "1tr", fund: "1tr", other: 0 });
    await reporter.press(vi("btn-piggy-save-correction"));
    expect(reporter.texts()[0]).toBe(vi("piggy-opening-corrected", { date: "18/12/2026", collected: vnd(2_000_000) }));
    const corrected = messageWith(coordinator, vi("piggy-notice-corrected", { name: "Bùi Thị Hoa", unit: DOI, date: "18/12/2026", collected: vnd(2_000_000) }));
    await coordinator.press(vi("btn-piggy-review-one"), { messageId: corrected.message_id });
    expect(coordinator.lastText()).toContain(`• Sách vở, đồ dùng học tập: ${vnd(1_000_000)}`);
    await coordinator.press(vi("btn-piggy-approve"));
    expect(coordinator.texts()[0]).toBe(vi("piggy-approved-by-you", { unit: DOI, date: "18/12/2026" }));
    expect((await h.prisma.piggyBankOpening.findUniqueOrThrow({ where: { id: opening.id } })).status).toBe("APPROVED");

    // The first notice's button, pressed late: the opening as it is now, nothing left to decide.
    await coordinatorEn.press(en("btn-piggy-review-one"));
    expect(coordinatorEn.lastText()).toContain(en("piggy-status-approved"));
    expect(coordinatorEn.buttons()).not.toContain(en("btn-piggy-approve"));
  });

  it("a coordinator who recorded for a branch is not told of their own opening; the other coordinator is", async () => {
    const drive = await h.prisma.piggyBankDrive.findFirstOrThrow({ where: { unitId: bungId }, orderBy: { id: "asc" } });
    await coordinator.send("/menu");
    await coordinator.pressData(`po:${bungId}:${drive.id}`);
    await fillOpening(coordinator, "vi", { date: "today", opened: "5", collected: "300k", schCount: 0, supplies: 0, fund: "300k", other: 0 });
    await coordinator.press(vi("btn-piggy-send"));
    expect(coordinator.texts()[0]).toBe(vi("piggy-opening-saved", { date: "20/12/2026", collected: vnd(300_000) }));
    const notice = vi("piggy-notice-submitted", { name: "Trần Văn Nam", unit: BUNG, date: "20/12/2026", collected: vnd(300_000) });
    expect(coordinator.texts()).not.toContain(notice);
    messageWith(coordinatorEn, en("piggy-notice-submitted", { name: "Trần Văn Nam", unit: BUNG, date: "20/12/2026", collected: formatAmount(300_000, "en") }));
  });

  it("a coordinator who blocked the bot does not stop the reporter, and the other coordinator still hears", async () => {
    const drive = await h.prisma.piggyBankDrive.findFirstOrThrow({ where: { unitId: doiId }, orderBy: { id: "asc" } });
    h.tg.fail("sendMessage", { code: 403, description: "Forbidden: bot was blocked by the user", chatId: COORDINATOR });
    const before = h.tg.botMessages(COORDINATOR).length;
    await reporter.send("/piggy");
    await reporter.pressData(`po:${doiId}:${drive.id}`);
    await fillOpening(reporter, "vi", { date: "19/12", opened: "3", collected: "90k", schCount: 0, supplies: 0, fund: "90k", other: 0 });
    await reporter.press(vi("btn-piggy-send"));
    expect(reporter.texts()[0]).toBe(vi("piggy-opening-saved", { date: "19/12/2026", collected: vnd(90_000) }));
    expect(reporter.lastText()).toContain(vi("piggy-card-title", { unit: DOI, year: YEAR }));
    expect(reporter.texts()).not.toContain(vi("errors-internal"));
    expect(reporter.calls("sendMessage").some((c) => c.payload.chat_id === COORDINATOR && c.error?.error_code === 403)).toBe(true);
    expect(h.tg.botMessages(COORDINATOR)).toHaveLength(before);
    messageWith(coordinatorEn, en("piggy-notice-submitted", { name: "Bùi Thị Hoa", unit: DOI, date: "19/12/2026", collected: formatAmount(90_000, "en") }));
  });

  it("«Xem để duyệt» pressed by someone of another unit: refused, the figures are not shown", async () => {
    const opening = await h.prisma.piggyBankOpening.findFirstOrThrow({ where: { drive: { unitId: doiId } } });
    for (const id of [OUTSIDER, FAR_COORDINATOR]) {
      const chat = h.chat({ id });
      await chat.send("/menu");
      await chat.pressData(`pv:${opening.id}`);
      expect([...chat.callbackTexts(), ...chat.texts()], String(id)).toContain(vi("errors-forbidden"));
      expect(chat.texts().join("\n"), String(id)).not.toContain(DOI);
    }
  });
});
