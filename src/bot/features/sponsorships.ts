// 🤝 Sponsorship cases (Ba đỡ đầu): the home (the person's own cases, the
// coordinators' units), a unit's overview for a school year, the list of its
// cases and of overdue check-ins, the case card with what the person may do
// there (check in, change the status, the check-in interval, the history,
// deleting the personal data), and the administrators' sponsor kinds.
// Who sees what is decided by the services (sponsorship-views.ts): a card
// shows what getCase returns, the buttons only mirror canFollow / canDelete.
//
// Callback data: "sp" home, "so" / "so:<unitId>" open a case, "sc:<caseId>"
// the case card, "sk:<caseId>" check in, "ss:<caseId>" change the status,
// "si:<caseId>" / "sj:<caseId>:<months>" the check-in interval, "sh:<caseId>"
// history, "sx:<caseId>" / "sy:<caseId>" delete the personal data,
// "sv:<unitId>:<year>" overview, "sl:<unitId>" list, "sd:<unitId>" overdue,
// "sn" sponsor kinds, "sq:<kindId>:0|1" hide / show a kind, "sa" add a kind.
import { Composer, InlineKeyboard } from "grammy";
import { schoolYearLabel, schoolYearOf, toIsoDate, vietnamToday } from "../../domain/dates.ts";
import { actionsAnywhere, isAdmin } from "../../domain/permissions.ts";
import { FIRST_SCHOOL_YEAR } from "../../domain/piggy-bank.ts";
import { CASE_STATUSES, CHECK_IN_INTERVALS, SUPPORT_KINDS, isOpenStatus } from "../../domain/sponsorship.ts";
import type { CaseView } from "../../services/sponsorships.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml, shorten } from "../format.ts";
import type { Notifier } from "../notify.ts";
import { SPONSOR_OPEN } from "../conversations/sponsor-open.ts";
import { SPONSOR_CHECK_IN, SPONSOR_STATUS } from "../conversations/sponsor-follow.ts";
import { SPONSOR_KIND_ADD } from "../conversations/sponsor-kinds.ts";
import {
  caseStatusLabel, circumstanceLabel, count, day, money, pupilLabel, sponsorKindName, studiesLabel, supportLabel, type Locale,
} from "../conversations/sponsor-text.ts";
import { localeOf, politely as politelyDo } from "./replies.ts";

/** Lines of a list in one message (a commune has a few dozen cases, a district hundreds). */
const MAX_LINES = 30;
/** Case buttons on the home: one per row, named. */
const MAX_HOME_BUTTONS = 10;
const MAX_UNIT_BUTTONS = 8;
/** Numbered case buttons under a list, this many per row. */
const NUMBERS_PER_ROW = 5;
const MAX_HISTORY = 30;

function currentYear(ctx: BotContext): number {
  return schoolYearOf(vietnamToday(ctx.services.deps.now())).start;
}

function homeKeyboard(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t("btn-sponsor-home"), "sp").text(ctx.t("btn-menu"), "menu");
}

/** Runs what a press or a command asked; a refusal of the services is said in the chat, with the way back. */
function politely(ctx: BotContext, task: () => Promise<void>): Promise<void> {
  return politelyDo(ctx, task, (error) => ctx.reply(ctx.t(`errors-${error.code}`, error.params), { reply_markup: homeKeyboard(ctx) }));
}

/** "1 2 3 4 5" buttons to the cards of a numbered list. */
function numberedCaseButtons(ctx: BotContext, k: InlineKeyboard, caseIds: number[]): void {
  caseIds.forEach((id, i) => {
    k.text(ctx.t("btn-sponsor-case-n", { n: String(i + 1) }), `sc:${id}`);
    if ((i + 1) % NUMBERS_PER_ROW === 0) k.row();
  });
  if (caseIds.length % NUMBERS_PER_ROW !== 0) k.row();
}

function more(ctx: BotContext, key: string, total: number): string {
  return total > MAX_LINES ? `\n${ctx.t(key, { count: total - MAX_LINES })}` : "";
}

// ---- home ----

/** 🤝 from the menu or /cases: the person's own cases, the coordinators' units, the administrators' kinds. */
async function showHome(ctx: BotContext): Promise<void> {
  const actor = ctx.person.actor;
  if (actor.roles.length === 0 && !isAdmin(actor)) {
    await ctx.reply(ctx.t("errors-forbidden-members"));
    return;
  }
  const t = ctx.t;
  const allowed = actionsAnywhere(actor);
  const mine = await ctx.services.sponsorships.listMyCases(ctx.person);
  const parts = [t("sponsor-home-title")];
  if (mine.length === 0) parts.push(t("sponsor-home-none"));
  else {
    const lines = mine.slice(0, MAX_LINES).map((c) => {
      const pupil = escapeHtml(c.label);
      const status = caseStatusLabel(t, c.status);
      if (!isOpenStatus(c.status)) return t("sponsor-home-line-closed", { pupil, status });
      const line = t("sponsor-home-line", { pupil, status, date: day(c.nextCheckInOn) });
      return c.overdueDays > 0 ? `${line} ${t("sponsor-home-late", { days: c.overdueDays })}` : line;
    });
    parts.push(`${t("sponsor-home-mine", { count: mine.length })}\n${lines.join("\n")}${more(ctx, "sponsor-home-more", mine.length)}`);
  }
  const k = new InlineKeyboard();
  for (const c of mine.slice(0, MAX_HOME_BUTTONS)) k.text(shorten(c.label, 40), `sc:${c.id}`).row();
  k.text(t("btn-sponsor-new-case"), "so").row();
  if (allowed.has("sponsor.view_full")) {
    const roots = await ctx.services.units.managedRoots(ctx.person);
    if (roots.length > 0) parts.push(t("sponsor-home-coordinator"));
    const year = currentYear(ctx);
    for (const u of roots.slice(0, MAX_UNIT_BUTTONS)) k.text(t("btn-sponsor-overview", { unit: shorten(u.name, 40) }), `sv:${u.id}:${year}`).row();
  }
  if (allowed.has("sponsor.kinds")) k.text(t("btn-sponsor-kinds"), "sn").row();
  k.text(t("btn-menu"), "menu");
  await ctx.reply(parts.join("\n\n"), { parse_mode: "HTML", reply_markup: k });
}

// ---- a coordinator's views of a unit and everything under it ----

/** Counts by status, new cases and support in the school year, the share still in school, overdue check-ins. */
async function showOverview(ctx: BotContext, unitId: number, year: number): Promise<void> {
  const s = await ctx.services.sponsorships.caseStats(ctx.person, unitId, year);
  const L = await localeOf(ctx);
  const t = ctx.t;
  const statuses = CASE_STATUSES.map((status) => t("sponsor-stats-status-line", { status: caseStatusLabel(t, status), count: count(L, s.counts[status]) }));
  const share = s.stillInSchool === null ? t("sponsor-stats-share-none") : t("sponsor-stats-share", { percent: String(Math.round(s.stillInSchool * 100)) });
  const byKind = SUPPORT_KINDS.filter((kind) => s.supportByKind[kind] > 0).map((kind) =>
    t("sponsor-stats-support-line", { kind: supportLabel(t, kind), amount: money(L, s.supportByKind[kind]) }),
  );
  const figures = t("sponsor-stats-figures", {
    total: count(L, s.total), opened: count(L, s.opened), support: money(L, s.supportGiven), share, overdue: count(L, s.overdue),
  });
  const parts = [
    t("sponsor-stats-title", { unit: escapeHtml(s.unitName), year: s.schoolYearLabel }),
    statuses.join("\n"),
    byKind.length > 0 ? `${figures}\n${byKind.join("\n")}` : figures,
  ];
  const k = new InlineKeyboard().text(t("btn-sponsor-list"), `sl:${unitId}`).row();
  if (s.overdue > 0) k.text(t("btn-sponsor-overdue", { count: s.overdue }), `sd:${unitId}`).row();
  if (year - 1 >= FIRST_SCHOOL_YEAR) k.text(t("btn-sponsor-year", { year: schoolYearLabel(year - 1) }), `sv:${unitId}:${year - 1}`);
  if (year < currentYear(ctx)) k.text(t("btn-sponsor-year", { year: schoolYearLabel(year + 1) }), `sv:${unitId}:${year + 1}`);
  k.row().text(t("btn-sponsor-home"), "sp").text(t("btn-menu"), "menu");
  await ctx.reply(parts.join("\n\n"), { parse_mode: "HTML", reply_markup: k });
}

/** The cases of a unit and under it: initials, never names (a list is not a full view), numbered buttons to the cards. */
async function showList(ctx: BotContext, unitId: number): Promise<void> {
  const cases = await ctx.services.sponsorships.listUnitCases(ctx.person, unitId);
  const unit = await ctx.services.units.viewUnit(ctx.person, unitId);
  const t = ctx.t;
  const back = new InlineKeyboard();
  const full = actionsAnywhere(ctx.person.actor).has("sponsor.view_full");
  if (cases.length === 0) {
    if (full) back.text(t("btn-sponsor-stats"), `sv:${unitId}:${currentYear(ctx)}`).row();
    await ctx.reply(t("sponsor-list-none", { unit: escapeHtml(unit.name) }), { parse_mode: "HTML", reply_markup: back.text(t("btn-sponsor-home"), "sp").text(t("btn-menu"), "menu") });
    return;
  }
  const shown = cases.slice(0, MAX_LINES);
  const lines = shown.map((c, i) => {
    const pupil = pupilLabel(t, { pupilName: null, initials: c.label, birthYear: c.birthYear, anonymised: c.anonymised });
    const line = t("sponsor-list-line", { n: String(i + 1), pupil, grade: String(c.grade), unit: escapeHtml(c.unitName), status: caseStatusLabel(t, c.status) });
    return c.overdueDays > 0 ? `${line} ${t("sponsor-list-late", { days: c.overdueDays })}` : line;
  });
  const text = `${t("sponsor-list-title", { unit: escapeHtml(unit.name), count: cases.length })}\n${lines.join("\n")}${more(ctx, "sponsor-list-more", cases.length)}\n\n${t("sponsor-list-hint")}`;
  const k = new InlineKeyboard();
  numberedCaseButtons(ctx, k, shown.map((c) => c.id));
  if (full) k.text(t("btn-sponsor-stats"), `sv:${unitId}:${currentYear(ctx)}`).row();
  k.text(t("btn-sponsor-home"), "sp").text(t("btn-menu"), "menu");
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: k });
}

/** Whose check-ins are late: the owner, the pupil's initials, the unit, the due day, the days late. */
async function showOverdue(ctx: BotContext, unitId: number): Promise<void> {
  const items = await ctx.services.sponsorships.overdueCheckIns(ctx.person, unitId);
  const unit = await ctx.services.units.viewUnit(ctx.person, unitId);
  const t = ctx.t;
  const k = new InlineKeyboard();
  if (items.length === 0) {
    k.text(t("btn-sponsor-stats"), `sv:${unitId}:${currentYear(ctx)}`).row().text(t("btn-sponsor-home"), "sp").text(t("btn-menu"), "menu");
    await ctx.reply(t("sponsor-overdue-none", { unit: escapeHtml(unit.name) }), { parse_mode: "HTML", reply_markup: k });
    return;
  }
  const shown = items.slice(0, MAX_LINES);
  const lines = shown.map((o, i) =>
    t("sponsor-overdue-line", {
      n: String(i + 1), owner: escapeHtml(o.ownerName ?? t("sponsor-overdue-owner-unknown")),
      pupil: pupilLabel(t, { pupilName: null, initials: o.initials, birthYear: o.birthYear, anonymised: false }),
      unit: escapeHtml(o.unitName), date: day(o.dueOn), days: o.overdueDays,
    }),
  );
  const text = `${t("sponsor-overdue-title", { unit: escapeHtml(unit.name), count: items.length })}\n${lines.join("\n")}${more(ctx, "sponsor-overdue-more", items.length)}`;
  numberedCaseButtons(ctx, k, shown.map((o) => o.caseId));
  k.text(t("btn-sponsor-stats"), `sv:${unitId}:${currentYear(ctx)}`).row().text(t("btn-sponsor-home"), "sp").text(t("btn-menu"), "menu");
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: k });
}

// ---- the case card ----

function supportText(ctx: BotContext, L: Locale, c: CaseView): string {
  const t = ctx.t;
  return c.support
    .map((s) => {
      if (s.kind === "MONEY") return t("sponsor-card-support-money", { amount: money(L, s.amount) });
      if (s.amount > 0) return t("sponsor-card-support-item", { kind: supportLabel(t, s.kind), amount: money(L, s.amount) });
      return supportLabel(t, s.kind);
    })
    .join(t("sponsor-card-separator"));
}

function lastCheckInText(ctx: BotContext, c: CaseView): string[] {
  const t = ctx.t;
  const last = c.lastCheckIn;
  if (!last) return [t("sponsor-card-no-check-in")];
  const answers = [t(last.attending ? "sponsor-card-attending" : "sponsor-card-not-attending")];
  if (last.supportArrived !== null) answers.push(t(last.supportArrived ? "sponsor-card-support-arrived" : "sponsor-card-support-missing"));
  answers.push(t("sponsor-card-studies", { studies: studiesLabel(t, last.studies) }));
  const lines = [t("sponsor-card-last", { date: day(last.on), answers: answers.join(t("sponsor-card-separator")) })];
  if (last.flagNote) lines.push(t("sponsor-card-flag", { note: escapeHtml(last.flagNote) }));
  return lines;
}

/** The card's text: the full case, the masked one (initials), or what is kept after a deletion. */
function cardText(ctx: BotContext, L: Locale, c: CaseView): string {
  const t = ctx.t;
  const status = caseStatusLabel(t, c.status);
  const head = [
    t("sponsor-card-title", { id: String(c.id) }),
    t("sponsor-card-pupil", { pupil: pupilLabel(t, c) }),
    c.schoolName ? t("sponsor-card-school", { school: escapeHtml(c.schoolName), grade: String(c.grade) }) : t("sponsor-card-grade", { grade: String(c.grade) }),
    t("sponsor-card-unit", { unit: escapeHtml(c.unitName) }),
  ];
  if (!c.full) {
    head.push(t("sponsor-card-status", { status }));
    return `${head.join("\n")}\n\n${t(c.anonymised ? "sponsor-card-anonymised" : "sponsor-card-masked")}`;
  }
  if (c.circumstances.length > 0) {
    head.push(t("sponsor-card-circumstances", { list: c.circumstances.map((x) => circumstanceLabel(t, x)).join(t("sponsor-card-separator")) }));
  }
  if (c.circumstanceNote) head.push(t("sponsor-card-note", { note: escapeHtml(c.circumstanceNote) }));
  const kind = sponsorKindName(c.sponsorKind, L);
  const support = [
    c.sponsorName ? t("sponsor-card-sponsor", { kind, name: escapeHtml(c.sponsorName) }) : t("sponsor-card-sponsor-kind", { kind }),
    t("sponsor-card-support", { list: supportText(ctx, L, c) }),
  ];
  if (c.supportNote) support.push(t("sponsor-card-note", { note: escapeHtml(c.supportNote) }));
  support.push(t("sponsor-card-started", { date: day(c.startedOn) }));
  const follow = [t("sponsor-card-status", { status })];
  if (c.statusReason) follow.push(t("sponsor-card-reason", { reason: escapeHtml(c.statusReason) }));
  if (!c.isOwner && c.ownerName) follow.push(t("sponsor-card-owner", { name: escapeHtml(c.ownerName) }));
  if (isOpenStatus(c.status) && !c.anonymised) {
    follow.push(t("sponsor-card-interval", { months: c.checkInMonths }));
    const next = t("sponsor-card-next", { date: day(c.nextCheckInOn) });
    follow.push(c.overdueDays > 0 ? `${next} ${t("sponsor-card-late", { days: c.overdueDays })}` : next);
  }
  follow.push(...lastCheckInText(ctx, c));
  const parts = [head.join("\n"), support.join("\n"), follow.join("\n")];
  if (c.anonymised) parts.push(t("sponsor-card-anonymised"));
  return parts.join("\n\n");
}

function cardKeyboard(ctx: BotContext, c: CaseView): InlineKeyboard {
  const t = ctx.t;
  const k = new InlineKeyboard();
  if (c.canFollow) k.text(t("btn-sponsor-do-check-in"), `sk:${c.id}`).row();
  // A pupil who dropped out may come back: the status can still change (to "back in school").
  if (c.canFollow || (c.full && !c.anonymised && c.status === "DROPPED_OUT")) k.text(t("btn-sponsor-change-status"), `ss:${c.id}`).row();
  if (c.canFollow) k.text(t("btn-sponsor-interval"), `si:${c.id}`).row();
  if (c.full) k.text(t("btn-sponsor-history"), `sh:${c.id}`).row();
  if (c.canDelete) k.text(t("btn-sponsor-delete"), `sx:${c.id}`).row();
  return k.text(t("btn-sponsor-home"), "sp").text(t("btn-menu"), "menu");
}

async function renderCard(ctx: BotContext, c: CaseView): Promise<void> {
  await ctx.reply(cardText(ctx, await localeOf(ctx), c), { parse_mode: "HTML", reply_markup: cardKeyboard(ctx, c) });
}

/** The case as the person may see it, with the buttons they may use. */
export async function showCaseCard(ctx: BotContext, caseId: number): Promise<void> {
  await renderCard(ctx, await ctx.services.sponsorships.getCase(ctx.person, caseId));
}

/** "Keep" on the deletion question or "Back" on the interval question: that question's buttons go. */
async function closeQuestion(ctx: BotContext): Promise<void> {
  const buttons = ctx.callbackQuery?.message?.reply_markup?.inline_keyboard.flat() ?? [];
  if (buttons.some((b) => "callback_data" in b && /^s[yj]:/.test(b.callback_data))) await ctx.editMessageReplyMarkup().catch(() => undefined);
}

async function askInterval(ctx: BotContext, caseId: number): Promise<void> {
  const k = new InlineKeyboard();
  for (const months of CHECK_IN_INTERVALS) k.text(ctx.t("btn-sponsor-interval-option", { months }), `sj:${caseId}:${months}`).row();
  k.text(ctx.t("btn-back"), `sc:${caseId}`);
  await ctx.reply(ctx.t("sponsor-interval-ask", { id: String(caseId) }), { parse_mode: "HTML", reply_markup: k });
}

async function changeInterval(ctx: BotContext, caseId: number, months: number): Promise<void> {
  const c = await ctx.services.sponsorships.setCheckInInterval(ctx.person, caseId, months);
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  await ctx.reply(ctx.t("sponsor-interval-set", { months: c.checkInMonths, date: day(c.nextCheckInOn) }));
  await renderCard(ctx, c);
}

/** One line per event, oldest first: the day, who, what. */
async function showHistory(ctx: BotContext, caseId: number): Promise<void> {
  const events = await ctx.services.sponsorships.caseHistory(ctx.person, caseId);
  const t = ctx.t;
  const what = (e: (typeof events)[number]): string => {
    switch (e.kind) {
      case "OPENED":
        return t("sponsor-history-opened");
      case "STATUS": {
        const vars = { from: e.fromStatus ? caseStatusLabel(t, e.fromStatus) : "—", to: e.toStatus ? caseStatusLabel(t, e.toStatus) : "—" };
        const changed = t("sponsor-history-status", vars);
        return e.reason ? `${changed} ${t("sponsor-history-reason", { reason: escapeHtml(e.reason) })}` : changed;
      }
      case "CHECK_IN":
        return t("sponsor-history-check-in");
      case "INTERVAL": {
        const months = Number(e.reason);
        return Number.isInteger(months) && months > 0 ? t("sponsor-history-interval", { months }) : t("sponsor-history-interval-changed");
      }
      case "ANONYMISED":
        return t("sponsor-history-anonymised");
    }
  };
  const shown = events.slice(-MAX_HISTORY);
  const lines = shown.map((e) =>
    t("sponsor-history-line", {
      date: day(toIsoDate(vietnamToday(new Date(e.at)))), who: escapeHtml(e.byName ?? t("sponsor-history-someone")), what: what(e),
    }),
  );
  if (events.length > shown.length) lines.unshift(t("sponsor-history-earlier", { count: events.length - shown.length }));
  const k = new InlineKeyboard().text(t("btn-back"), `sc:${caseId}`).row().text(t("btn-sponsor-home"), "sp").text(t("btn-menu"), "menu");
  await ctx.reply(`${t("sponsor-history-title", { id: String(caseId) })}\n${lines.join("\n")}`, { parse_mode: "HTML", reply_markup: k });
}

async function askDelete(ctx: BotContext, caseId: number): Promise<void> {
  const k = new InlineKeyboard().text(ctx.t("btn-sponsor-delete-yes"), `sy:${caseId}`).row().text(ctx.t("btn-sponsor-delete-keep"), `sc:${caseId}`);
  await ctx.reply(ctx.t("sponsor-delete-confirm", { id: String(caseId) }), { parse_mode: "HTML", reply_markup: k });
}

async function deleteCase(ctx: BotContext, caseId: number): Promise<void> {
  await ctx.services.sponsorships.anonymiseCase(ctx.person, caseId);
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  await ctx.reply(ctx.t("sponsor-delete-done", { id: String(caseId) }), { parse_mode: "HTML" });
  await showCaseCard(ctx, caseId);
}

// ---- sponsor kinds (administrators) ----

/** Every kind, the hidden ones too, with Hide / Show and "Add a kind". */
export async function showSponsorKinds(ctx: BotContext): Promise<void> {
  if (!actionsAnywhere(ctx.person.actor).has("sponsor.kinds")) {
    await ctx.reply(ctx.t("errors-forbidden"), { reply_markup: homeKeyboard(ctx) });
    return;
  }
  const t = ctx.t;
  const L = await localeOf(ctx);
  const kinds = await ctx.services.sponsorships.listSponsorKinds(true);
  const lines = kinds.map((kind) =>
    t(kind.active ? "sponsor-kinds-line" : "sponsor-kinds-line-hidden", { vi: escapeHtml(kind.nameVi), en: escapeHtml(kind.nameEn) }),
  );
  const k = new InlineKeyboard();
  for (const kind of kinds) {
    const name = shorten(sponsorKindName(kind, L), 32);
    k.text(t(kind.active ? "btn-sponsor-kinds-hide" : "btn-sponsor-kinds-show", { name }), `sq:${kind.id}:${kind.active ? 0 : 1}`).row();
  }
  k.text(t("btn-sponsor-kinds-add"), "sa").row().text(t("btn-sponsor-home"), "sp").text(t("btn-menu"), "menu");
  await ctx.reply(`${t("sponsor-kinds-title")}\n${lines.join("\n")}`, { parse_mode: "HTML", reply_markup: k });
}

async function setKindActive(ctx: BotContext, kindId: number, active: boolean): Promise<void> {
  const kind = await ctx.services.sponsorships.setSponsorKindActive(ctx.person, kindId, active);
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  const name = escapeHtml(sponsorKindName(kind, await localeOf(ctx)));
  await ctx.reply(ctx.t(active ? "sponsor-kinds-shown" : "sponsor-kinds-hidden", { name }), { parse_mode: "HTML" });
  await showSponsorKinds(ctx);
}

export function sponsorshipsFeature(notifier: Notifier) {
  void notifier; // the flows tell the coordinators; nothing here notifies
  const feature = new Composer<BotContext>();
  feature.command("cases", (ctx) => politely(ctx, () => showHome(ctx)));
  feature.command("sponsorkinds", (ctx) => politely(ctx, () => showSponsorKinds(ctx)));
  feature.callbackQuery("sp", async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => showHome(ctx));
  });
  feature.callbackQuery(/^so(?::(\d{1,9}))?$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(SPONSOR_OPEN, ctx.match[1] ? Number(ctx.match[1]) : 0);
  });
  feature.callbackQuery(/^sc:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await closeQuestion(ctx);
    await politely(ctx, () => showCaseCard(ctx, Number(ctx.match[1])));
  });
  feature.callbackQuery(/^sk:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(SPONSOR_CHECK_IN, Number(ctx.match[1]));
  });
  feature.callbackQuery(/^ss:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(SPONSOR_STATUS, Number(ctx.match[1]));
  });
  feature.callbackQuery(/^si:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await askInterval(ctx, Number(ctx.match[1]));
  });
  feature.callbackQuery(/^sj:(\d{1,9}):(\d{1,2})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => changeInterval(ctx, Number(ctx.match[1]), Number(ctx.match[2])));
  });
  feature.callbackQuery(/^sh:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => showHistory(ctx, Number(ctx.match[1])));
  });
  feature.callbackQuery(/^sx:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await askDelete(ctx, Number(ctx.match[1]));
  });
  feature.callbackQuery(/^sy:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => deleteCase(ctx, Number(ctx.match[1])));
  });
  feature.callbackQuery(/^sv:(\d{1,9})(?::(\d{4}))?$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => showOverview(ctx, Number(ctx.match[1]), ctx.match[2] ? Number(ctx.match[2]) : currentYear(ctx)));
  });
  feature.callbackQuery(/^sl:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => showList(ctx, Number(ctx.match[1])));
  });
  feature.callbackQuery(/^sd:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => showOverdue(ctx, Number(ctx.match[1])));
  });
  feature.callbackQuery("sn", async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => showSponsorKinds(ctx));
  });
  feature.callbackQuery(/^sq:(\d{1,9}):([01])$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => setKindActive(ctx, Number(ctx.match[1]), ctx.match[2] === "1"));
  });
  feature.callbackQuery("sa", async (ctx) => {
    await ctx.answerCallbackQuery();
    if (!actionsAnywhere(ctx.person.actor).has("sponsor.kinds")) {
      await ctx.reply(ctx.t("errors-forbidden"), { reply_markup: homeKeyboard(ctx) });
      return;
    }
    await ctx.conversation.enter(SPONSOR_KIND_ADD);
  });
  return feature;
}
