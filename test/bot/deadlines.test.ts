// 📅 The deadlines calendar in the chat, in both languages, with the clock on
// 5 June 2026 (the shipped mid-year report is due 15/06/2026, ten days on):
// a commune's reporter sees it with ⏳ and a button to open the report, then
// ✅ once the report is submitted; a coordinator above sees how many units
// have sent it and the first missing ones; a member who owes nothing gets a
// friendly line. The administrator edits the date (a bad one refused first),
// the name (keeping the Vietnamese), the reminder steps (typed), turns the
// deadline off and on; a button shown before a change is refused; cancelling
// saves nothing; people who are not administrators forging the buttons are
// refused and change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotHarness, startHarness, t } from "../helpers/bot.ts";
import { shorten } from "../../src/bot/format.ts";
import { buttonData } from "../helpers/piggy.ts";
import type { TestChat } from "../helpers/telegram.ts";

type L = "vi" | "en";

const REPORTER = 801; // a reporter of the commune Mãn Đức
const PROVINCE = 802; // a coordinator of the province
const MEMBER = 803; // a plain member of the branch xóm Đồi (owes nothing)

const COMMUNE = "Xã Mãn Đức";
const H1_NAME = { vi: "Báo cáo sơ kết 6 tháng đầu năm", en: "Mid-year report (first six months)" };
const H1_NOTE = {
  vi: "Báo cáo gửi trong tháng 6, trước hội nghị sơ kết (khoảng 15–20/6).",
  en: "Reports are gathered in June, before the mid-year review meetings (around 15–20 June).",
};
/** The default steps (7, 3, 1 days before, on the day, 3, 6, 9 days late) in words. */
const DEFAULT_STEPS_TEXT: Record<L, string> = {
  vi: "7, 3 và 1 ngày trước; đúng hạn; quá hạn 3, 6, 9 ngày",
  en: "7, 3 and 1 days before; on the day; 3, 6, 9 days late",
};
/** -7, -3, 0, 3 in words. */
const TYPED_STEPS_TEXT: Record<L, string> = {
  vi: "7 và 3 ngày trước; đúng hạn; quá hạn 3 ngày",
  en: "7 and 3 days before; on the day; 3 days late",
};
const OWING_KINDS = ["COMMUNE", "SCHOOL_COMMITTEE", "AGENCY_COMMITTEE"] as const;

describe.each(["vi", "en"] as const)("the deadlines calendar (%s)", (locale) => {
  const tr = (key: string, vars?: Record<string, string | number>) => t(locale, key, vars);
  let h: BotHarness;
  let reporter: TestChat;
  let admin: TestChat;
  let communeId: number;
  let h1Id: number;

  const h1Row = () => h.prisma.deadline.findUniqueOrThrow({ where: { id: h1Id } });
  const lastData = (chat: TestChat) => buttonData(chat.lastInline());

  /** The H1 line of /deadlines, as many days before as the clock says (5 June: ten). */
  const h1Item = () => tr("deadlines-item", { name: H1_NAME[locale], date: "15/06/2026", when: tr("deadlines-days-left", { days: 10 }) });

  /** The administrator's card of the H1 deadline, with what changed so far. */
  const h1Card = (o: { date?: string; steps?: string; active?: boolean; en?: string; kinds?: string; roles?: string } = {}) =>
    [
      tr("deadlines-card", {
        vi: H1_NAME.vi, en: o.en ?? H1_NAME.en,
        what: tr("deadlines-due-report-H1", { year: 2026 }),
        who: tr("deadlines-owes", { kinds: o.kinds ?? [tr("kind-commune"), tr("kind-school-committee"), tr("kind-agency-committee")].join(", "), roles: o.roles ?? tr("role-reporter") }),
        date: o.date ?? "15/06/2026",
        steps: o.steps ?? DEFAULT_STEPS_TEXT[locale],
        state: tr(o.active === false ? "deadlines-state-off" : "deadlines-state-on"),
      }),
      tr("deadlines-card-note", { note: H1_NOTE[locale] }),
    ].join("\n");
  const withHeader = (key: string, card: string) => `${tr(key)}\n\n${card}`;
  const cardButtons = (active = true) => [
    tr("btn-deadlines-edit-date"), tr("btn-deadlines-edit-name"), tr("btn-deadlines-edit-steps"),
    tr("btn-deadlines-edit-kinds"), tr("btn-deadlines-edit-roles"),
    tr(active ? "btn-deadlines-turn-off" : "btn-deadlines-turn-on"), tr("btn-deadlines-year", { year: 2026 }),
    tr("btn-deadlines"), tr("btn-menu"),
  ];

  beforeAll(async () => {
    h = await startHarness();
    h.env.clock.now = new Date("2026-06-05T03:00:00Z"); // 10:00 in Vietnam
    await h.services.deadlines.syncCalendar([2026, 2027]);
    communeId = (await h.unit("HB-TL-MD")).id;
    h1Id = (await h.prisma.deadline.findUniqueOrThrow({ where: { key_year: { key: "so-ket-6-thang", year: 2026 } } })).id;
    await h.makeMember(REPORTER, "HB-TL-MD", "REPORTER", "Bùi Thị Hoa", locale);
    await h.makeMember(PROVINCE, "HB", "COORDINATOR", "Đinh Công Tỉnh", locale);
    await h.makeMember(MEMBER, "HB-TL-MD-01", "MEMBER", "Hội Viên Xóm Đồi", locale);
    reporter = h.chat({ id: REPORTER, lang: locale });
    admin = h.adminChat(locale);
  });
  afterAll(async () => {
    await h.close();
  });

  describe("what is coming for a person", () => {
    it("a commune's reporter sees the mid-year report not sent yet, with the button that opens it (from the menu and /deadlines)", async () => {
      await reporter.send("/menu");
      await reporter.press(tr("btn-deadlines"));
      const expected = [tr("deadlines-title"), `${h1Item()}\n${tr("deadlines-unit-missing", { unit: COMMUNE })}`].join("\n\n");
      expect(reporter.lastText()).toBe(expected);
      expect(reporter.buttons()).toEqual([tr("btn-deadlines-open-report", { unit: COMMUNE }), tr("btn-menu")]);
      expect(lastData(reporter)).toEqual([`rp:${communeId}:2026:H1`, "menu"]);

      await reporter.send("/deadlines");
      expect(reporter.texts()).toEqual([expected]);
    });

    it("once the commune's report is submitted: ✅ and no button to open it", async () => {
      const template =
        (await h.prisma.reportTemplate.findFirst({ where: { key: "bao-cao-khuyen-hoc" } })) ??
        (await h.prisma.reportTemplate.create({ data: { key: "bao-cao-khuyen-hoc", version: 1, content: {}, checksum: "test", source: "test" } }));
      await h.prisma.report.create({
        data: {
          unitId: communeId, templateId: template.id, templateKey: "bao-cao-khuyen-hoc", period: "H1", year: 2026, status: "SUBMITTED",
          submittedAt: h.env.clock.now, submittedByTelegramId: BigInt(REPORTER), createdByTelegramId: BigInt(REPORTER),
        },
      });
      await reporter.send("/deadlines");
      expect(reporter.lastText()).toBe([tr("deadlines-title"), `${h1Item()}\n${tr("deadlines-unit-done", { unit: COMMUNE })}`].join("\n\n"));
      expect(reporter.buttons()).toEqual([tr("btn-menu")]);
    });

    it("a coordinator of the province sees how many units have sent it and the first ones missing", async () => {
      const province = await h.unit("HB");
      const owing = await h.prisma.unit.findMany({ where: { validTo: null, kind: { in: [...OWING_KINDS] }, path: { startsWith: province.path } } });
      expect(owing.length).toBeGreaterThan(3); // many units: counted, not listed
      // The first missing ones in the order the service gives them (its own affair).
      const mine = await h.services.deadlines.myDeadlines(await h.person(PROVINCE));
      const units = mine.find((m) => m.deadline.id === h1Id)?.units ?? [];
      expect(units.map((u) => u.unitId).sort()).toEqual(owing.map((u) => u.id).sort());
      const missing = units.filter((u) => !u.done).map((u) => u.unitName);
      expect(missing).toHaveLength(owing.length - 1);
      expect(missing).not.toContain(COMMUNE);
      const coordinator = h.chat({ id: PROVINCE, lang: locale });
      await coordinator.send("/deadlines");
      const block = [
        h1Item(),
        tr("deadlines-units-count", { done: 1, all: owing.length }),
        tr("deadlines-units-missing-more", { units: missing.slice(0, 5).join(", "), count: missing.length - 5 }),
      ].join("\n");
      expect(coordinator.lastText()).toContain(`${tr("deadlines-title")}\n\n${block}`);
      expect(coordinator.lastText()).not.toContain(tr("deadlines-unit-missing", { unit: COMMUNE }));
      expect(coordinator.buttons()).toEqual([tr("btn-menu")]); // not a reporter of those units: no report to open
      expect(coordinator.buttons()).not.toContain(tr("btn-deadlines-manage"));
    });

    it("a member whose unit owes nothing gets a friendly line", async () => {
      const member = h.chat({ id: MEMBER, lang: locale });
      await member.send("/deadlines");
      expect(member.texts()).toEqual([[tr("deadlines-title"), tr("deadlines-none")].join("\n\n")]);
      expect(member.buttons()).toEqual([tr("btn-menu")]);
    });
  });

  describe("the administrator edits the calendar", () => {
    let firstCard: number;
    let firstCardData: string[];

    it("⚙️ lists the year's deadlines by date; a button opens the card", async () => {
      await admin.send("/deadlines");
      expect(admin.buttons()).toEqual([tr("btn-deadlines-manage"), tr("btn-menu")]);
      await admin.press(tr("btn-deadlines-manage"));
      const rows = await h.prisma.deadline.findMany({ where: { year: 2026 }, orderBy: [{ dueOn: "asc" }, { id: "asc" }] });
      expect(rows.map((r) => r.key)).toEqual(["tu-danh-gia-don-vi-hoc-tap", "so-ket-6-thang", "tuan-le-hoc-tap-suot-doi", "ngay-khuyen-hoc", "tong-ket-nam"]);
      expect(admin.lastText()).toBe(`${tr("deadlines-year-title", { year: 2026 })}\n${tr("deadlines-year-hint")}`);
      const label = (r: (typeof rows)[number]) => {
        const d = r.dueOn.toISOString();
        return tr("btn-deadlines-item", { date: `${d.slice(8, 10)}/${d.slice(5, 7)}`, name: shorten((r.name as Record<L, string>)[locale], 36) });
      };
      expect(admin.buttons()).toEqual([
        ...rows.map(label), tr("btn-deadlines-new"),
        tr("btn-deadlines-year-previous", { year: 2025 }), tr("btn-deadlines-year-next", { year: 2027 }), tr("btn-deadlines"), tr("btn-menu"),
      ]);
      expect(lastData(admin).slice(0, rows.length)).toEqual(rows.map((r) => `dv:${r.id}`));

      await admin.press(tr("btn-deadlines-year-previous", { year: 2025 }));
      expect(admin.texts()).toEqual([tr("deadlines-year-none", { year: 2025 })]);
      await admin.press(tr("btn-deadlines-year-next", { year: 2026 }));
      await admin.press(`dv:${h1Id}`);
      expect(admin.texts()).toEqual([h1Card()]);
      expect(admin.buttons()).toEqual(cardButtons());
      firstCard = admin.replies()[0]!.message_id;
      firstCardData = lastData(admin);
      const v = (await h1Row()).updatedAt.getTime().toString(36); // the version the buttons carry
      expect(firstCardData).toEqual([`de:${h1Id}:date:${v}`, `de:${h1Id}:name:${v}`, `de:${h1Id}:steps:${v}`, `de:${h1Id}:kinds:${v}`, `de:${h1Id}:roles:${v}`, `dd:${h1Id}:${v}`, "dy:2026", "dl", "menu"]);
    });

    it("the date: a bad one is refused with another try, then a good one is asked to confirm, then saved", async () => {
      await admin.press(tr("btn-deadlines-edit-date"));
      expect(admin.lastText()).toBe(tr("deadlines-ask-date", { name: H1_NAME[locale], date: "15/06/2026", year: 2026 }));
      await admin.send("31/2");
      expect(admin.texts()).toEqual([tr("deadlines-date-no-such-day")]);
      await admin.send("ngày mai nhé");
      expect(admin.texts()).toEqual([tr("deadlines-date-invalid", { year: 2026 })]);
      await admin.send("15/6/2030");
      expect(admin.texts()).toEqual([tr("deadlines-date-far", { year: 2026 })]);
      await admin.send("20-06"); // no year: the deadline's own
      expect(admin.lastText()).toBe(tr("deadlines-confirm-date", { name: H1_NAME[locale], before: "15/06/2026", after: "20/06/2026" }));
      expect((await h1Row()).dueOn.toISOString().slice(0, 10)).toBe("2026-06-15"); // nothing saved before the confirmation
      await admin.press(tr("btn-save"));
      expect(admin.texts()).toEqual([withHeader("deadlines-saved", h1Card({ date: "20/06/2026" }))]);
      expect(admin.buttons()).toEqual(cardButtons());
      const row = await h1Row();
      expect(row.dueOn.toISOString().slice(0, 10)).toBe("2026-06-20");
      expect(row.updatedByTelegramId).toBe(1n);
    });

    it("a button of the card shown before that change is refused, and the card shown again as it is now", async () => {
      const before = await h1Row();
      await admin.pressData(firstCardData[5]!, { messageId: firstCard }); // ⏸
      expect(admin.texts()).toEqual([withHeader("errors-deadline_changed", h1Card({ date: "20/06/2026" }))]);
      await admin.pressData(firstCardData[2]!, { messageId: firstCard }); // ✏️ steps
      expect(admin.texts()).toEqual([withHeader("errors-deadline_changed", h1Card({ date: "20/06/2026" }))]);
      const after = await h1Row();
      expect(after.active).toBe(true);
      expect(after.updatedAt.getTime()).toBe(before.updatedAt.getTime());
    });

    it("the reminder steps: a number out of range is refused; a preset, ⬅️ from its confirmation; then -7, -3, 0, 3 typed and saved", async () => {
      await admin.press(tr("btn-deadlines-edit-steps"));
      expect(admin.lastText()).toBe(tr("deadlines-ask-steps", { name: H1_NAME[locale], steps: DEFAULT_STEPS_TEXT[locale] }));
      expect(admin.buttons()).toEqual([
        tr("btn-deadlines-steps-default"), tr("btn-deadlines-steps-day"), tr("btn-deadlines-steps-off"), tr("btn-back"), tr("btn-cancel"),
      ]);
      await admin.send("-7, -90");
      expect(admin.texts()).toEqual([tr("deadlines-steps-range")]);
      await admin.press(tr("btn-deadlines-steps-day"));
      const dayBefore = { vi: "1 ngày trước; đúng hạn", en: "1 day before; on the day" }[locale];
      expect(admin.lastText()).toBe(tr("deadlines-confirm-steps", { name: H1_NAME[locale], before: DEFAULT_STEPS_TEXT[locale], after: dayBefore }));
      await admin.press(tr("btn-back")); // ⬅️ from the confirmation: the question again
      expect(admin.lastText()).toBe(tr("deadlines-ask-steps", { name: H1_NAME[locale], steps: DEFAULT_STEPS_TEXT[locale] }));
      await admin.send("-7, -3, 0, 3");
      expect(admin.lastText()).toBe(tr("deadlines-confirm-steps", { name: H1_NAME[locale], before: DEFAULT_STEPS_TEXT[locale], after: TYPED_STEPS_TEXT[locale] }));
      expect((await h1Row()).steps).toEqual([-7, -3, -1, 0, 3, 6, 9]);
      await admin.press(tr("btn-save"));
      expect(admin.texts()).toEqual([withHeader("deadlines-saved", h1Card({ date: "20/06/2026", steps: TYPED_STEPS_TEXT[locale] }))]);
      expect((await h1Row()).steps).toEqual([-7, -3, 0, 3]);
    });

    it("the name: «Keep» the Vietnamese one, a new English one", async () => {
      await admin.press(tr("btn-deadlines-edit-name"));
      expect(admin.lastText()).toBe(tr("deadlines-ask-name-vi", { current: H1_NAME.vi }));
      await admin.press(tr("btn-keep", { value: H1_NAME.vi }));
      expect(admin.lastText()).toBe(tr("deadlines-ask-name-en", { current: H1_NAME.en }));
      await admin.send("  Mid-year report  ");
      const after = tr("deadlines-names", { vi: H1_NAME.vi, en: "Mid-year report" });
      expect(admin.lastText()).toBe(tr("deadlines-confirm-name", { name: H1_NAME[locale], before: tr("deadlines-names", H1_NAME), after }));
      await admin.press(tr("btn-save"));
      expect((await h1Row()).name).toEqual({ vi: H1_NAME.vi, en: "Mid-year report" });
      expect(admin.lastText()).toBe(withHeader("deadlines-saved", h1Card({ date: "20/06/2026", steps: TYPED_STEPS_TEXT[locale], en: "Mid-year report" })));
    });

    it("cancelling an edit saves nothing", async () => {
      const before = await h1Row();
      await admin.press(tr("btn-deadlines-edit-date"));
      await admin.send("25/6/2026");
      await admin.press(tr("btn-cancel"));
      expect(admin.texts()).toEqual([tr("flow-cancelled")]);
      const after = await h1Row();
      expect(after.dueOn.getTime()).toBe(before.dueOn.getTime());
      expect(after.updatedAt.getTime()).toBe(before.updatedAt.getTime());
    });

    it("⏸ turns it off (it leaves the reporters' list), ▶️ turns it on again", async () => {
      await admin.pressData(`dv:${h1Id}`);
      const card = (active: boolean) => h1Card({ date: "20/06/2026", steps: TYPED_STEPS_TEXT[locale], en: "Mid-year report", active });
      await admin.press(tr("btn-deadlines-turn-off"));
      expect(admin.texts()).toEqual([withHeader("deadlines-turned-off", card(false))]);
      expect(admin.buttons()).toEqual(cardButtons(false));
      expect((await h1Row()).active).toBe(false);
      await reporter.send("/deadlines");
      expect(reporter.lastText()).toBe([tr("deadlines-title"), tr("deadlines-none")].join("\n\n"));

      await admin.press(tr("btn-deadlines-turn-on"));
      expect(admin.texts()).toEqual([withHeader("deadlines-turned-on", card(true))]);
      expect((await h1Row()).active).toBe(true);
    });
  });

  describe("who owes it", () => {
    const SO_FAR = () => ({ date: "20/06/2026", steps: TYPED_STEPS_TEXT[locale], en: "Mid-year report" });
    const tick = (label: string) => `✓ ${label}`;
    /** The name in the admin's language since the English one was changed above. */
    const NAME_NOW = locale === "en" ? "Mid-year report" : H1_NAME.vi;

    it("the roles: unticking all is refused kindly; reporter and coordinator are saved after the before → after", async () => {
      await admin.pressData(`dv:${h1Id}`);
      await admin.press(tr("btn-deadlines-edit-roles"));
      expect(admin.lastText()).toBe(tr("deadlines-ask-roles", { name: NAME_NOW }));
      expect(admin.buttons()).toEqual([
        tr("role-member"), tick(tr("role-reporter")), tr("role-coordinator"), tr("btn-deadlines-done"), tr("btn-back"), tr("btn-cancel"),
      ]);
      await admin.press(tick(tr("role-reporter")));
      expect(admin.buttons().slice(0, 3)).toEqual([tr("role-member"), tr("role-reporter"), tr("role-coordinator")]);
      await admin.press(tr("btn-deadlines-done"));
      expect(admin.texts()).toEqual([tr("deadlines-roles-empty")]);
      await admin.press(tr("role-coordinator"));
      await admin.press(tr("role-reporter"));
      await admin.press(tr("btn-deadlines-done"));
      const both = [tr("role-reporter"), tr("role-coordinator")].join(", ");
      expect(admin.lastText()).toBe(tr("deadlines-confirm-roles", { name: NAME_NOW, before: tr("role-reporter"), after: both }));
      expect((await h1Row()).roles).toEqual(["REPORTER"]); // nothing saved before the confirmation
      await admin.press(tr("btn-save"));
      expect(admin.texts()).toEqual([withHeader("deadlines-saved", h1Card({ ...SO_FAR(), roles: both }))]);
      expect((await h1Row()).roles).toEqual(["REPORTER", "COORDINATOR"]);
    });

    it("the unit kinds: unticking all is refused kindly; communes and schools only are saved", async () => {
      await admin.press(tr("btn-deadlines-edit-kinds"));
      expect(admin.lastText()).toBe(tr("deadlines-ask-kinds", { name: NAME_NOW }));
      expect(admin.buttons()).toEqual([
        tr("kind-province"), tr("kind-district"), tick(tr("kind-commune")), tr("kind-branch"), tick(tr("kind-school-committee")), tick(tr("kind-agency-committee")),
        tr("btn-deadlines-done"), tr("btn-back"), tr("btn-cancel"),
      ]);
      for (const k of ["kind-commune", "kind-school-committee", "kind-agency-committee"]) await admin.press(tick(tr(k)));
      await admin.press(tr("btn-deadlines-done"));
      expect(admin.texts()).toEqual([tr("deadlines-kinds-empty")]);
      await admin.press(tr("kind-school-committee"));
      await admin.press(tr("kind-commune"));
      await admin.press(tr("btn-deadlines-done"));
      const two = [tr("kind-commune"), tr("kind-school-committee")].join(", ");
      expect(admin.lastText()).toBe(tr("deadlines-confirm-kinds", { name: NAME_NOW, before: [tr("kind-commune"), tr("kind-school-committee"), tr("kind-agency-committee")].join(", "), after: two }));
      await admin.press(tr("btn-back")); // ⬅️ from the confirmation: the boxes again, as ticked
      expect(admin.buttons().slice(0, 6)).toEqual([
        tr("kind-province"), tr("kind-district"), tick(tr("kind-commune")), tr("kind-branch"), tick(tr("kind-school-committee")), tr("kind-agency-committee"),
      ]);
      await admin.press(tr("btn-deadlines-done"));
      await admin.press(tr("btn-save"));
      const roles = [tr("role-reporter"), tr("role-coordinator")].join(", ");
      expect(admin.texts()).toEqual([withHeader("deadlines-saved", h1Card({ ...SO_FAR(), roles, kinds: two }))]);
      expect((await h1Row()).unitKinds).toEqual(["COMMUNE", "SCHOOL_COMMITTEE"]);
    });
  });

  describe("a new deadline", () => {
    const customRows = () => h.prisma.deadline.findMany({ where: { key: { startsWith: "custom-" } }, orderBy: { id: "asc" } });
    const newCard = (o: { vi: string; en: string; what: string; kinds: string; roles: string; date: string; steps: string }) =>
      tr("deadlines-card", {
        vi: o.vi, en: o.en, what: o.what, who: tr("deadlines-owes", { kinds: o.kinds, roles: o.roles }), date: o.date, steps: o.steps, state: tr("deadlines-state-on"),
      });

    it("an event: names (the English «same»), who owes it, a date, reminders; the summary; saved; its card", async () => {
      const vi = "Họp giao ban quý III";
      await admin.pressData("dy:2026");
      await admin.press(tr("btn-deadlines-new"));
      expect(admin.lastText()).toBe(tr("deadlines-new-ask-name-vi", { year: 2026 }));
      expect(admin.buttons()).toEqual([tr("btn-back"), tr("btn-cancel")]);
      await admin.send("   ");
      expect(admin.texts()).toEqual([tr("deadlines-name-empty")]);
      await admin.send(vi);
      expect(admin.lastText()).toBe(tr("deadlines-new-ask-name-en", { vi }));
      expect(admin.buttons()).toEqual([tr("btn-deadlines-new-same-name"), tr("btn-back"), tr("btn-cancel")]);
      await admin.press(tr("btn-back")); // the Vietnamese name again, kept
      expect(admin.lastText()).toBe(tr("deadlines-new-ask-name-vi", { year: 2026 }));
      await admin.press(tr("btn-keep", { value: vi }));
      await admin.press(tr("btn-deadlines-new-same-name"));
      expect(admin.lastText()).toBe(tr("deadlines-new-ask-what", { name: vi }));
      expect(admin.buttons()).toEqual([
        tr("btn-deadlines-new-report-h1", { year: 2026 }), tr("btn-deadlines-new-report-year", { year: 2026 }),
        tr("btn-deadlines-new-evaluation"), tr("btn-deadlines-new-event"), tr("btn-back"), tr("btn-cancel"),
      ]);
      await admin.press(tr("btn-deadlines-new-event"));
      expect(admin.lastText()).toBe(tr("deadlines-ask-kinds", { name: vi }));
      await admin.press(tr("btn-deadlines-done")); // as preset: communes, schools and agencies
      expect(admin.lastText()).toBe(tr("deadlines-ask-roles", { name: vi }));
      expect(admin.buttons().slice(0, 3)).toEqual([tr("role-member"), `✓ ${tr("role-reporter")}`, tr("role-coordinator")]);
      await admin.press(`✓ ${tr("role-reporter")}`);
      await admin.press(tr("btn-deadlines-done"));
      expect(admin.texts()).toEqual([tr("deadlines-roles-empty")]);
      await admin.press(tr("role-coordinator"));
      await admin.press(tr("btn-deadlines-done"));
      expect(admin.lastText()).toBe(tr("deadlines-new-ask-date", { name: vi, year: 2026 }));
      await admin.send("31/2");
      expect(admin.texts()).toEqual([tr("deadlines-date-no-such-day")]);
      await admin.send("2/9");
      expect(admin.lastText()).toBe(tr("deadlines-new-ask-steps", { name: vi }));
      await admin.press(tr("btn-deadlines-steps-day"));
      const card = newCard({
        vi, en: vi, what: tr("deadlines-due-event"), kinds: [tr("kind-commune"), tr("kind-school-committee"), tr("kind-agency-committee")].join(", "), roles: tr("role-coordinator"),
        date: "02/09/2026", steps: { vi: "1 ngày trước; đúng hạn", en: "1 day before; on the day" }[locale],
      });
      expect(admin.lastText()).toBe(tr("deadlines-new-summary", { card }));
      expect(admin.buttons()).toEqual([tr("btn-save"), tr("btn-back"), tr("btn-cancel")]);
      expect(await customRows()).toEqual([]); // nothing saved before the confirmation
      await admin.press(tr("btn-save"));
      expect(admin.texts()).toEqual([withHeader("deadlines-new-saved", card)]);
      expect(admin.buttons()).toEqual(cardButtons());
      const rows = await customRows();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        year: 2026, name: { vi, en: vi }, kind: "EVENT", templateKey: null, period: null, model: null, roles: ["COORDINATOR"],
        unitKinds: ["COMMUNE", "SCHOOL_COMMITTEE", "AGENCY_COMMITTEE"], steps: [-1, 0], active: true, updatedByTelegramId: 1n,
      });
      expect(rows[0]!.dueOn.toISOString().slice(0, 10)).toBe("2026-09-02");
    });

    it("the year report: some kinds unticked, steps typed, ⬅️ from the summary to change them; saved", async () => {
      const name = { vi: "Báo cáo nhanh cuối năm", en: "Quick year-end report" };
      await admin.pressData("dn:2026");
      await admin.send(name.vi);
      await admin.send(name.en);
      expect(admin.lastText()).toBe(tr("deadlines-new-ask-what", { name: name[locale] }));
      await admin.press(tr("btn-deadlines-new-report-year", { year: 2026 }));
      await admin.press(`✓ ${tr("kind-agency-committee")}`);
      await admin.press(tr("btn-deadlines-done"));
      await admin.press(tr("btn-deadlines-done")); // the reporters, as preset
      await admin.send("15/11");
      await admin.send("-3, 0");
      const card = (steps: string) => newCard({
        ...name, what: tr("deadlines-due-report-YEAR", { year: 2026 }), kinds: [tr("kind-commune"), tr("kind-school-committee")].join(", "),
        roles: tr("role-reporter"), date: "15/11/2026", steps,
      });
      expect(admin.lastText()).toBe(tr("deadlines-new-summary", { card: card({ vi: "3 ngày trước; đúng hạn", en: "3 days before; on the day" }[locale]) }));
      await admin.press(tr("btn-back"));
      expect(admin.lastText()).toBe(tr("deadlines-new-ask-steps", { name: name[locale] }));
      await admin.press(tr("btn-deadlines-steps-default"));
      expect(admin.lastText()).toBe(tr("deadlines-new-summary", { card: card(DEFAULT_STEPS_TEXT[locale]) }));
      await admin.press(tr("btn-save"));
      expect(admin.texts()).toEqual([withHeader("deadlines-new-saved", card(DEFAULT_STEPS_TEXT[locale]))]);
      const row = (await customRows()).at(-1)!;
      expect(row).toMatchObject({
        name, kind: "REPORT", templateKey: "bao-cao-khuyen-hoc", period: "YEAR", model: null, roles: ["REPORTER"],
        unitKinds: ["COMMUNE", "SCHOOL_COMMITTEE"], steps: [-7, -3, -1, 0, 3, 6, 9],
      });
      expect(row.dueOn.toISOString().slice(0, 10)).toBe("2026-11-15");
      expect(await customRows()).toHaveLength(2);
    });

    it("a self-evaluation asks which model; ⬅️ goes back; ✖️ cancels with nothing saved; ⬅️ from the first question: the year's list", async () => {
      await admin.pressData("dn:2026");
      await admin.send("Tự đánh giá");
      await admin.press(tr("btn-deadlines-new-same-name"));
      await admin.press(tr("btn-deadlines-new-evaluation"));
      expect(admin.lastText()).toBe(tr("deadlines-new-ask-model", { name: "Tự đánh giá" }));
      expect(admin.buttons()).toEqual([
        tr("learning-model-FAMILY"), tr("learning-model-CLAN"), tr("learning-model-COMMUNITY"), tr("learning-model-UNIT"), tr("btn-back"), tr("btn-cancel"),
      ]);
      await admin.press(tr("btn-back"));
      expect(admin.lastText()).toBe(tr("deadlines-new-ask-what", { name: "Tự đánh giá" }));
      await admin.press(tr("btn-cancel"));
      expect(admin.texts()).toEqual([tr("flow-cancelled")]);
      expect(await customRows()).toHaveLength(2);

      await admin.pressData("dn:2027");
      expect(admin.lastText()).toBe(tr("deadlines-new-ask-name-vi", { year: 2027 }));
      await admin.press(tr("btn-back"));
      expect(admin.lastText()).toBe(`${tr("deadlines-year-title", { year: 2027 })}\n${tr("deadlines-year-hint")}`);
      expect(admin.buttons()).toContain(tr("btn-deadlines-new"));
    });
  });

  describe("people who are not administrators", () => {
    it("a reporter forging dv:, de: and dd: buttons is refused politely and nothing changes", async () => {
      const before = await h1Row();
      const token = before.updatedAt.getTime().toString(36);
      for (const data of [`dv:${h1Id}`, `de:${h1Id}:date:${token}`, `de:${h1Id}:roles:${token}`, `de:${h1Id}:kinds:${token}`, `dd:${h1Id}:${token}`, "dy:2026", "dn:2026"]) {
        await reporter.pressData(data);
        expect(reporter.texts()).toEqual([tr("errors-forbidden")]);
      }
      const after = await h1Row();
      expect(after.updatedAt.getTime()).toBe(before.updatedAt.getTime());
      expect(after.active).toBe(true);
    });

    it("a coordinator may read a card but not edit it: no edit buttons, and forged ones are refused", async () => {
      const coordinator = h.chat({ id: PROVINCE, lang: locale });
      const before = await h1Row();
      const token = before.updatedAt.getTime().toString(36);
      await coordinator.pressData(`dv:${h1Id}`);
      expect(coordinator.buttons()).toEqual([tr("btn-deadlines-year", { year: 2026 }), tr("btn-deadlines"), tr("btn-menu")]);
      await coordinator.pressData(`de:${h1Id}:steps:${token}`);
      expect(coordinator.texts()).toEqual([tr("errors-forbidden")]);
      await coordinator.pressData(`dd:${h1Id}:${token}`);
      expect(coordinator.texts()).toEqual([tr("errors-forbidden")]);
      await coordinator.pressData("dy:2026"); // the year's list, without ➕
      expect(coordinator.buttons()).not.toContain(tr("btn-deadlines-new"));
      await coordinator.pressData("dn:2026");
      expect(coordinator.texts()).toEqual([tr("errors-forbidden")]);
      expect(await h.prisma.deadline.count({ where: { key: { startsWith: "custom-" } } })).toBe(2);
      const after = await h1Row();
      expect(after.updatedAt.getTime()).toBe(before.updatedAt.getTime());
    });
  });
});
