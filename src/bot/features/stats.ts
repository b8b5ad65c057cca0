// 📊 /stats for coordinators (issue 8): pick a unit of one's area and a
// period; the bot answers with a short text summary and charts as pictures
// (money collected per child unit, report completeness per child unit).
// The services decide who may see what (report.view, periods that have
// begun); the buttons only mirror it, and every refusal is said with a way
// back.
//
// Callback data: "qh" the 📊 home of the menu (stats and export), "qs" the
// units to pick from, "qu:<unitId>" a unit's periods (and its child units),
// "qv:<unitId>:<year>:<period>" the figures. Periods are "H1" and "YEAR".
import { Composer, InlineKeyboard, InputFile } from "grammy";
import { vietnamToday } from "../../domain/dates.ts";
import type { ReportPeriod } from "../../domain/reports.ts";
import type { ServiceError } from "../../services/errors.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml, shorten } from "../format.ts";
import {
  emptyText, MAX_UNIT_BUTTONS, periodRows, statsCharts, statsPeriods, statsText, UNIT_LABEL, type PeriodChoice, type T,
} from "../conversations/stats-text.ts";
import { localeOf, politely as politelyDo } from "./replies.ts";

/** 📊 Số liệu, 🏠 Menu — under every answer of this feature, after what `first` adds. */
export function statsWayBack(t: T, first?: (k: InlineKeyboard) => void): InlineKeyboard {
  const k = new InlineKeyboard();
  if (first) {
    first(k);
    k.row();
  }
  return k.text(t("btn-stats-show"), "qs").text(t("btn-menu"), "menu");
}

async function sayRefusal(ctx: BotContext, error: ServiceError): Promise<void> {
  await ctx.reply(ctx.t(`errors-${error.code}`, error.params), { reply_markup: statsWayBack(ctx.t) });
}

function politely(ctx: BotContext, task: () => Promise<void>): Promise<void> {
  return politelyDo(ctx, task, (error) => sayRefusal(ctx, error));
}

function thisYear(ctx: BotContext): number {
  return vietnamToday(ctx.services.deps.now()).year;
}

/** The 📊 home of the menu: the figures, or a file. */
async function showDataHome(ctx: BotContext): Promise<void> {
  await ctx.services.stats.statsUnits(ctx.person); // a plain member is refused here
  const k = new InlineKeyboard()
    .text(ctx.t("btn-stats-show"), "qs").row()
    .text(ctx.t("btn-export-start"), "xh").row()
    .text(ctx.t("btn-menu"), "menu");
  await ctx.reply(ctx.t("stats-data-home"), { parse_mode: "HTML", reply_markup: k });
}

/** /stats: the units to pick from; with only one, straight to its periods. */
async function showUnits(ctx: BotContext): Promise<void> {
  const units = await ctx.services.stats.statsUnits(ctx.person);
  if (units.length === 1) {
    await showUnit(ctx, units[0]!.id);
    return;
  }
  const k = new InlineKeyboard();
  for (const u of units.slice(0, MAX_UNIT_BUTTONS)) k.text(shorten(u.name, UNIT_LABEL), `qu:${u.id}`).row();
  await ctx.reply(ctx.t("stats-pick-unit"), { parse_mode: "HTML", reply_markup: k.text(ctx.t("btn-menu"), "menu") });
}

/** A unit: its periods, and its child units one level down. */
async function showUnit(ctx: BotContext, unitId: number): Promise<void> {
  const roots = await ctx.services.stats.statsUnits(ctx.person);
  const unit = await ctx.services.units.viewUnit(ctx.person, unitId);
  const children = await ctx.services.units.listChildren(ctx.person, unitId);
  const k = new InlineKeyboard();
  periodRows(ctx.t, k, statsPeriods(thisYear(ctx)), (p) => `qv:${unitId}:${p.year}:${p.period}`);
  for (const c of children.slice(0, MAX_UNIT_BUTTONS)) k.text(ctx.t("btn-stats-down", { unit: shorten(c.name, UNIT_LABEL) }), `qu:${c.id}`).row();
  const isRoot = roots.some((r) => r.id === unitId);
  // ⬅️ goes up to the parent inside one's area, else to the list of units.
  const back = isRoot || unit.parentId === null ? "qs" : `qu:${unit.parentId}`;
  if (!(isRoot && roots.length === 1)) k.text(ctx.t("btn-back"), back);
  k.text(ctx.t("btn-menu"), "menu");
  await ctx.reply(ctx.t("stats-pick-period", { unit: escapeHtml(unit.name) }), { parse_mode: "HTML", reply_markup: k });
}

/** The buttons under the figures: the other periods, the child units for the same period, back to the unit. */
function afterStatsKeyboard(ctx: BotContext, unitId: number, shown: PeriodChoice, children: { unitId: number; unitName: string }[]): InlineKeyboard {
  const k = new InlineKeyboard();
  const others = statsPeriods(thisYear(ctx)).filter((p) => p.year !== shown.year || p.period !== shown.period);
  periodRows(ctx.t, k, others, (p) => `qv:${unitId}:${p.year}:${p.period}`);
  for (const c of children.slice(0, MAX_UNIT_BUTTONS)) {
    k.text(ctx.t("btn-stats-down", { unit: shorten(c.unitName, UNIT_LABEL) }), `qv:${c.unitId}:${shown.year}:${shown.period}`).row();
  }
  return k.text(ctx.t("btn-back"), `qu:${unitId}`).text(ctx.t("btn-menu"), "menu");
}

async function showStats(ctx: BotContext, unitId: number, shown: PeriodChoice): Promise<void> {
  await ctx.replyWithChatAction("typing");
  const s = await ctx.services.stats.subtreeStats(ctx.person, unitId, shown.year, shown.period);
  const locale = await localeOf(ctx);
  const keyboard = afterStatsKeyboard(ctx, unitId, shown, s.children);
  if (s.empty) {
    await ctx.reply(emptyText(ctx.t, s), { parse_mode: "HTML", reply_markup: keyboard });
    return;
  }
  const charts = statsCharts(ctx.t, locale, s);
  // The buttons go under the last message, so that they are at hand after the pictures.
  await ctx.reply(statsText(ctx.t, locale, s), { parse_mode: "HTML", ...(charts.length === 0 ? { reply_markup: keyboard } : {}) });
  for (const [i, c] of charts.entries()) {
    await ctx.replyWithChatAction("upload_photo");
    // echarts is loaded with the first chart drawn, not at start (issue 9: idle memory).
    const { barChartPng } = await import("../../render/charts.ts");
    const png = await barChartPng(c.chart);
    const last = i === charts.length - 1;
    // A name per chart: a phone or the simulator that saves them keeps both.
    await ctx.replyWithPhoto(new InputFile(png, `chart-${i + 1}.png`), { caption: c.caption, ...(last ? { reply_markup: keyboard } : {}) });
  }
}

const SHOW = /^qv:(\d{1,9}):(\d{4}):(H1|YEAR)$/;

export function statsFeature() {
  const feature = new Composer<BotContext>();
  feature.command("stats", (ctx) => politely(ctx, () => showUnits(ctx)));
  feature.callbackQuery("qh", async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => showDataHome(ctx));
  });
  feature.callbackQuery("qs", async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => showUnits(ctx));
  });
  feature.callbackQuery(/^qu:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => showUnit(ctx, Number(ctx.match[1])));
  });
  feature.callbackQuery(SHOW, async (ctx) => {
    await ctx.answerCallbackQuery();
    const shown = { year: Number(ctx.match[2]), period: ctx.match[3] as ReportPeriod };
    await politely(ctx, () => showStats(ctx, Number(ctx.match[1]), shown));
  });
  return feature;
}
