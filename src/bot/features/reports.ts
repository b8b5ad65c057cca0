// 📝 Unit reports in the chat (issue 6): /report picks the unit and the
// period and opens the report (conversations/report-fill.ts); a report's card;
// for coordinators, who in their subtree has submitted and the summed report,
// and reopening a submitted report (conversations/report-reopen.ts). The
// services decide who sees what; buttons only mirror it, and every refusal is
// said in the chat with a way back.
//
// Callback data: "rh" the /report home, "ru:<unitId>" the periods of a unit,
// "rp:<unitId>:<year>:<period>" fill in (or continue) the report,
// "rs:<unitId>:<year>:<period>" who has submitted, "rt:<unitId>:<year>:<period>"
// the summed report, "rv:<reportId>" a report's card, "ro:<reportId>:<token>"
// reopen it. Periods are "H1" and "YEAR".
import { Composer, InlineKeyboard } from "grammy";
import { vietnamToday } from "../../domain/dates.ts";
import type { ReportPeriod } from "../../domain/reports.ts";
import type { ServiceError } from "../../services/errors.ts";
import type { ReportView, SubmissionRow, SummedReport } from "../../services/reports.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml, shorten } from "../format.ts";
import { REPORT_FILL } from "../conversations/report-fill.ts";
import { REPORT_REOPEN } from "../conversations/report-reopen.ts";
import {
  cardText, count, currentPeriod, inLocale, MAX_LIST_LINES, moment, money, moreUnits, periodButton, periodLabel, pickablePeriods,
  versionToken, type T,
} from "../conversations/report-text.ts";
import { localeOf, politely as politelyDo } from "./replies.ts";

/** Units offered as buttons on the home (to report for, to follow). */
const MAX_UNIT_BUTTONS = 8;
const MAX_FOLLOWED_UNITS = 4;
/** Up to this many submitted reports get a button with the unit's name; more get numbered buttons. */
const NAMED_CARD_BUTTONS = 6;
const NUMBERS_PER_ROW = 5;

type Scope = { unitId: number; year: number; period: ReportPeriod };

/** 📝 Báo cáo, 🏠 Menu — under every answer of this feature, after what `first` adds. */
export function reportWayBack(t: T, first?: (k: InlineKeyboard) => void): InlineKeyboard {
  const k = new InlineKeyboard();
  if (first) {
    first(k);
    k.row();
  }
  return k.text(t("btn-report-home"), "rh").text(t("btn-menu"), "menu");
}

/** The same two buttons under a keyboard built already. */
function withWayBack(t: T, k: InlineKeyboard): InlineKeyboard {
  return k.row().text(t("btn-report-home"), "rh").text(t("btn-menu"), "menu");
}

async function sayRefusal(ctx: BotContext, error: ServiceError): Promise<void> {
  await ctx.reply(ctx.t(`errors-${error.code}`, error.params), { reply_markup: reportWayBack(ctx.t) });
}

function politely(ctx: BotContext, task: () => Promise<void>): Promise<void> {
  return politelyDo(ctx, task, (error) => sayRefusal(ctx, error));
}

function today(ctx: BotContext) {
  return vietnamToday(ctx.services.deps.now());
}

// ---- /report ----

function periodRows(ctx: BotContext, k: InlineKeyboard, unitId: number): void {
  const periods = pickablePeriods(today(ctx).year);
  periods.forEach((p, i) => {
    k.text(periodButton(ctx.t, p.period, p.year), `rp:${unitId}:${p.year}:${p.period}`);
    if (i % 2 === 1) k.row();
  });
}

/** The buttons of a coordinator (or administrator) for the units they follow: who has submitted, the sum. */
async function followRows(ctx: BotContext, k: InlineKeyboard): Promise<boolean> {
  const followed = (await ctx.services.units.managedRoots(ctx.person)).slice(0, MAX_FOLLOWED_UNITS);
  const { year, period } = currentPeriod(today(ctx));
  for (const u of followed) {
    const unit = shorten(u.name, 28);
    k.text(ctx.t("btn-report-submissions", { unit }), `rs:${u.id}:${year}:${period}`).row();
    k.text(ctx.t("btn-report-summed", { unit }), `rt:${u.id}:${year}:${period}`).row();
  }
  return followed.length > 0;
}

/** /report: the unit's periods (one unit) or the units to pick from; the coordinator's buttons. */
async function showHome(ctx: BotContext): Promise<void> {
  const units = await ctx.services.reports.reportUnits(ctx.person);
  const k = new InlineKeyboard();
  const parts: string[] = [];
  const only = units.length === 1 ? units[0] : undefined;
  if (only) {
    parts.push(ctx.t("report-home-periods", { unit: escapeHtml(only.name) }));
    periodRows(ctx, k, only.id);
  } else if (units.length > 1) {
    parts.push(ctx.t("report-home-units"));
    for (const u of units.slice(0, MAX_UNIT_BUTTONS)) k.text(shorten(u.name, 40), `ru:${u.id}`).row();
  }
  const follows = await followRows(ctx, k);
  if (follows) parts.push(ctx.t("report-home-follow"));
  if (parts.length === 0) {
    await ctx.reply(ctx.t("report-home-none"), { parse_mode: "HTML", reply_markup: new InlineKeyboard().text(ctx.t("btn-menu"), "menu") });
    return;
  }
  await ctx.reply(parts.join("\n\n"), { parse_mode: "HTML", reply_markup: k.text(ctx.t("btn-menu"), "menu") });
}

/** The periods of one of the person's units. */
async function showPeriods(ctx: BotContext, unitId: number): Promise<void> {
  const unit = (await ctx.services.reports.reportUnits(ctx.person)).find((u) => u.id === unitId);
  if (!unit) {
    await ctx.reply(ctx.t("errors-forbidden"), { reply_markup: reportWayBack(ctx.t) });
    return;
  }
  const k = new InlineKeyboard();
  periodRows(ctx, k, unit.id);
  await ctx.reply(ctx.t("report-home-periods", { unit: escapeHtml(unit.name) }), { parse_mode: "HTML", reply_markup: withWayBack(ctx.t, k) });
}

// ---- a report's card ----

export function cardKeyboard(t: T, r: ReportView): InlineKeyboard {
  return reportWayBack(t, (k) => {
    if (r.canReopen && r.status === "SUBMITTED") k.text(t("btn-report-reopen"), `ro:${r.id}:${versionToken(r.updatedAt)}`);
    else if (r.canEdit && r.status !== "SUBMITTED") k.text(t("btn-report-open"), `rp:${r.unitId}:${r.year}:${r.period}`);
  });
}

/** A report read-only, with what the person may do there. */
export async function showReportCard(ctx: BotContext, reportId: number): Promise<void> {
  const r = await ctx.services.reports.getReport(ctx.person, reportId);
  await ctx.reply(cardText(ctx.t, await localeOf(ctx), r), { parse_mode: "HTML", reply_markup: cardKeyboard(ctx.t, r) });
}

// ---- who has submitted ----

/** The other periods to look at (this year's and last year's), as buttons to the same view. */
function otherPeriods(ctx: BotContext, k: InlineKeyboard, prefix: "rs" | "rt", s: Scope): void {
  const others = pickablePeriods(today(ctx).year).filter((p) => p.year !== s.year || p.period !== s.period);
  others.forEach((p, i) => {
    k.text(periodButton(ctx.t, p.period, p.year), `${prefix}:${s.unitId}:${p.year}:${p.period}`);
    if (i % 2 === 1) k.row();
  });
  k.row();
}

function submissionLine(t: T, n: number, row: SubmissionRow): string {
  const line = t(`report-subs-line-${row.status}`, { n, unit: escapeHtml(row.unitName), date: row.submittedAt ? moment(row.submittedAt) : "" });
  return row.late ? `${line}${t("report-subs-late")}` : line;
}

async function showSubmissions(ctx: BotContext, s: Scope): Promise<void> {
  const rows = await ctx.services.reports.submissions(ctx.person, s.unitId, s.year, s.period);
  const unit = await ctx.services.units.viewUnit(ctx.person, s.unitId);
  const t = ctx.t;
  const vars = { unit: escapeHtml(unit.name), period: periodLabel(t, s.period, s.year) };
  const k = new InlineKeyboard();
  let text: string;
  if (rows.length === 0) text = t("report-subs-none", vars);
  else {
    const shown = rows.slice(0, MAX_LIST_LINES);
    const submitted = rows.filter((r) => r.status === "SUBMITTED").length;
    const lines = shown.map((r, i) => submissionLine(t, i + 1, r));
    const more = moreUnits(t, rows.length);
    text = [t("report-subs-title", { ...vars, submitted, total: rows.length }), lines.join("\n") + (more ? `\n${more}` : "")].join("\n\n");
    const cards = shown.map((r, i) => ({ n: i + 1, r })).filter(({ r }) => r.status === "SUBMITTED" && r.reportId !== null);
    if (cards.length > 0) text += `\n\n${t("report-subs-hint")}`;
    if (cards.length <= NAMED_CARD_BUTTONS) for (const { r } of cards) k.text(t("btn-report-card", { unit: shorten(r.unitName, 36) }), `rv:${r.reportId}`).row();
    else {
      cards.forEach(({ n, r }, i) => {
        k.text(t("btn-report-card-n", { n }), `rv:${r.reportId}`);
        if ((i + 1) % NUMBERS_PER_ROW === 0) k.row();
      });
      k.row();
    }
  }
  k.text(t("btn-report-summed", { unit: shorten(unit.name, 28) }), `rt:${s.unitId}:${s.year}:${s.period}`).row();
  otherPeriods(ctx, k, "rs", s);
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: withWayBack(t, k) });
}

// ---- the summed report ----

function totalsText(t: T, L: "vi" | "en", s: SummedReport): string {
  const sections = s.sections.map((section) => {
    const lines = section.fields.map((f) =>
      t("report-sum-line", { label: escapeHtml(inLocale(f.label, L)), value: f.kind === "money" ? money(L, f.total) : count(L, f.total) }));
    return [t("report-sum-section", { title: escapeHtml(inLocale(section.title, L)) }), ...lines].join("\n");
  });
  return sections.join("\n\n");
}

function unitList(t: T, head: string, units: { unitName: string }[]): string {
  const lines = units.slice(0, MAX_LIST_LINES).map((u) => t("report-sum-unit", { unit: escapeHtml(u.unitName) }));
  const more = moreUnits(t, units.length);
  return [head, ...lines, ...(more ? [more] : [])].join("\n");
}

async function showSummed(ctx: BotContext, scope: Scope): Promise<void> {
  const s = await ctx.services.reports.summedReport(ctx.person, scope.unitId, scope.year, scope.period);
  const t = ctx.t;
  const L = await localeOf(ctx);
  const vars = { unit: escapeHtml(s.unitName), period: periodLabel(t, s.period, s.year) };
  const head = t("report-sum-title", vars);
  if (s.included.length === 0) {
    await ctx.reply(`${head}\n\n${t("report-sum-nothing")}`, { parse_mode: "HTML" });
  } else {
    await ctx.reply(`${head}\n\n${totalsText(t, L, s)}`, { parse_mode: "HTML" });
  }
  const parts: string[] = [];
  if (s.included.length > 0) parts.push(unitList(t, t("report-sum-included", { count: s.included.length }), s.included));
  parts.push(s.missing.length === 0 ? t("report-sum-all-in") : unitList(t, t("report-sum-missing", { count: s.missing.length }), s.missing));
  const k = new InlineKeyboard().text(t("btn-report-submissions", { unit: shorten(s.unitName, 28) }), `rs:${scope.unitId}:${scope.year}:${scope.period}`).row();
  otherPeriods(ctx, k, "rt", scope);
  await ctx.reply(parts.join("\n\n"), { parse_mode: "HTML", reply_markup: withWayBack(t, k) });
}

const SCOPE = /^(r[pst]):(\d{1,9}):(\d{4}):(H1|YEAR)$/;

export function reportsFeature() {
  const feature = new Composer<BotContext>();
  feature.command("report", (ctx) => politely(ctx, () => showHome(ctx)));
  feature.callbackQuery("rh", async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => showHome(ctx));
  });
  feature.callbackQuery(/^ru:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => showPeriods(ctx, Number(ctx.match[1])));
  });
  feature.callbackQuery(SCOPE, async (ctx) => {
    await ctx.answerCallbackQuery();
    const scope: Scope = { unitId: Number(ctx.match[2]), year: Number(ctx.match[3]), period: ctx.match[4] as ReportPeriod };
    if (ctx.match[1] === "rp") await ctx.conversation.enter(REPORT_FILL, scope.unitId, scope.year, scope.period);
    else if (ctx.match[1] === "rs") await politely(ctx, () => showSubmissions(ctx, scope));
    else await politely(ctx, () => showSummed(ctx, scope));
  });
  feature.callbackQuery(/^rv:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => showReportCard(ctx, Number(ctx.match[1])));
  });
  feature.callbackQuery(/^ro:(\d{1,9}):([0-9a-z]{1,12})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(REPORT_REOPEN, Number(ctx.match[1]), ctx.match[2]!);
  });
  return feature;
}
