// Piggy banks in the chat with the input people really send: negative and
// non-numeric amounts, "1,5" (1,5 triệu or 1 đồng 5 hào?), a huge amount, a
// date in the future or before the drive, uses above the collection, a photo
// or sticker where a number is expected, a second drive, forged buttons from
// another unit, and an approval of an opening corrected in the meantime.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { formatAmount } from "../../src/domain/money.ts";
import type { OpeningFigures } from "../../src/domain/piggy-bank.ts";
import { type BotHarness, startHarness, t } from "../helpers/bot.ts";
import { answer, buttonData, fillOpening, messageWith } from "../helpers/piggy.ts";
import { inlineButtons, type TestChat } from "../helpers/telegram.ts";

const vi = (key: string, vars?: Record<string, string | number>) => t("vi", key, vars);
const vnd = (n: number) => formatAmount(n, "vi");

let h: BotHarness;
let reporter: TestChat;
let coordinator: TestChat;
let branchId: number;
let driveId: number;

const REPORTER = 801;
const COORDINATOR = 802;
const OUTSIDER = 803; // a reporter of a branch in another district
const PLAIN_MEMBER = 804; // a member (not a reporter) of the same branch
const OTHER_COORDINATOR = 805; // a coordinator of another district

const figures = (over: Partial<OpeningFigures> = {}): OpeningFigures => ({
  openedOn: "2026-12-10", banksOpened: 10, amountCollected: 1_000_000, scholarshipCount: 1, scholarshipAmount: 500_000,
  suppliesAmount: 0, fundAmount: 500_000, otherAmount: 0, otherNote: null, photoFileId: null, ...over,
});

beforeAll(async () => {
  h = await startHarness();
  h.env.clock.now = new Date("2026-11-29T03:00:00Z");
  branchId = (await h.unit("HB-TL-MD-01")).id;
  await h.makeMember(REPORTER, "HB-TL-MD-01", "REPORTER", "Bùi Thị Hoa");
  await h.makeMember(COORDINATOR, "HB-TL-MD", "COORDINATOR", "Trần Văn Nam");
  await h.makeMember(OUTSIDER, "HB-LS-VB-01", "REPORTER", "Người Lạc Sơn");
  await h.makeMember(PLAIN_MEMBER, "HB-TL-MD-01", "MEMBER", "Hội Viên Xóm Đồi");
  await h.makeMember(OTHER_COORDINATOR, "HB-LS", "COORDINATOR", "Điều Phối Lạc Sơn");
  const drive = await h.services.piggyBanks.startDrive(await h.person(REPORTER), {
    unitId: branchId, schoolYear: 2026, recipientKind: "PUPIL", banksHandedOut: 50, note: null,
  });
  driveId = drive.id;
  reporter = h.chat({ id: REPORTER });
  coordinator = h.chat({ id: COORDINATOR });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.env.clock.now = new Date("2026-12-20T03:00:00Z");
});

const openingCount = () => h.prisma.piggyBankOpening.count({ where: { driveId } });

async function startRecording(): Promise<void> {
  await reporter.send("/piggy");
  await reporter.press(vi("btn-piggy-record"));
  expect(reporter.lastText()).toBe(vi("piggy-ask-date"));
}

describe("numbers as people type them", () => {
  it("counts: a photo, a sticker, words, a negative number, a fraction — each gets a clear word and the question stays", async () => {
    await startRecording();
    await reporter.send("20/12");
    expect(reporter.lastText()).toBe(vi("piggy-ask-opened", { handed: "50" }));
    await reporter.sendPhoto();
    expect(reporter.texts()).toEqual([vi("piggy-need-number")]);
    await reporter.sendSticker();
    expect(reporter.texts()).toEqual([vi("piggy-need-number")]);
    await reporter.send("mười con");
    expect(reporter.texts()).toEqual([vi("piggy-count-invalid", { text: "mười con" })]);
    await reporter.send("-3");
    expect(reporter.texts()).toEqual([vi("piggy-count-negative")]);
    await reporter.send("2,5");
    expect(reporter.texts()).toEqual([vi("piggy-count-fraction")]);
    await reporter.send("30");
    expect(reporter.lastText()).toBe(vi("piggy-ask-collected"));
    await reporter.send("/cancel");
    expect(reporter.lastText()).toBe(vi("flow-cancelled"));
    expect(await openingCount()).toBe(0);
  });

  it("amounts: negative, words, a sticker; «1,5» asks 1,5 triệu or 1 đồng 5 hào; back keeps the answer", async () => {
    await startRecording();
    await reporter.send("hôm nay");
    await reporter.send("30");
    await reporter.sendSticker();
    expect(reporter.texts()).toEqual([vi("piggy-need-amount")]);
    await reporter.send("-500.000");
    expect(reporter.texts()).toEqual([vi("piggy-amount-negative")]);
    await reporter.send("năm trăm nghìn");
    expect(reporter.texts()).toEqual([vi("piggy-amount-invalid", { text: "năm trăm nghìn" })]);

    await reporter.send("1,5");
    expect(reporter.lastText()).toBe(vi("piggy-amount-ambiguous", { million: "1.500.000 ₫", text: "1,5", int: "1", frac: "5" }));
    expect(reporter.lastText()).toBe("Ý bạn là <b>1.500.000 ₫</b> (1,5 triệu) hay 1 đồng 5 hào?");
    expect(reporter.buttons()).toEqual([
      vi("btn-piggy-million", { million: "1.500.000 ₫", text: "1,5" }), vi("btn-piggy-hao", { int: "1", frac: "5" }), vi("btn-retype"), vi("btn-back"), vi("btn-cancel"),
    ]);
    await reporter.press(vi("btn-piggy-hao", { int: "1", frac: "5" }));
    expect(reporter.texts()).toEqual([vi("piggy-amount-fraction"), vi("piggy-ask-collected")]);
    await reporter.send("1,5");
    await reporter.press(vi("btn-piggy-million", { million: "1.500.000 ₫", text: "1,5" }));
    expect(reporter.lastText()).toBe(vi("piggy-ask-scholarship-count", { collected: vnd(1_500_000) }));

    // Back one step: the amount again, with what was given offered as it is.
    await reporter.press(vi("btn-back"));
    expect(reporter.lastText()).toBe(vi("piggy-ask-collected"));
    expect(reporter.buttons()).toContain(vi("btn-keep", { value: vnd(1_500_000) }));
    await reporter.press(vi("btn-back"));
    expect(reporter.lastText()).toBe(vi("piggy-ask-opened", { handed: "50" }));
    expect(reporter.buttons()).toContain(vi("btn-keep", { value: "30" }));
    await reporter.press("f:keep");
    await reporter.press("f:keep");
    expect(reporter.lastText()).toBe(vi("piggy-ask-scholarship-count", { collected: vnd(1_500_000) }));
    await reporter.press(vi("btn-cancel"));
    expect(reporter.lastText()).toBe(vi("flow-cancelled"));
    expect(await openingCount()).toBe(0);
  });

  it("more than a billion đồng is taken only after «Đúng, số tiền là …»", async () => {
    await startRecording();
    await reporter.send("hôm nay");
    await reporter.send("30");
    await reporter.send("2 tỷ");
    expect(reporter.lastText()).toBe(vi("piggy-amount-large", { amount: "2.000.000.000 ₫" }));
    expect(reporter.buttons()[0]).toBe("✅ Đúng, số tiền là 2.000.000.000 ₫");
    await reporter.press(vi("btn-retype"));
    expect(reporter.lastText()).toBe(vi("piggy-ask-collected"));
    await reporter.send("2 tỷ");
    await reporter.press(vi("btn-piggy-large-yes", { amount: "2.000.000.000 ₫" }));
    expect(reporter.lastText()).toBe(vi("piggy-ask-scholarship-count", { collected: "2.000.000.000 ₫" }));
    await reporter.send("/cancel");
    expect(await openingCount()).toBe(0);
  });
});

describe("dates", () => {
  it("a day in the future, before the drive, that does not exist, or unreadable: asked again", async () => {
    await startRecording();
    await reporter.send("25/12");
    expect(reporter.texts()).toEqual([vi("piggy-date-future", { date: "25/12/2026" })]);
    await reporter.send("1/11");
    expect(reporter.texts()).toEqual([vi("piggy-date-before-drive", { date: "01/11/2026", start: "29/11/2026" })]);
    await reporter.send("31/2");
    expect(reporter.texts()).toEqual([vi("piggy-date-no_such_day")]);
    await reporter.send("hôm kia");
    expect(reporter.texts()).toEqual([vi("piggy-date-invalid")]);
    await reporter.sendPhoto();
    expect(reporter.texts()).toEqual([vi("piggy-need-date")]);
    await reporter.send("hôm qua");
    expect(reporter.lastText()).toBe(vi("piggy-ask-opened", { handed: "50" }));
    await reporter.send("/cancel");
    expect(await openingCount()).toBe(0);
  });

  it("the services' own check is told too (the clock moved back while the form was open)", async () => {
    await startRecording();
    await fillOpening(reporter, "vi", { date: "20/12", opened: "5", collected: "100k", schCount: 0, supplies: 0, fund: "100k", other: 0 });
    h.env.clock.now = new Date("2026-12-19T03:00:00Z");
    await reporter.press(vi("btn-piggy-send"));
    expect(reporter.texts()).toEqual([vi("errors-date_in_future"), vi("piggy-ask-date")]);
    expect(reporter.buttons()).toContain(vi("btn-keep", { value: "20/12/2026" }));
    await reporter.send("19/12");
    for (let i = 0; i < 6; i++) await answer(reporter, "vi", "keep"); // opened … other
    await reporter.press(vi("btn-skip"));
    await reporter.press(vi("btn-piggy-send"));
    expect(reporter.texts()[0]).toBe(vi("piggy-opening-saved", { date: "19/12/2026", collected: vnd(100_000) }));
    await h.prisma.piggyBankOpening.deleteMany({ where: { driveId } });
  });
});

describe("the uses and the photo", () => {
  it("uses above the collection: says by how much and asks the uses again; more banks than handed out: a warning only", async () => {
    await startRecording();
    await reporter.press(vi("btn-today"));
    await reporter.send("60");
    expect(reporter.texts()).toEqual([vi("piggy-opened-warning", { handed: "50", total: "60" }), vi("piggy-ask-collected")]);
    await reporter.send("1.000.000");
    await reporter.send("2");
    await reporter.send("600.000");
    await reporter.send("300.000");
    await reporter.send("150.000");
    expect(reporter.lastText()).toBe(vi("piggy-ask-other", { left: vnd(-50_000) }));
    await reporter.send("50.000");
    expect(reporter.lastText()).toBe(vi("piggy-ask-other-note", { amount: vnd(50_000) }));
    await reporter.send("Thuê loa");
    expect(reporter.texts()).toEqual([
      vi("piggy-uses-exceed", { uses: vnd(1_100_000), collected: vnd(1_000_000), excess: vnd(100_000) }),
      vi("piggy-ask-scholarship-amount", { count: "2", left: vnd(1_000_000) }),
    ]);
    expect(reporter.texts()[0]).toContain("100.000 ₫");
    await reporter.press("f:keep"); // scholarships as they were
    await reporter.press("f:keep"); // supplies
    await reporter.send("50.000"); // the fund: 100.000 less
    expect(reporter.lastText()).toBe(vi("piggy-ask-other", { left: vnd(50_000) }));
    await reporter.press("f:keep");
    expect(reporter.buttons()).toContain(vi("btn-keep", { value: "Thuê loa" }));
    await reporter.press("f:keep");
    expect(reporter.lastText()).toBe(vi("piggy-ask-photo"));
    await reporter.send("xong rồi");
    expect(reporter.texts()).toEqual([vi("piggy-photo-expected")]);
    await reporter.sendSticker();
    expect(reporter.texts()).toEqual([vi("piggy-photo-expected")]);
    await reporter.press(vi("btn-skip"));
    expect(reporter.lastText()).toContain(`• Khác: ${vnd(50_000)} (Thuê loa)`);
    expect(reporter.lastText()).toContain(`• Còn lại: ${vnd(0)}`);
    expect(await openingCount()).toBe(0);
    await reporter.press(vi("btn-piggy-send"));
    expect(reporter.texts().slice(0, 2)).toEqual([
      vi("piggy-opening-saved", { date: "20/12/2026", collected: vnd(1_000_000) }),
      vi("piggy-warning-opened_more_than_handed_out"),
    ]);
    const saved = await h.prisma.piggyBankOpening.findFirstOrThrow({ where: { driveId } });
    expect(saved).toMatchObject({ banksOpened: 60, fundAmount: 50_000n, otherAmount: 50_000n, otherNote: "Thuê loa", photoFileId: null });
    await h.prisma.piggyBankOpening.deleteMany({ where: { driveId } });
  });
});

describe("a second drive", () => {
  it("the same unit and school year: refused with a way to the drive that exists; the coordinator is asked", async () => {
    await reporter.send("/piggy");
    await reporter.press(vi("btn-piggy-start"));
    await reporter.press(vi("piggy-year-current", { year: "2026–2027" }));
    await reporter.press(vi("piggy-kind-class"));
    await reporter.send("0");
    expect(reporter.texts()).toEqual([vi("piggy-count-too-small", { min: 1 })]);
    await reporter.send("10");
    await reporter.send("Lớp 5A");
    await reporter.press(vi("btn-piggy-drive-save"));
    expect(reporter.texts()).toEqual([`${vi("piggy-drive-exists", { unit: "Chi hội xóm Đồi, xã Mãn Đức", year: "2026–2027" })}\n\n${vi("piggy-extra-asked")}`]);
    expect(reporter.buttons()).toEqual([vi("btn-piggy-see-drive")]);
    expect(buttonData(messageWith(coordinator, vi("piggy-extra-request", { name: "Bùi Thị Hoa", unit: "Chi hội xóm Đồi, xã Mãn Đức", year: "2026–2027", drives: 1 })))).toEqual([
      `pw:${branchId}:2026:1:${REPORTER}`, `pc:${branchId}:2026`,
    ]); // allowing it is in piggy-allow.test.ts
    expect(await h.prisma.piggyBankDrive.count({ where: { unitId: branchId } })).toBe(1);
    await reporter.press(vi("btn-piggy-see-drive"));
    expect(reporter.lastText()).toContain(vi("piggy-card-title", { unit: "Chi hội xóm Đồi, xã Mãn Đức", year: "2026–2027" }));
    expect(reporter.buttons()).toContain(vi("btn-piggy-record"));
  });

  it("the previous school year is a year of its own", async () => {
    await reporter.send("/piggy");
    await reporter.press(vi("btn-piggy-start"));
    await reporter.press("2025–2026");
    await reporter.press(vi("btn-back"));
    expect(reporter.lastText()).toBe(vi("piggy-drive-ask-year", { unit: "Chi hội xóm Đồi, xã Mãn Đức" }));
    await reporter.press("2025–2026");
    await reporter.press(vi("piggy-kind-pupil"));
    await reporter.send("80");
    await reporter.press(vi("btn-skip"));
    await reporter.press(vi("btn-piggy-drive-save"));
    expect(reporter.texts()[0]).toBe(vi("piggy-drive-started", { unit: "Chi hội xóm Đồi, xã Mãn Đức", year: "2025–2026", banks: "80" }));
    expect(reporter.lastText()).toContain("2025–2026");
    expect(await h.prisma.piggyBankDrive.count({ where: { unitId: branchId } })).toBe(2);
  });
});

describe("a coordinator starts a drive for a branch under them", () => {
  it("from the totals: which unit (back goes to it), then the same questions; the branch leaves the missing list", async () => {
    await coordinator.send("/piggy");
    await coordinator.press(vi("btn-piggy-totals"));
    expect(coordinator.lastText()).toContain(vi("piggy-totals-missing-line", { unit: "Chi hội xóm Bưng" }));
    await coordinator.press(vi("btn-piggy-start"));
    expect(coordinator.lastText()).toBe(vi("piggy-drive-ask-unit"));
    expect(coordinator.buttons()).toEqual(["Xã Mãn Đức (Huyện Tân Lạc)", "Chi hội xóm Đồi, xã Mãn Đức (Xã Mãn Đức)", "Chi hội xóm Bưng (Xã Mãn Đức)", vi("btn-cancel")]);
    await coordinator.press("Chi hội xóm Đồi");
    await coordinator.press(vi("btn-back"));
    expect(coordinator.lastText()).toBe(vi("piggy-drive-ask-unit"));
    await coordinator.press("Chi hội xóm Bưng");
    expect(coordinator.lastText()).toBe(vi("piggy-drive-ask-year", { unit: "Chi hội xóm Bưng" }));
    await coordinator.press(vi("piggy-year-current", { year: "2026–2027" }));
    await coordinator.press(vi("piggy-kind-household"));
    await coordinator.send("1.200");
    await coordinator.send("Phát ở buổi họp xóm");
    expect(coordinator.lastText()).toContain("1.200 con");
    expect(coordinator.lastText()).toContain("Phát ở buổi họp xóm");
    await coordinator.press(vi("btn-piggy-drive-save"));
    expect(coordinator.texts()[0]).toBe(vi("piggy-drive-started", { unit: "Chi hội xóm Bưng", year: "2026–2027", banks: "1.200" }));
    const bung = await h.unit("HB-TL-MD-02");
    expect(await h.prisma.piggyBankDrive.findFirstOrThrow({ where: { unitId: bung.id } })).toMatchObject({ banksHandedOut: 1200, note: "Phát ở buổi họp xóm" });
    await coordinator.send("/piggy");
    await coordinator.press(vi("btn-piggy-totals"));
    const totals = coordinator.lastText() ?? "";
    expect(totals.slice(totals.indexOf(vi("piggy-totals-missing", { count: 1 })))).toBe(`${vi("piggy-totals-missing", { count: 1 })}\n• Xã Mãn Đức`);
    expect(coordinator.buttons()).toContain("Chi hội xóm Bưng"); // its card, from the list by unit
  });
});

describe("a restart in the middle of the form", () => {
  it("loses nothing: the answers before the restart are in the saved opening", async () => {
    await startRecording();
    await reporter.send("18/12");
    await reporter.send("7");
    h.restart();
    await reporter.send("700k");
    expect(reporter.lastText()).toBe(vi("piggy-ask-scholarship-count", { collected: vnd(700_000) }));
    await reporter.press(vi("btn-zero"));
    await reporter.press(vi("btn-zero"));
    h.restart();
    await reporter.send("700.000");
    await reporter.press(vi("btn-zero"));
    await reporter.sendPhoto();
    h.restart();
    await reporter.press(vi("btn-piggy-send"));
    expect(reporter.texts()[0]).toBe(vi("piggy-opening-saved", { date: "18/12/2026", collected: vnd(700_000) }));
    const saved = await h.prisma.piggyBankOpening.findFirstOrThrow({ where: { driveId } });
    expect(saved).toMatchObject({ banksOpened: 7, amountCollected: 700_000n, fundAmount: 700_000n, suppliesAmount: 0n });
    expect(saved.photoFileId).toMatch(/_1280$/);
    await h.prisma.piggyBankOpening.deleteMany({ where: { driveId } });
  });
});

describe("buttons from someone who may not", () => {
  let openingId: number;
  let version: string;
  beforeAll(async () => {
    const recorded = await h.services.piggyBanks.recordOpening(await h.person(REPORTER), driveId, figures());
    openingId = recorded.opening.id;
    version = Date.parse(recorded.opening.updatedAt).toString(36);
  });

  async function snapshot() {
    const [drives, openings, audit] = await Promise.all([
      h.prisma.piggyBankDrive.findMany({ orderBy: { id: "asc" } }),
      h.prisma.piggyBankOpening.findMany({ orderBy: { id: "asc" } }),
      h.prisma.auditLog.count(),
    ]);
    return { drives, openings, audit };
  }

  const presses = (): [string, string][] => [
    [`pc:${branchId}:2026`, "see the card"],
    [`pd:${branchId}`, "start a drive"],
    [`po:${branchId}:${driveId}`, "record an opening"],
    [`pe:${openingId}`, "correct an opening"],
    [`pa:${openingId}:${version}`, "approve"],
    [`pn:${openingId}:${version}`, "send back"],
    [`pt:${branchId}:2026`, "totals"],
    [`pq:${branchId}:2026`, "the review list"],
    [`pp:${openingId}`, "see the photo"],
  ];

  for (const [who, id] of [["a reporter of another unit", OUTSIDER], ["a coordinator of another district", OTHER_COORDINATOR]] as const) {
    it.each(Array.from({ length: 9 }, (_, i) => i))(`${who}: press %# is refused, nothing changes, no flow starts`, async (i) => {
      const [data, what] = presses()[i]!;
      const chat = h.chat({ id });
      await chat.send("/menu");
      const before = await snapshot();
      await chat.pressData(data);
      expect(chat.answeredCallbacks().filter((a) => a.ok), what).toHaveLength(1);
      expect([...chat.callbackTexts(), ...chat.texts()], what).toContain(vi("errors-forbidden"));
      await chat.send("12");
      expect(chat.lastText(), what).toBe(vi("unknown-message"));
      expect(await snapshot(), what).toEqual(before);
    });
  }

  it("a plain member of the branch sees the card but cannot report, correct or approve", async () => {
    const member = h.chat({ id: PLAIN_MEMBER });
    await member.send("/piggy");
    expect(member.lastText()).toContain(vi("piggy-card-title", { unit: "Chi hội xóm Đồi, xã Mãn Đức", year: "2026–2027" }));
    expect(member.buttons()).toEqual([vi("btn-piggy-year", { year: "2025–2026" }), vi("btn-menu")]);
    const before = await snapshot();
    for (const data of [`po:${branchId}:${driveId}`, `pd:${branchId}`, `pe:${openingId}`, `pa:${openingId}:${version}`]) {
      await member.pressData(data);
      expect([...member.callbackTexts(), ...member.texts()], data).toContain(vi("errors-forbidden"));
    }
    expect(await snapshot()).toEqual(before);
  });

  it("a newcomer is told /piggy is for members", async () => {
    const newcomer = h.chat();
    await newcomer.send("/piggy");
    expect(newcomer.texts()).toEqual([vi("errors-forbidden-members")]);
  });

  it("forged versions and ids: answered, never a crash", async () => {
    for (const data of [`pa:${openingId}:zzzzzzzzzzzz`, "pa:999999:abc", "pn:999999:abc", "pe:999999", `po:${branchId}:999999`]) {
      await coordinator.send("/menu");
      await coordinator.pressData(data);
      expect(coordinator.answeredCallbacks().filter((a) => a.ok), data).toHaveLength(1);
      expect([...coordinator.callbackTexts(), ...coordinator.texts()], data).not.toContain(vi("errors-internal"));
    }
  });
});

describe("an opening corrected after the coordinator opened it", () => {
  it("approving the old version is refused: «đã được sửa, xin xem lại», with the new figures to decide on", async () => {
    const recorded = await h.services.piggyBanks.recordOpening(await h.person(REPORTER), driveId, figures({ openedOn: "2026-12-12", amountCollected: 2_000_000, fundAmount: 1_500_000 }));
    const id = recorded.opening.id;
    await coordinator.send("/piggy");
    await coordinator.press(vi("btn-piggy-review"));
    const shown = messageWith(coordinator, "12/12/2026", vi("piggy-review-item", { year: "2026–2027", status: vi("piggy-status-submitted") }));
    expect(shown.text).toContain(vnd(2_000_000));
    const oldData = buttonData(shown);

    // Meanwhile the reporter corrects it in the chat.
    await reporter.send("/piggy");
    await reporter.press(vi("btn-piggy-correct", { date: "12/12/2026" }));
    await fillOpening(reporter, "vi", { date: "keep", opened: "keep", collected: "2.200.000", schCount: "keep", schAmount: "keep", supplies: "keep", fund: "1.700.000", other: "keep" });
    await reporter.press(vi("btn-piggy-save-correction"));
    expect(reporter.texts()[0]).toBe(vi("piggy-opening-corrected", { date: "12/12/2026", collected: vnd(2_200_000) }));

    await coordinator.press(vi("btn-piggy-approve"), { messageId: shown.message_id });
    expect(coordinator.callbackTexts()).toEqual([vi("errors-opening_changed")]);
    expect(vi("errors-opening_changed")).toContain("đã được sửa, xin xem lại");
    expect(coordinator.texts()[0]).toBe(vi("errors-opening_changed"));
    expect(coordinator.lastText()).toContain(vnd(2_200_000)); // the figures as they are now
    expect((await h.prisma.piggyBankOpening.findUniqueOrThrow({ where: { id } })).status).toBe("SUBMITTED");

    // "Needs correction" from the old message (its data, as a slow phone would still send it): the same.
    expect(inlineButtons(messageWith(coordinator, vnd(2_000_000), "12/12/2026"))).toEqual([]); // its buttons were taken away
    await coordinator.pressData(oldData[1]!, { messageId: shown.message_id });
    expect(coordinator.texts()[0]).toBe(vi("errors-opening_changed"));
    expect(coordinator.lastText()).toContain(vnd(2_200_000));

    const fresh = coordinator.lastInline()!;
    expect(inlineButtons(fresh).map((b) => b.text)).toEqual([vi("btn-piggy-approve"), vi("btn-piggy-needs-correction")]);
    await coordinator.press(vi("btn-piggy-approve"), { messageId: fresh.message_id });
    expect(coordinator.texts()[0]).toBe(vi("piggy-approved-by-you", { unit: "Chi hội xóm Đồi, xã Mãn Đức", date: "12/12/2026" }));
    expect((await h.prisma.piggyBankOpening.findUniqueOrThrow({ where: { id } })).status).toBe("APPROVED");

    // Approved: the reporter can no longer correct it.
    await reporter.send("/piggy");
    expect(reporter.buttons()).not.toContain(vi("btn-piggy-correct", { date: "12/12/2026" }));
    await reporter.pressData(`pe:${id}`);
    expect(reporter.texts()).toEqual([vi("errors-opening_approved")]);
  });

  it("sending back a version that changed while the comment was typed: told, nothing decided", async () => {
    const recorded = await h.services.piggyBanks.recordOpening(await h.person(REPORTER), driveId, figures({ openedOn: "2026-12-13" }));
    const id = recorded.opening.id;
    await coordinator.send("/piggy");
    await coordinator.press(vi("btn-piggy-review"));
    const shown = messageWith(coordinator, "13/12/2026", vi("piggy-review-item", { year: "2026–2027", status: vi("piggy-status-submitted") }));
    await coordinator.press(vi("btn-piggy-needs-correction"), { messageId: shown.message_id });
    expect(coordinator.lastText()).toBe(vi("piggy-ask-comment", { unit: "Chi hội xóm Đồi, xã Mãn Đức", date: "13/12/2026" }));
    await h.services.piggyBanks.correctOpening(await h.person(REPORTER), id, figures({ openedOn: "2026-12-13", banksOpened: 11 }));
    await coordinator.send("Thiếu ảnh");
    expect(coordinator.texts()[0]).toBe(vi("errors-opening_changed"));
    expect(coordinator.lastText()).toContain("11 con");
    const row = await h.prisma.piggyBankOpening.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "SUBMITTED", reviewComment: null });
  });
});
