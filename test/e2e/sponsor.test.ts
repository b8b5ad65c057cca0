// The sponsorship journey (issue 4, "Done means") end to end, in Vietnamese and in English: the
// real bot as a child process polling a fake Bot API over HTTP, on a fresh embedded database
// seeded with the example tree. The administrator makes a member invite for a branch and a
// coordinator invite for its commune with the chat's buttons; the two newcomers join. The member
// opens a case from the menu (every question answered the way people do), checks in twice — the
// second time flagging a problem, which reaches the coordinator at once with initials only — and
// marks the pupil back in school. The coordinator opens the case from the alert (full view,
// audited) and looks at the commune's counts. Each language works in its own commune.
import { describe, expect, it } from "vitest";
import type { Message } from "grammy/types";
import { formatDate, schoolYearLabel, schoolYearOf, vietnamToday } from "../../src/domain/dates.ts";
import { addMonths } from "../../src/domain/sponsorship.ts";
import { botSuite, fromLocale, hasButton, labelsOf, type Locale, press, t } from "./support.ts";
import { chatDriver } from "./chat.ts";

const suite = botSuite("sponsorship");
const { admin, api } = suite;

const { reply, send, tap, openUnit, openChild, createInvite, join } = chatDriver(api, admin);

const cases = [
  {
    locale: "vi" as Locale,
    member: { id: 401, first_name: "Thu", language_code: "vi" },
    memberName: "Đinh Thị Thu",
    coordinator: { id: 402, first_name: "Nam", language_code: "vi" },
    coordinatorName: "Trần Văn Nam",
    district: "Huyện Tân Lạc",
    commune: "Xã Mãn Đức",
    communeCode: "HB-TL-MD",
    branch: "Chi hội xóm Đồi, xã Mãn Đức",
    pupil: "Bùi Thị Ngọc Ánh",
    initials: "B.T.N.Á.",
    school: "Trường THCS Mãn Đức",
    sponsor: "Gia đình ông Quách Văn Tư",
    monthly: "500k",
    flag: "Gia đình khó khăn hơn, em hay nghỉ học buổi chiều",
  },
  {
    locale: "en" as Locale,
    member: { id: 411, first_name: "Pang", language_code: "en" },
    memberName: "Lò Thị Pằng",
    coordinator: { id: 412, first_name: "Hung", language_code: "en" },
    coordinatorName: "Hà Văn Hùng",
    district: "Huyện Mai Châu",
    commune: "Xã Chiềng Châu",
    communeCode: "HB-MC-CC",
    branch: "Chi hội bản Lác",
    pupil: "Lò Văn Pầng",
    initials: "L.V.P.",
    school: "Chiềng Châu Lower Secondary School",
    sponsor: "The family of Mr Hà Công Lực",
    monthly: "500,000",
    flag: "The family is struggling more; he often misses afternoon classes",
  },
];

const codes = new Map<Locale, { coordinator: string; member: string }>();

describe("the administrator makes the invites with the chat's buttons", () => {
  for (const c of cases) {
    it(`a coordinator invite for ${c.communeCode} and a member invite for one of its branches`, async () => {
      const communeCard = await openUnit([c.district, c.commune], c.communeCode);
      const coordinator = await createInvite(communeCard, c.commune, "role-coordinator");
      const branchCard = await openChild(communeCard, c.branch);
      const member = await createInvite(branchCard, c.branch, "role-member");
      codes.set(c.locale, { coordinator, member });
    }, 60_000);
  }
});

describe.concurrent.each(cases)("the sponsorship journey in $locale, as a child process in polling mode", (c) => {
  const { locale, member: me, coordinator } = c;
  const tr = (key: string, vars?: Record<string, string | number>) => t(locale, key, vars);
  const today = vietnamToday(new Date());
  const firstDue = formatDate(addMonths(today, 1));
  /** A message that begins like the locale's message (its first line). */
  const starts = (key: string, vars?: Record<string, string | number>) => (m: Message) => (m.text ?? "").startsWith(tr(key, vars).split("\n")[0]!);

  let memberMenu: Message | undefined;
  let card: Message | undefined;
  let caseId = 0;

  it.sequential("the member and the coordinator join with /start <code>", async () => {
    const code = codes.get(locale);
    await join(locale, coordinator, code?.coordinator ?? "", c.coordinatorName, c.commune, "role-coordinator", tr("btn-sponsor"));
    memberMenu = (await join(locale, me, code?.member ?? "", c.memberName, c.branch, "role-member", tr("btn-sponsor"))).menu;
  }, 60_000);

  it.sequential("the member opens a case from the menu; it is saved only after the guardian's consent and the summary", async () => {
    expect(memberMenu, "the member of the previous test").toBeDefined();
    let m = await tap(me, memberMenu!, tr("btn-sponsor"), hasButton(tr("btn-sponsor-new-case")));
    expect(m.text).toContain(tr("sponsor-home-none"));
    const since = press(api, me, m, tr("btn-sponsor-new-case"));
    await reply(me, since, fromLocale(locale, "sponsor-open-intro"));
    await reply(me, since, tr("sponsor-open-ask-name")); // one unit: not asked
    await send(me, c.pupil, tr("sponsor-open-ask-birth-year"));
    // A year that makes the pupil two years old is refused, with the reason.
    await send(me, String(today.year - 2), fromLocale(locale, "sponsor-open-birth-year-too-young", { age: 2 }));
    await send(me, "2014", tr("sponsor-open-ask-school"));
    m = await send(me, c.school, tr("sponsor-open-ask-grade"));
    m = await tap(me, m, "7", tr("sponsor-open-ask-circumstances"));
    // Ticks edit the question's buttons (no new message); the bot takes one chat's presses in order.
    press(api, me, m, tr("sponsor-circ-POOR_HOUSEHOLD"));
    press(api, me, m, tr("sponsor-circ-FAR_FROM_SCHOOL"));
    m = await tap(me, m, tr("btn-sponsor-open-done"), tr("sponsor-open-ask-kind"));
    await tap(me, m, locale === "vi" ? "Gia đình" : "A family", tr("sponsor-open-ask-sponsor-name"));
    m = await send(me, c.sponsor, tr("sponsor-open-ask-support"));
    press(api, me, m, tr("sponsor-support-MONEY"));
    await tap(me, m, tr("btn-sponsor-open-done"), tr("sponsor-open-ask-MONEY"));
    await send(me, "-500000", tr("piggy-amount-negative")); // a negative amount: asked again
    m = await send(me, c.monthly, tr("sponsor-open-ask-start"));
    m = await tap(me, m, tr("btn-today"), tr("sponsor-open-ask-interval"));
    m = await tap(me, m, tr("sponsor-open-interval-1"), starts("sponsor-open-ask-consent"));
    m = await tap(me, m, tr("btn-sponsor-open-consent-no"), (x) => labelsOf(x).includes(tr("btn-back"))); // not saved without consent
    m = await tap(me, m, tr("btn-back"), starts("sponsor-open-ask-consent"));
    m = await tap(me, m, tr("btn-sponsor-open-consent-yes"), hasButton(tr("btn-sponsor-open-save")));
    expect(m.text).toContain(c.pupil);
    const saved = press(api, me, m, tr("btn-sponsor-open-save"));
    await reply(me, saved, fromLocale(locale, "sponsor-open-saved", { pupil: c.pupil, date: firstDue }));
    card = await reply(me, saved, (x) => hasButton(tr("btn-sponsor-do-check-in"))(x) && (x.text ?? "").includes(c.pupil));
    const check = labelsOf(card).indexOf(tr("btn-sponsor-do-check-in"));
    expect(check).toBeGreaterThanOrEqual(0);
    caseId = Number(/^sk:(\d+)$/.exec((card.reply_markup?.inline_keyboard.flat()[check] as { callback_data: string }).callback_data)?.[1]);
    expect(caseId).toBeGreaterThan(0);
  }, 90_000);

  it.sequential("two check-ins: a fine one, then one flagging a problem, which reaches the coordinator at once", async () => {
    expect(card, "the case card of the previous test").toBeDefined();
    // ---- the first: attending, the money arrived, studies fair, nothing to flag ----
    let m = await tap(me, card!, tr("btn-sponsor-do-check-in"), fromLocale(locale, "sponsor-checkin-ask-attending", { pupil: `${c.pupil} (2014)` }));
    m = await tap(me, m, tr("btn-sponsor-checkin-yes"), (x) => labelsOf(x).includes(tr("btn-sponsor-checkin-no")));
    m = await tap(me, m, tr("btn-sponsor-checkin-yes"), tr("sponsor-checkin-ask-studies"));
    m = await tap(me, m, tr("sponsor-studies-3"), starts("sponsor-checkin-ask-flag"));
    m = await tap(me, m, tr("btn-sponsor-checkin-nothing"), hasButton(tr("btn-sponsor-checkin-save")));
    let since = press(api, me, m, tr("btn-sponsor-checkin-save"));
    // An early check-in answers the one due in a month: the next is due a month after that.
    await reply(me, since, fromLocale(locale, "sponsor-checkin-saved", { date: formatDate(addMonths(today, 2)) }));
    card = await reply(me, since, hasButton(tr("btn-sponsor-do-check-in")));

    // ---- the second: attending, but something to flag (typed) ----
    const alertsBefore = api.calls.length;
    m = await tap(me, card, tr("btn-sponsor-do-check-in"), fromLocale(locale, "sponsor-checkin-ask-attending", { pupil: `${c.pupil} (2014)` }));
    m = await tap(me, m, tr("btn-sponsor-checkin-yes"), (x) => labelsOf(x).includes(tr("btn-sponsor-checkin-no")));
    m = await tap(me, m, tr("btn-sponsor-checkin-no"), tr("sponsor-checkin-ask-studies")); // the money did not arrive this time
    await tap(me, m, tr("sponsor-studies-2"), starts("sponsor-checkin-ask-flag"));
    m = await send(me, c.flag, hasButton(tr("btn-sponsor-checkin-save")));
    expect(m.text).toContain(c.flag);
    since = press(api, me, m, tr("btn-sponsor-checkin-save"));
    const saved = await reply(me, since, fromLocale(locale, "sponsor-checkin-saved", { date: formatDate(addMonths(today, 3)) }));
    expect(saved.text).toContain(tr("sponsor-checkin-at-risk"));
    card = await reply(me, since, hasButton(tr("btn-sponsor-change-status")));

    // The coordinator of the commune hears of it in their own language, with initials only and a button to the case.
    const alert = await reply(coordinator, alertsBefore, fromLocale(locale, "sponsor-notice-flagged", { name: c.memberName, pupil: c.initials, unit: c.branch }));
    expect(alert.text).not.toContain(c.pupil);
    expect(alert.text).not.toContain(c.flag);
    expect(labelsOf(alert)).toEqual([tr("btn-sponsor-view-case")]);
  }, 90_000);

  it.sequential("the member marks the pupil back in school; the change is kept in the history", async () => {
    expect(card, "the case card of the previous test").toBeDefined();
    let m = await tap(me, card!, tr("btn-sponsor-change-status"), fromLocale(locale, "sponsor-status-ask", { pupil: `${c.pupil} (2014)` }));
    m = await tap(me, m, tr("sponsor-status-RETURNED"), fromLocale(locale, "sponsor-status-ask-note"));
    m = await tap(me, m, tr("btn-skip"), hasButton(tr("btn-sponsor-status-save")));
    const since = press(api, me, m, tr("btn-sponsor-status-save"));
    await reply(me, since, fromLocale(locale, "sponsor-status-saved", { pupil: `${c.pupil} (2014)`, status: tr("sponsor-status-RETURNED") }));
    card = await reply(me, since, hasButton(tr("btn-sponsor-history")));
    expect(card.text).toContain(tr("sponsor-status-RETURNED"));
    const history = await tap(me, card, tr("btn-sponsor-history"), (x) => (x.text ?? "").includes(tr("sponsor-status-RETURNED")));
    expect(history.text).toContain(tr("sponsor-status-AT_RISK"));
  }, 60_000);

  it.sequential("the coordinator opens the case from the alert in full and sees the commune's counts", async () => {
    const alerts = api.calls.filter((x) => x.method === "sendMessage" && x.payload.chat_id === coordinator.id);
    expect(alerts.length).toBeGreaterThan(0);
    const alert = await reply(coordinator, 0, hasButton(tr("btn-sponsor-view-case")));
    const full = await tap(coordinator, alert, tr("btn-sponsor-view-case"), (x) => (x.text ?? "").includes(c.pupil));
    expect(full.text).toContain(c.school);
    expect(full.text).toContain(tr("sponsor-circ-POOR_HOUSEHOLD"));

    // The home: the commune's figures, one press away.
    let m = await send(coordinator, "/cases", hasButton(tr("btn-sponsor-overview", { unit: c.commune })));
    const year = schoolYearOf(today).start;
    m = await tap(coordinator, m, tr("btn-sponsor-overview", { unit: c.commune }), (x) => (x.text ?? "").includes(schoolYearLabel(year)));
    expect(m.text).toContain(tr("sponsor-stats-status-line", { status: tr("sponsor-status-RETURNED"), count: 1 }));
    expect(m.text).toContain(tr("sponsor-stats-status-line", { status: tr("sponsor-status-AT_RISK"), count: 0 }));
    expect(m.text).toContain(tr("sponsor-stats-share", { percent: 100 }));
    const list = await tap(coordinator, m, tr("btn-sponsor-list"), (x) => (x.text ?? "").includes(c.initials));
    expect(list.text).not.toContain(c.pupil); // a list shows initials
  }, 60_000);
});

it("the bot process is still alive after both journeys", () => {
  expect(suite.bot.proc.exitCode).toBeNull();
});
