// Opening a sponsorship case (Ba đỡ đầu) in the chat, in Vietnamese and in
// English: the whole flow with the bad input people really type (a year of
// birth that makes the pupil 2 or 40, grades that do not exist, a negative,
// zero or absurd monthly amount, a start date in the future, no consent),
// back with every answer kept, cancel saving nothing, and a member of one
// branch refused a case for another.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { formatAmount } from "../../src/domain/money.ts";
import { type BotHarness, startHarness, t } from "../helpers/bot.ts";
import type { TestChat } from "../helpers/telegram.ts";

type L = "vi" | "en";

let h: BotHarness;
let branchId: number;
beforeAll(async () => {
  h = await startHarness();
  branchId = (await h.unit("HB-TL-MD-01")).id;
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  // 29/11/2026, 10:00 in Vietnam.
  h.env.clock.now = new Date("2026-11-29T03:00:00Z");
});

const cases = [
  {
    locale: "vi" as L, memberId: 1101, otherId: 1102, pupil: "Lò Thị Hương", school: "Trường THCS Mãn Đức", grade: "lớp 7",
    note: "Bố mẹ đi làm xa, em ở với bà", sponsor: "Gia đình ông Bùi Văn Tâm", kind: "Gia đình",
    monthly: "500k", supplies: "1,5 triệu", absurd: "50 triệu",
  },
  {
    locale: "en" as L, memberId: 1111, otherId: 1112, pupil: "Lò Văn Minh", school: "Mãn Đức Lower Secondary School", grade: "7A",
    note: "Parents work far away, lives with his grandmother", sponsor: "The family of Mr Bùi Văn Tâm", kind: "A family",
    monthly: "500,000", supplies: "1.5 million", absurd: "50 million",
  },
];

const casesOf = (ownerId: number) => h.prisma.sponsorshipCase.count({ where: { ownerTelegramId: BigInt(ownerId) } });

describe.each(cases)("opening a sponsorship case ($locale)", (c) => {
  const tr = (key: string, vars?: Record<string, string | number>) => t(c.locale, key, vars);
  const vnd = (n: number) => formatAmount(n, c.locale);
  let chat: TestChat;

  beforeAll(async () => {
    await h.makeMember(c.memberId, "HB-TL-MD-01", "MEMBER", "Hà Thị Lan", c.locale);
    chat = h.chat({ id: c.memberId, lang: c.locale });
  });

  /** From the entry button to the question after the grade. */
  async function upToCircumstances(): Promise<void> {
    await chat.send("/menu");
    await chat.pressData("so");
    expect(chat.texts()).toEqual([tr("sponsor-open-intro"), tr("sponsor-open-ask-name")]); // one unit: not asked
    await chat.send(c.pupil);
    await chat.send("2014");
    await chat.send(c.school);
    await chat.send(c.grade);
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-circumstances"));
  }

  it("the whole flow, with every kind of bad input asked again, saves the case only when confirmed", async () => {
    await chat.send("/menu");
    await chat.pressData("so");
    expect(chat.texts()).toEqual([tr("sponsor-open-intro"), tr("sponsor-open-ask-name")]);
    expect(chat.buttons()).toEqual([tr("btn-cancel")]); // the first question: no way back

    // ---- the pupil ----
    await chat.send("12345");
    expect(chat.texts()).toEqual([tr("sponsor-open-name-no_letters", { text: "12345" })]);
    await chat.send(c.pupil.normalize("NFD")); // some phones send decomposed diacritics
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-birth-year"));
    await chat.send("2024");
    expect(chat.texts()).toEqual([tr("sponsor-open-birth-year-too-young", { year: "2024", age: 2, min: 5, max: 20 })]);
    await chat.send("1986");
    expect(chat.texts()).toEqual([tr("sponsor-open-birth-year-too-old", { year: "1986", age: 40, min: 5, max: 20 })]);
    await chat.send("năm");
    expect(chat.texts()).toEqual([tr("sponsor-open-birth-year-invalid", { text: "năm" })]);
    await chat.send("2014");
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-school"));
    await chat.send("A");
    expect(chat.texts()).toEqual([tr("sponsor-open-school-too-short", { min: 2 })]);
    await chat.send(c.school);
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-grade"));
    expect(chat.buttons()).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", tr("btn-back"), tr("btn-cancel")]);
    for (const bad of ["0", "13", c.locale === "vi" ? "lớp 15" : "grade 15"]) {
      await chat.send(bad);
      expect(chat.texts()).toEqual([tr("sponsor-open-grade-invalid", { text: bad, min: 1, max: 12 })]);
    }
    await chat.send(c.grade);
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-circumstances"));

    // ---- circumstances: ticks, at least one, "other" asks a note ----
    await chat.press(tr("btn-sponsor-open-done"));
    expect(chat.texts()).toEqual([tr("sponsor-open-choose-one")]);
    await chat.press(tr("sponsor-circ-POOR_HOUSEHOLD"));
    await chat.press(tr("sponsor-circ-ORPHAN"));
    await chat.press(tr("sponsor-circ-OTHER"));
    expect(chat.buttons()).toContain(`✓ ${tr("sponsor-circ-ORPHAN")}`);
    await chat.press(`✓ ${tr("sponsor-circ-ORPHAN")}`); // unticked again
    expect(chat.buttons().slice(0, 6)).toEqual([
      `✓ ${tr("sponsor-circ-POOR_HOUSEHOLD")}`, tr("sponsor-circ-ORPHAN"), tr("sponsor-circ-DISABILITY"), tr("sponsor-circ-FAR_FROM_SCHOOL"),
      tr("sponsor-circ-ETHNIC_MINORITY_AREA"), `✓ ${tr("sponsor-circ-OTHER")}`,
    ]);
    await chat.press(tr("btn-sponsor-open-done"));
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-circumstance-note"));
    await chat.send(c.note);

    // ---- the sponsor ----
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-kind"));
    expect(chat.buttons()).toContain(c.kind);
    await chat.send(c.kind);
    expect(chat.texts()).toEqual([tr("flow-use-buttons")]);
    await chat.press(c.kind);
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-sponsor-name"));
    await chat.send(c.sponsor);

    // ---- support and amounts ----
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-support"));
    await chat.press(tr("sponsor-support-MONEY"));
    await chat.press(tr("sponsor-support-SUPPLIES"));
    await chat.press(tr("sponsor-support-TUTORING"));
    await chat.press(tr("btn-sponsor-open-done"));
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-MONEY"));
    await chat.send("-500000");
    expect(chat.texts()).toEqual([tr("piggy-amount-negative")]);
    await chat.send("0");
    expect(chat.texts()).toEqual([tr("sponsor-open-money-zero"), tr("sponsor-open-ask-MONEY")]);
    await chat.send(c.absurd);
    expect(chat.texts()).toEqual([tr("sponsor-open-money-too-large", { amount: vnd(50_000_000), max: vnd(20_000_000) }), tr("sponsor-open-ask-MONEY")]);
    await chat.send(c.monthly);
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-SUPPLIES"));
    await chat.send(c.supplies);
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-TUTORING"));
    await chat.press(tr("btn-zero")); // free tutoring

    // ---- start date, interval ----
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-start"));
    await chat.send("5/12/2026");
    expect(chat.texts()).toEqual([tr("sponsor-open-date-future", { date: "05/12/2026" })]);
    await chat.send("31/11/2026");
    expect(chat.texts()).toEqual([tr("sponsor-open-date-no-such-day")]);
    await chat.send("15/11/2026");
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-interval"));
    expect(chat.buttons().slice(0, 4)).toEqual([1, 2, 3, 6].map((n) => tr(`sponsor-open-interval-${n}`)));
    await chat.press(tr("sponsor-open-interval-1"));

    // ---- consent: not yet → nothing saved; back → agreed ----
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-consent"));
    await chat.press(tr("btn-sponsor-open-consent-no"));
    expect(chat.lastText()).toBe(tr("sponsor-open-consent-missing"));
    expect(chat.buttons()).toEqual([tr("btn-back"), tr("btn-cancel")]);
    expect(await casesOf(c.memberId)).toBe(0);
    await chat.press(tr("btn-back"));
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-consent"));
    await chat.press(tr("btn-sponsor-open-consent-yes"));

    // ---- the summary, then save ----
    const support = [
      tr("sponsor-open-summary-support", { label: tr("sponsor-support-MONEY"), amount: tr("sponsor-open-per-month", { amount: vnd(500_000) }) }),
      tr("sponsor-open-summary-support", { label: tr("sponsor-support-SUPPLIES"), amount: vnd(1_500_000) }),
      tr("sponsor-open-summary-support", { label: tr("sponsor-support-TUTORING"), amount: tr("sponsor-open-no-value") }),
    ].join("\n");
    expect(chat.lastText()).toBe(
      tr("sponsor-open-summary", {
        unit: "Chi hội xóm Đồi, xã Mãn Đức", pupil: c.pupil, year: "2014", school: c.school, grade: 7,
        circumstances: [tr("sponsor-circ-POOR_HOUSEHOLD"), tr("sponsor-open-with-note", { label: tr("sponsor-circ-OTHER"), note: c.note })].join("; "),
        kind: c.kind, sponsor: c.sponsor, support, start: "15/11/2026", interval: tr("sponsor-open-interval-1"),
      }),
    );
    expect(chat.buttons()).toEqual([tr("btn-sponsor-open-save"), tr("btn-back"), tr("btn-cancel")]);
    expect(await casesOf(c.memberId)).toBe(0); // nothing before the confirmation
    await chat.press(tr("btn-sponsor-open-save"));
    expect(chat.texts()[0]).toBe(tr("sponsor-open-saved", { pupil: c.pupil, date: "15/12/2026" }));
    expect(chat.texts().length).toBeGreaterThan(1); // then the case card

    const saved = await h.prisma.sponsorshipCase.findFirstOrThrow({
      where: { ownerTelegramId: BigInt(c.memberId) }, include: { supports: { orderBy: { id: "asc" } }, sponsorKind: true },
    });
    expect(saved).toMatchObject({
      unitId: branchId, pupilName: c.pupil, birthYear: 2014, schoolName: c.school, grade: 7, circumstances: ["POOR_HOUSEHOLD", "OTHER"],
      circumstanceNote: c.note, sponsorName: c.sponsor, monthlyAmount: 500_000n, supportKinds: ["MONEY", "SUPPLIES", "TUTORING"], supportNote: null,
      status: "ACTIVE", checkInMonths: 1,
    });
    expect(saved.pupilName).toBe(saved.pupilName?.normalize("NFC"));
    expect(saved.sponsorKind.code).toBe("FAMILY");
    expect(saved.consentAt).toEqual(h.env.clock.now);
    expect(saved.startedOn.toISOString().slice(0, 10)).toBe("2026-11-15");
    expect(saved.nextCheckInOn.toISOString().slice(0, 10)).toBe("2026-12-15");
    expect(saved.supports.map((s) => [s.kind, Number(s.amount)])).toEqual([["SUPPLIES", 1_500_000], ["TUTORING", 0]]);
  });

  it("back goes one step and keeps every answer", async () => {
    const before = await casesOf(c.memberId);
    await upToCircumstances();
    await chat.press(tr("sponsor-circ-FAR_FROM_SCHOOL"));
    await chat.press(tr("btn-sponsor-open-done"));
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-kind"));
    await chat.press(tr("btn-back"));
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-circumstances"));
    expect(chat.buttons()).toContain(`✓ ${tr("sponsor-circ-FAR_FROM_SCHOOL")}`); // still ticked
    await chat.press(tr("btn-back"));
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-grade"));
    await chat.press(tr("btn-back"));
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-school"));
    await chat.press(tr("btn-back"));
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-birth-year"));
    expect(chat.buttons()).toContain(tr("btn-keep", { value: "2014" }));
    await chat.press(tr("btn-back"));
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-name"));
    expect(chat.buttons()).toEqual([tr("btn-keep", { value: c.pupil }), tr("btn-cancel")]);
    await chat.press(tr("btn-keep", { value: c.pupil }));
    await chat.press(tr("btn-keep", { value: "2014" }));
    expect(chat.buttons()).toContain(tr("btn-keep", { value: c.school }));
    await chat.press(tr("btn-keep", { value: c.school }));
    await chat.press("f:8"); // grade 8 this time
    await chat.press(tr("btn-sponsor-open-done")); // the ticks kept
    await chat.press(c.kind);
    await chat.send(c.sponsor);
    await chat.press(tr("sponsor-support-BICYCLE"));
    await chat.press(tr("sponsor-support-OTHER"));
    await chat.press(tr("btn-sponsor-open-done"));
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-BICYCLE"));
    await chat.send(c.locale === "vi" ? "1tr2" : "1.2 million");
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-support-note"));
    const other = c.locale === "vi" ? "Áo ấm" : "A warm coat";
    await chat.send(other);
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-OTHER", { note: other }));
    await chat.send("999999999999"); // far above any one-off support
    expect(chat.texts()).toEqual([tr("sponsor-open-item-too-large", { amount: vnd(999_999_999_999), max: vnd(200_000_000) }), tr("sponsor-open-ask-OTHER", { note: other })]);
    await chat.press(tr("btn-back"));
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-support-note"));
    await chat.press(tr("btn-keep", { value: other }));
    await chat.press(tr("btn-zero"));
    await chat.press(tr("btn-today"));
    await chat.press(tr("sponsor-open-interval-3"));
    await chat.press(tr("btn-sponsor-open-consent-yes"));
    const summary = chat.lastText() ?? "";
    expect(summary).toContain(tr("sponsor-open-summary-support", { label: tr("sponsor-support-BICYCLE"), amount: vnd(1_200_000) }));
    expect(summary).toContain(tr("sponsor-open-with-note", { label: tr("sponsor-support-OTHER"), note: other }));
    // back from the summary: the consent again, then the interval
    await chat.press(tr("btn-back"));
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-consent"));
    await chat.press(tr("btn-back"));
    expect(chat.lastText()).toBe(tr("sponsor-open-ask-interval"));
    await chat.press(tr("sponsor-open-interval-3"));
    await chat.press(tr("btn-sponsor-open-consent-yes"));
    await chat.press(tr("btn-sponsor-open-save"));
    expect(chat.texts()[0]).toBe(tr("sponsor-open-saved", { pupil: c.pupil, date: "28/02/2027" }));
    expect(await casesOf(c.memberId)).toBe(before + 1);
    const saved = await h.prisma.sponsorshipCase.findFirstOrThrow({ where: { ownerTelegramId: BigInt(c.memberId) }, orderBy: { id: "desc" } });
    expect(saved).toMatchObject({
      grade: 8, circumstances: ["FAR_FROM_SCHOOL"], circumstanceNote: null, supportKinds: ["BICYCLE", "OTHER"], supportNote: other,
      monthlyAmount: 0n, checkInMonths: 3,
    });
  });

  it("/cancel in the middle, or the cancel button, saves nothing", async () => {
    const before = await casesOf(c.memberId);
    await upToCircumstances();
    await chat.send("/cancel");
    expect(chat.texts()).toEqual([tr("flow-cancelled")]);
    await chat.send("2014"); // no longer an answer to anything
    expect(chat.lastText()).toBe(tr("unknown-message"));

    await upToCircumstances();
    await chat.press(tr("sponsor-circ-ORPHAN"));
    await chat.press(tr("btn-cancel"));
    expect(chat.lastText()).toBe(tr("flow-cancelled"));
    expect(await casesOf(c.memberId)).toBe(before);
  });

  it("no consent, then cancel: nothing is saved", async () => {
    const before = await casesOf(c.memberId);
    await upToCircumstances();
    await chat.press(tr("sponsor-circ-DISABILITY"));
    await chat.press(tr("btn-sponsor-open-done"));
    await chat.press(c.kind);
    await chat.send(c.sponsor);
    await chat.press(tr("sponsor-support-MONEY"));
    await chat.press(tr("btn-sponsor-open-done"));
    await chat.send(c.monthly);
    await chat.press(tr("btn-today"));
    await chat.press(tr("sponsor-open-interval-1"));
    await chat.press(tr("btn-sponsor-open-consent-no"));
    await chat.press(tr("btn-cancel"));
    expect(chat.lastText()).toBe(tr("flow-cancelled"));
    expect(await casesOf(c.memberId)).toBe(before);
  });

  it("a member is refused a case for a branch they do not belong to", async () => {
    await h.makeMember(c.otherId, "HB-MC-CC-01", "MEMBER", "Lường Văn Ơn", c.locale);
    const outsider = await h.person(c.otherId);
    const input = {
      unitId: branchId, pupilName: c.pupil, birthYear: 2014, schoolName: c.school, grade: 7, circumstances: ["POOR_HOUSEHOLD" as const],
      circumstanceNote: null, sponsorKindId: (await h.prisma.sponsorKind.findFirstOrThrow()).id, sponsorName: c.sponsor,
      support: [{ kind: "MONEY" as const, amount: 500_000 }], supportNote: null, startedOn: "2026-11-15", checkInMonths: 1, guardianConsent: true,
    };
    await expect(h.services.sponsorships.openCase(outsider, input)).rejects.toMatchObject({ code: "forbidden" });
    // …and the chat only offers their own branch, or refuses a forged entry for another.
    const other = h.chat({ id: c.otherId, lang: c.locale });
    await other.send("/menu");
    await other.pressData(`so:${branchId}`);
    expect(other.texts()).toEqual([tr("errors-forbidden")]);
    expect(await casesOf(c.otherId)).toBe(0);
  });
});

describe("several units", () => {
  it("a coordinator of the commune is asked which unit; a member of none is told", async () => {
    await h.makeMember(1121, "HB-TL-MD", "COORDINATOR", "Trần Văn Nam");
    const chat = h.chat({ id: 1121 });
    await chat.send("/menu");
    await chat.pressData("so");
    expect(chat.texts()).toEqual([t("vi", "sponsor-open-intro"), t("vi", "sponsor-open-ask-unit")]);
    const labels = chat.buttons();
    expect(labels).toContain("Xã Mãn Đức (Huyện Tân Lạc)");
    expect(labels).toContain("Chi hội xóm Đồi, xã Mãn Đức (Xã Mãn Đức)");
    expect(labels).not.toContain(t("vi", "btn-back"));
    await chat.press("Chi hội xóm Đồi, xã Mãn Đức (Xã Mãn Đức)");
    expect(chat.lastText()).toBe(t("vi", "sponsor-open-ask-name"));
    await chat.press(t("vi", "btn-back"));
    expect(chat.lastText()).toBe(t("vi", "sponsor-open-ask-unit"));
    await chat.press(t("vi", "btn-cancel"));

    const stranger = h.chat({ id: 1122 });
    await stranger.send("/menu");
    await stranger.pressData("so");
    expect(stranger.lastText()).toBe(t("vi", "sponsor-open-no-units"));
  });
});

describe("a refusal at saving", () => {
  it("a sponsor kind hidden meanwhile sends the person back to the kinds, with the other answers kept", async () => {
    await h.makeMember(1131, "HB-TL-MD-02", "MEMBER", "Đinh Văn Hải");
    const chat = h.chat({ id: 1131 });
    const vi = (key: string, vars?: Record<string, string | number>) => t("vi", key, vars);
    await chat.send("/menu");
    await chat.pressData("so");
    for (const text of ["Bùi Văn Nam", "2012", "Trường THCS Mãn Đức", "9"]) await chat.send(text);
    await chat.press(vi("sponsor-circ-POOR_HOUSEHOLD"));
    await chat.press(vi("btn-sponsor-open-done"));
    await chat.press("Doanh nghiệp");
    await chat.send("Công ty Sông Đà");
    await chat.press(vi("sponsor-support-MONEY"));
    await chat.press(vi("btn-sponsor-open-done"));
    await chat.send("300.000");
    await chat.press(vi("btn-today"));
    await chat.press(vi("sponsor-open-interval-1"));
    await chat.press(vi("btn-sponsor-open-consent-yes"));
    await h.prisma.sponsorKind.update({ where: { code: "BUSINESS" }, data: { active: false } });
    try {
      await chat.press(vi("btn-sponsor-open-save"));
      expect(chat.texts()).toEqual([vi("sponsor-open-check-again"), vi("sponsor-open-ask-kind")]);
      expect(chat.buttons()).not.toContain("Doanh nghiệp");
      await chat.press("Cá nhân");
      expect(chat.buttons()).toContain(vi("btn-keep", { value: "Công ty Sông Đà" }));
      await chat.press(vi("btn-keep", { value: "Công ty Sông Đà" }));
      await chat.press(vi("btn-sponsor-open-done"));
      await chat.press("f:keep");
      await chat.press("f:keep");
      await chat.press(vi("sponsor-open-interval-1"));
      await chat.press(vi("btn-sponsor-open-consent-yes"));
      await chat.press(vi("btn-sponsor-open-save"));
      expect(chat.texts()[0]).toBe(vi("sponsor-open-saved", { pupil: "Bùi Văn Nam", date: "29/12/2026" }));
      const saved = await h.prisma.sponsorshipCase.findFirstOrThrow({ where: { ownerTelegramId: 1131n }, include: { sponsorKind: true } });
      expect(saved).toMatchObject({ grade: 9, monthlyAmount: 300_000n, sponsorName: "Công ty Sông Đà" });
      expect(saved.sponsorKind.code).toBe("PERSON");
    } finally {
      await h.prisma.sponsorKind.update({ where: { code: "BUSINESS" }, data: { active: true } });
    }
  });
});
