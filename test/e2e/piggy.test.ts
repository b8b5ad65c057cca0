// The piggy-bank journey (issue 3, "Done means") end to end, in Vietnamese and in English: the
// real bot as a child process (`node --import tsx src/main.ts`) polling a fake Bot API over HTTP
// with real long polling, on a fresh embedded database seeded with the example tree. The people
// are made through the chat: the administrator creates a coordinator invite for a commune and a
// reporter invite for one of its branches with the buttons, two newcomers join with
// `/start <code>`. Then the reporter starts a drive and records two openings (a mistyped amount
// is refused and typed again), the coordinator opens the commune's totals, sends the first
// opening back with a comment, the reporter corrects it from the notification's button, the
// coordinator approves (a button shown before the correction is refused). Every text is built
// from the locale files; each language works in its own commune, so the runs do not mix.
import { describe, expect, it } from "vitest";
import type { Message } from "grammy/types";
import { formatDate, schoolYearLabel, schoolYearOf, vietnamToday } from "../../src/domain/dates.ts";
import { formatAmount } from "../../src/domain/money.ts";
import { type FakeUser } from "../helpers/fake-bot-api.ts";
import { botSuite, fromLocale, hasButton, labelsOf, type Locale, press, say, t } from "./support.ts";
import { chatDriver, withButton } from "./chat.ts";

const suite = botSuite("piggy-bank");
const { admin, api } = suite;

const { reply, send, tap, openUnit, openChild, createInvite, join: joinWith } = chatDriver(api, admin);

// ---- The figures of an opening, as the bot shows them ---------------------------------------
interface Figures {
  date: string;
  opened: number;
  collected: number;
  schCount: number;
  schAmount: number;
  supplies: number;
  fund: number;
}

const cases = [
  {
    locale: "vi" as Locale,
    reporter: { id: 301, first_name: "Hoa", last_name: "Bùi", language_code: "vi" },
    reporterName: "Bùi Thị Hoa",
    coordinator: { id: 302, first_name: "Nam", language_code: "vi" },
    coordinatorName: "Trần Văn Nam",
    district: "Huyện Tân Lạc",
    commune: "Xã Mãn Đức",
    communeCode: "HB-TL-MD",
    branch: "Chi hội xóm Đồi, xã Mãn Đức",
    branchCode: "HB-TL-MD-01",
    missing: ["Xã Mãn Đức", "Chi hội xóm Bưng"],
    comment: "Tiền học bổng là 1 triệu đồng theo sổ, xin sửa lại",
    scholarshipsTyped: "1 triệu",
  },
  {
    locale: "en" as Locale,
    reporter: { id: 311, first_name: "Mai", last_name: "Lò", language_code: "en" },
    reporterName: "Lò Thị Mai",
    coordinator: { id: 312, first_name: "Hung", language_code: "en" },
    coordinatorName: "Hà Văn Hùng",
    district: "Huyện Mai Châu",
    commune: "Xã Chiềng Châu",
    communeCode: "HB-MC-CC",
    branch: "Chi hội bản Lác",
    branchCode: "HB-MC-CC-01",
    missing: ["Xã Chiềng Châu", "Ban khuyến học Trường THCS Chiềng Châu"],
    comment: "The scholarships came to 1 million dong in the book, please correct",
    scholarshipsTyped: "1.000.000", // the way the prompt's example writes it
  },
];

/** The invite codes the administrator made, by language. */
const codes = new Map<Locale, { coordinator: string; reporter: string }>();

// One administrator's chat for both languages: the invites are made first, one language after the other.
describe("the administrator makes the invites with the chat's buttons", () => {
  for (const c of cases) {
    it(`a coordinator invite for ${c.communeCode} and a reporter invite for ${c.branchCode}`, async () => {
      const communeCard = await openUnit([c.district, c.commune], c.communeCode);
      const coordinator = await createInvite(communeCard, c.commune, "role-coordinator");
      const branchCard = await openChild(communeCard, c.branch); // the commune's card still has its buttons
      expect(branchCard.text).toMatch(fromLocale("vi", "unit-card", { name: c.branch, code: c.branchCode }));
      const reporter = await createInvite(branchCard, c.branch, "role-reporter");
      expect(reporter).not.toBe(coordinator);
      codes.set(c.locale, { coordinator, reporter });
    }, 60_000);
  }
});

// Then the two languages side by side: other people, other chats, another commune; step by step within each.
describe.concurrent.each(cases)("the piggy-bank journey in $locale, as a child process in polling mode", (c) => {
  const { locale, reporter, coordinator, branch, commune } = c;
  const tr = (key: string, vars?: Record<string, string | number>) => t(locale, key, vars);
  const vnd = (n: number) => formatAmount(n, locale);
  const today = () => formatDate(vietnamToday(new Date()));
  const year = schoolYearOf(vietnamToday(new Date())).start;
  const yearLabel = schoolYearLabel(year);

  /** The block of figures of the summaries, the review and (with `before`) the correction: changed lines "old → new". */
  function figures(f: Figures, before?: Figures): string {
    const show = (pick: (x: Figures) => string) => (before && pick(before) !== pick(f) ? `<s>${pick(before)}</s> → <b>${pick(f)}</b>` : pick(f));
    return tr("piggy-figures", {
      unit: branch, date: show((x) => x.date), opened: show((x) => String(x.opened)), collected: show((x) => vnd(x.collected)),
      scholarshipCount: show((x) => String(x.schCount)), scholarshipAmount: show((x) => vnd(x.schAmount)), supplies: show((x) => vnd(x.supplies)),
      fund: show((x) => vnd(x.fund)), other: vnd(0), left: show((x) => vnd(x.collected - x.schAmount - x.supplies - x.fund)), photo: tr("piggy-photo-no"),
    });
  }
  const reviewItem = (f: Figures) => `${tr("piggy-review-item", { year: yearLabel, status: tr("piggy-status-submitted") })}\n${figures(f)}`;
  const cardTitle = tr("piggy-card-title", { unit: branch, year: yearLabel });

  let reporterMenu: Message | undefined;
  let coordinatorMenu: Message | undefined;
  let startedOn = "";
  let first: Figures | undefined;
  let second: Figures | undefined;
  let firstItem: Message | undefined;
  let secondItem: Message | undefined;
  let notice: Message | undefined;

  async function join(user: FakeUser, code: string, fullName: string, unit: string, roleKey: string): Promise<Message> {
    const { menu, joinedAt } = await joinWith(locale, user, code, fullName, unit, roleKey, tr("btn-piggy"));
    // Their own command list, in their language, now has /piggy.
    const commands = api.calls.slice(joinedAt).find((x) => x.method === "setMyCommands" && (x.payload.scope as { chat_id?: number } | undefined)?.chat_id === user.id);
    expect(commands?.payload.commands).toContainEqual({ command: "piggy", description: tr("cmd-piggy") });
    return menu;
  }

  it.sequential("the coordinator and the reporter join with /start <code> and are answered in their language", async () => {
    const code = codes.get(locale);
    coordinatorMenu = await join(coordinator, code?.coordinator ?? "", c.coordinatorName, commune, "role-coordinator");
    reporterMenu = await join(reporter, code?.reporter ?? "", c.reporterName, branch, "role-reporter");
  }, 60_000);

  it.sequential("the reporter starts a drive and records two openings; a mistyped amount is refused and typed again", async () => {
    expect(reporterMenu, "the reporter of the previous test").toBeDefined();
    const me = reporter;
    // ---- the drive, from the menu's 🐷 ----
    let m = await tap(me, reporterMenu!, tr("btn-piggy"), withButton(`${cardTitle}\n\n${tr("piggy-card-none")}`, tr("btn-piggy-start")));
    expect(labelsOf(m)).not.toContain(tr("btn-piggy-totals")); // coordinators only
    m = await tap(me, m, tr("btn-piggy-start"), tr("piggy-drive-ask-year", { unit: branch }));
    expect(labelsOf(m)).toEqual([tr("piggy-year-current", { year: yearLabel }), schoolYearLabel(year - 1), tr("btn-cancel")]);
    m = await tap(me, m, tr("piggy-year-current", { year: yearLabel }), tr("piggy-drive-ask-kind"));
    await tap(me, m, tr("piggy-kind-household"), tr("piggy-drive-ask-banks"));
    m = await send(me, "120", tr("piggy-drive-ask-note"));
    startedOn = today();
    const confirmDrive = tr("piggy-drive-confirm", { unit: branch, year: yearLabel, kind: tr("piggy-kind-household"), banks: "120", note: tr("piggy-none") });
    m = await tap(me, m, tr("btn-skip"), confirmDrive);
    let since = press(api, me, m, tr("btn-piggy-drive-save"));
    await reply(me, since, tr("piggy-drive-started", { unit: branch, year: yearLabel, banks: "120" }));
    const driveLine = (opened: number, collected: number) =>
      tr("piggy-card-drive", { n: 1, date: startedOn, banks: "120", kind: tr("piggy-kind-household"), opened, collected: vnd(collected) });
    m = await reply(me, since, withButton(`${cardTitle}\n\n${driveLine(0, 0)}\n${tr("piggy-card-no-openings")}`, tr("btn-piggy-record")));

    // ---- the first opening: "1tr5tr" is not an amount, "1tr5" is ----
    since = press(api, me, m, tr("btn-piggy-record"));
    await reply(me, since, tr("piggy-opening-intro", { unit: branch, year: yearLabel }));
    m = await reply(me, since, withButton(tr("piggy-ask-date"), tr("btn-today")));
    first = { date: today(), opened: 40, collected: 1_500_000, schCount: 3, schAmount: 900_000, supplies: 300_000, fund: 200_000 };
    await tap(me, m, tr("btn-today"), tr("piggy-ask-opened", { handed: "120" }));
    await send(me, "40", tr("piggy-ask-collected"));
    since = say(api, me, "1tr5tr");
    await reply(me, since, tr("piggy-amount-invalid", { text: "1tr5tr" }));
    await send(me, "1tr5", tr("piggy-ask-scholarship-count", { collected: vnd(1_500_000) }));
    await send(me, "3", tr("piggy-ask-scholarship-amount", { count: "3", left: vnd(1_500_000) }));
    await send(me, "900k", tr("piggy-ask-supplies", { left: vnd(600_000) }));
    await send(me, "300.000", tr("piggy-ask-fund", { left: vnd(300_000) }));
    m = await send(me, "200k", tr("piggy-ask-other", { left: vnd(100_000) }));
    m = await tap(me, m, tr("btn-zero"), tr("piggy-ask-photo"));
    m = await tap(me, m, tr("btn-skip"), withButton(`${tr("piggy-opening-confirm")}\n${figures(first)}`, tr("btn-piggy-send")));
    since = press(api, me, m, tr("btn-piggy-send"));
    await reply(me, since, tr("piggy-opening-saved", { date: first.date, collected: vnd(1_500_000) }));
    const opening = (n: number, f: Figures, status: string) =>
      tr("piggy-card-opening", { n, date: f.date, opened: String(f.opened), amount: vnd(f.collected), status: tr(`piggy-status-${status}`) });
    m = await reply(me, since, withButton(`${cardTitle}\n\n${driveLine(40, 1_500_000)}\n${opening(1, first, "submitted")}`, tr("btn-piggy-record")));

    // ---- the second opening: no scholarships ----
    since = press(api, me, m, tr("btn-piggy-record"));
    m = await reply(me, since, withButton(tr("piggy-ask-date"), tr("btn-today")));
    second = { date: today(), opened: 50, collected: 2_000_000, schCount: 0, schAmount: 0, supplies: 500_000, fund: 1_500_000 };
    await tap(me, m, tr("btn-today"), tr("piggy-ask-opened", { handed: "120" }));
    await send(me, "50", tr("piggy-ask-collected"));
    m = await send(me, "2tr", tr("piggy-ask-scholarship-count", { collected: vnd(2_000_000) }));
    await tap(me, m, tr("btn-zero"), tr("piggy-ask-supplies", { left: vnd(2_000_000) }));
    await send(me, "500k", tr("piggy-ask-fund", { left: vnd(1_500_000) }));
    m = await send(me, "1.500.000", tr("piggy-ask-other", { left: vnd(0) }));
    m = await tap(me, m, tr("btn-zero"), tr("piggy-ask-photo"));
    m = await tap(me, m, tr("btn-skip"), withButton(`${tr("piggy-opening-confirm")}\n${figures(second)}`, tr("btn-piggy-send")));
    since = press(api, me, m, tr("btn-piggy-send"));
    await reply(me, since, tr("piggy-opening-saved", { date: second.date, collected: vnd(2_000_000) }));
    await reply(me, since, `${cardTitle}\n\n${driveLine(90, 3_500_000)}\n${opening(1, first, "submitted")}\n${opening(2, second, "submitted")}`);
  }, 90_000);

  it.sequential("the coordinator sees the commune's totals and sends the first opening back with a comment; the reporter is told", async () => {
    expect(first && second && coordinatorMenu, "the openings of the previous test").toBeTruthy();
    const me = coordinator;
    const date = first!.date;
    let m = await tap(me, coordinatorMenu!, tr("btn-piggy"), (x) => x.text?.startsWith(tr("piggy-card-title", { unit: commune, year: yearLabel })) === true);
    expect(labelsOf(m)).toEqual(expect.arrayContaining([tr("btn-piggy-totals"), tr("btn-piggy-review")]));
    m = await tap(me, m, tr("btn-piggy-totals"), fromLocale(locale, "piggy-totals"));
    const totals = tr("piggy-totals", {
      unit: commune, year: yearLabel, drives: "1", openings: "2", pending: "2", handed: "120", opened: "90",
      collected: vnd(3_500_000), scholarshipCount: "3", scholarshipAmount: vnd(900_000), supplies: vnd(800_000),
      fund: vnd(1_700_000), other: vnd(0), left: vnd(100_000),
    });
    const byUnit = `${tr("piggy-totals-by-unit")}\n${tr("piggy-totals-unit-line", { unit: branch, handed: "120", opened: "90", collected: vnd(3_500_000), openings: "2", n: 2 })}`;
    expect(m.text).toContain(`${totals}\n\n${byUnit}\n\n${tr("piggy-totals-missing", { count: c.missing.length })}\n`);
    for (const unit of c.missing) expect(m.text).toContain(tr("piggy-totals-missing-line", { unit }));

    // ---- the openings to review: the first one goes back with a comment ----
    const since = press(api, me, m, tr("btn-piggy-review-n", { count: 2 }));
    await reply(me, since, tr("piggy-review-title", { count: 2, year: yearLabel }));
    firstItem = await reply(me, since, reviewItem(first!));
    secondItem = await reply(me, since, reviewItem(second!));
    expect(labelsOf(firstItem)).toEqual([tr("btn-piggy-approve"), tr("btn-piggy-needs-correction")]);
    await tap(me, firstItem, tr("btn-piggy-needs-correction"), tr("piggy-ask-comment", { unit: branch, date }));
    const told = api.calls.length;
    await send(me, c.comment, tr("piggy-sent-back-by-you", { unit: branch, date }));
    notice = await reply(reporter, told, tr("piggy-notice-needs-correction", { unit: branch, date, collected: vnd(1_500_000), comment: c.comment }));
    expect(labelsOf(notice)).toEqual([tr("btn-piggy-fix-now")]);
  }, 60_000);

  it.sequential("the reporter corrects the scholarships from the notification's button; the rest is kept", async () => {
    expect(notice && first, "the notification of the previous test").toBeTruthy();
    const me = reporter;
    const f = first!;
    let since = press(api, me, notice!, tr("btn-piggy-fix-now"));
    await reply(me, since, `${tr("piggy-correct-intro", { unit: branch, date: f.date })}\n${tr("piggy-card-comment", { comment: c.comment })}`);
    let m = await reply(me, since, tr("piggy-ask-date"));
    expect(labelsOf(m)).toEqual([tr("btn-today"), tr("btn-keep", { value: f.date }), tr("btn-cancel")]);
    m = await tap(me, m, tr("btn-keep", { value: f.date }), tr("piggy-ask-opened", { handed: "120" }));
    m = await tap(me, m, tr("btn-keep", { value: "40" }), tr("piggy-ask-collected"));
    m = await tap(me, m, tr("btn-keep", { value: vnd(1_500_000) }), tr("piggy-ask-scholarship-count", { collected: vnd(1_500_000) }));
    await tap(me, m, tr("btn-keep", { value: "3" }), tr("piggy-ask-scholarship-amount", { count: "3", left: vnd(1_500_000) }));
    m = await send(me, c.scholarshipsTyped, tr("piggy-ask-supplies", { left: vnd(500_000) }));
    m = await tap(me, m, tr("btn-keep", { value: vnd(300_000) }), tr("piggy-ask-fund", { left: vnd(200_000) }));
    m = await tap(me, m, tr("btn-keep", { value: vnd(200_000) }), tr("piggy-ask-other", { left: vnd(0) }));
    m = await tap(me, m, tr("btn-zero"), tr("piggy-ask-photo"));
    const corrected: Figures = { ...f, schAmount: 1_000_000 };
    m = await tap(me, m, tr("btn-skip"), withButton(`${tr("piggy-correct-confirm")}\n${figures(corrected, f)}`, tr("btn-piggy-save-correction")));
    expect(m.text).toContain(`<s>${vnd(900_000)}</s> → <b>${vnd(1_000_000)}</b>`); // only the scholarships and what is left changed
    since = press(api, me, m, tr("btn-piggy-save-correction"));
    await reply(me, since, tr("piggy-opening-corrected", { date: f.date, collected: vnd(1_500_000) }));
    m = await reply(me, since, (x) => x.text?.startsWith(cardTitle) === true);
    expect(m.text).toContain(tr("piggy-card-opening", { n: 1, date: f.date, opened: "40", amount: vnd(1_500_000), status: tr("piggy-status-submitted") }));
    expect(m.text).not.toContain(c.comment); // the comment went with the correction
    first = corrected;
  }, 60_000);

  it.sequential("the coordinator approves: the button shown before the correction is refused, the corrected figures are approved", async () => {
    expect(firstItem && secondItem && first && first.schAmount === 1_000_000, "the correction of the previous test").toBeTruthy();
    const me = coordinator;
    const date = first!.date;
    // Approve on the figures seen before the correction: refused, the fresh figures are shown instead.
    let since = press(api, me, firstItem!, tr("btn-piggy-approve"));
    const alert = await api.waitFor((x) => x.method === "answerCallbackQuery" && x.payload.text === tr("errors-opening_changed"), { since, timeoutMs: 20_000 });
    expect(alert.payload.show_alert).toBe(true);
    await reply(me, since, tr("errors-opening_changed"));
    const fresh = await reply(me, since, withButton(reviewItem(first!), tr("btn-piggy-approve")));
    since = press(api, me, fresh, tr("btn-piggy-approve"));
    await reply(me, since, tr("piggy-approved-by-you", { unit: branch, date }));
    await api.waitFor((x) => x.method === "answerCallbackQuery" && x.payload.text === tr("piggy-approved-short"), { since, timeoutMs: 20_000 });
    await reply(reporter, since, tr("piggy-notice-approved", { unit: branch, date, collected: vnd(1_500_000) }));
    // The second one was never changed: its button from the list still works.
    since = press(api, me, secondItem!, tr("btn-piggy-approve"));
    await reply(me, since, tr("piggy-approved-by-you", { unit: branch, date: second!.date }));
    await reply(reporter, since, tr("piggy-notice-approved", { unit: branch, date: second!.date, collected: vnd(2_000_000) }));

    // The totals now: nothing to review, the corrected scholarships.
    let m = await send(me, "/piggy", hasButton(tr("btn-piggy-totals")));
    m = await tap(me, m, tr("btn-piggy-totals"), fromLocale(locale, "piggy-totals"));
    expect(m.text).toContain(
      tr("piggy-totals", {
        unit: commune, year: yearLabel, drives: "1", openings: "2", pending: "0", handed: "120", opened: "90",
        collected: vnd(3_500_000), scholarshipCount: "3", scholarshipAmount: vnd(1_000_000), supplies: vnd(800_000),
        fund: vnd(1_700_000), other: vnd(0), left: vnd(0),
      }),
    );
    expect(labelsOf(m).some((label) => fromLocale(locale, "btn-piggy-review-n").test(label))).toBe(false);

    // The reporter's card: both approved, nothing left to correct.
    m = await send(reporter, "/piggy", (x) => x.text?.startsWith(cardTitle) === true);
    for (const [n, f] of [first!, second!].entries()) {
      expect(m.text).toContain(tr("piggy-card-opening", { n: n + 1, date: f.date, opened: String(f.opened), amount: vnd(f.collected), status: tr("piggy-status-approved") }));
    }
    expect(labelsOf(m).some((label) => label.startsWith(tr("btn-piggy-correct", { date: "" }).trim()))).toBe(false);
  }, 60_000);
});

describe("the bot process", () => {
  it("logged no errors, and stops cleanly (exit 0) on SIGTERM", async () => {
    expect(suite.bot.output()).not.toMatch(/"level":(50|60)/);
    const { code, signal } = await suite.bot.stop("SIGTERM", 10_000);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(suite.bot.output()).not.toContain(api.token);
  }, 15_000);
});
