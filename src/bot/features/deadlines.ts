// 📅 The deadlines calendar in the chat (issue 6): /deadlines shows a person
// what is coming for them and whether their unit has done it; administrators
// edit a deadline's date, name, reminder steps, who owes it (unit kinds,
// roles) and whether it is on, and add new deadlines.
// Who may see or change what is decided by the services (deadlines.ts); the
// buttons only mirror it, and every refusal is said in the chat.
//
// Callback data: "dl" what is coming, "dy:<year>" the year's deadlines
// (administrators), "dv:<id>" a deadline's card, "de:<id>:<field>:<token>" edit
// its date / name / steps / kinds / roles (conversations/deadline-edit.ts),
// "dd:<id>:<token>" turn it off or on, "dn:<year>" a new deadline of the year
// (conversations/deadline-create.ts). Reports open with "rp:<unitId>:<year>:<period>" (reports.ts).
import { Composer, InlineKeyboard } from "grammy";
import { isAdmin, roleRank } from "../../domain/permissions.ts";
import { vietnamToday } from "../../domain/dates.ts";
import type { DeadlineView, MyDeadline } from "../../services/deadlines.ts";
import { isServiceError, type ServiceError } from "../../services/errors.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml, shorten } from "../format.ts";
import { DEADLINE_CREATE } from "../conversations/deadline-create.ts";
import { DEADLINE_EDIT } from "../conversations/deadline-edit.ts";
import { cardText, day, daysText, type Locale, type T } from "../conversations/deadline-text.ts";
import { versionFromToken, versionToken } from "../conversations/piggy-text.ts";
import { localeOf, politely as politelyDo } from "./replies.ts";

/** Deadlines shown on /deadlines; the rest are counted. */
const MAX_DEADLINES = 8;
/** More units than this under one deadline: a count and the first missing ones instead of a line each. */
const MAX_UNIT_LINES = 3;
const MAX_MISSING_NAMES = 5;
const MAX_REPORT_BUTTONS = 6;
/** The years the administrator's list can be moved between. */
const FIRST_YEAR = 2024;
const YEARS_AHEAD = 2;

const wayBack = (t: T, first?: (k: InlineKeyboard) => void): InlineKeyboard => {
  const k = new InlineKeyboard();
  if (first) {
    first(k);
    k.row();
  }
  return k.text(t("btn-deadlines"), "dl").text(t("btn-menu"), "menu");
};

/** A refusal from a service, said in the chat with a way back (presses are answered before). */
async function sayRefusal(ctx: BotContext, error: ServiceError): Promise<void> {
  await ctx.reply(ctx.t(`errors-${error.code}`, error.params), { reply_markup: wayBack(ctx.t) });
}

function politely(ctx: BotContext, task: () => Promise<void>): Promise<void> {
  return politelyDo(ctx, task, (error) => sayRefusal(ctx, error));
}

function currentYear(ctx: BotContext): number {
  return vietnamToday(ctx.services.deps.now()).year;
}

// ---- what is coming for the person ----

/** Whether the person reports for this unit themselves (a role of reporter or more held in it). */
function reportsFor(ctx: BotContext, unitId: number): boolean {
  return ctx.person.actor.roles.some((r) => r.unitId === unitId && roleRank(r.role) >= roleRank("REPORTER"));
}

/** One deadline: its name, date and days left; then its units, one line each or counted. */
function myDeadlineText(t: T, L: Locale, m: MyDeadline): string {
  const d = m.deadline;
  const lines = [t("deadlines-item", { name: escapeHtml(d.name[L]), date: day(d.dueOn), when: daysText(t, m.daysLeft) })];
  if (d.kind === "EVENT" || m.units.length === 0) return lines.join("\n");
  if (m.units.length <= MAX_UNIT_LINES) {
    for (const u of m.units) lines.push(t(u.done ? "deadlines-unit-done" : "deadlines-unit-missing", { unit: escapeHtml(u.unitName) }));
    return lines.join("\n");
  }
  const missing = m.units.filter((u) => !u.done);
  lines.push(t("deadlines-units-count", { done: m.units.length - missing.length, all: m.units.length }));
  if (missing.length > 0) {
    const names = missing.slice(0, MAX_MISSING_NAMES).map((u) => escapeHtml(u.unitName)).join(", ");
    const more = missing.length - MAX_MISSING_NAMES;
    lines.push(t(more > 0 ? "deadlines-units-missing-more" : "deadlines-units-missing", { units: names, count: more }));
  }
  return lines.join("\n");
}

/** 📅 from the menu or /deadlines: what is coming, with the way to the reports still to send. */
async function showMine(ctx: BotContext): Promise<void> {
  const actor = ctx.person.actor;
  const admin = isAdmin(actor);
  if (actor.roles.length === 0 && !admin) {
    await ctx.reply(ctx.t("errors-forbidden-members"), { reply_markup: new InlineKeyboard().text(ctx.t("btn-menu"), "menu") });
    return;
  }
  const t = ctx.t;
  const L = await localeOf(ctx);
  const mine = await ctx.services.deadlines.myDeadlines(ctx.person);
  const parts = [t("deadlines-title")];
  if (mine.length === 0) parts.push(t("deadlines-none"));
  else {
    parts.push(...mine.slice(0, MAX_DEADLINES).map((m) => myDeadlineText(t, L, m)));
    if (mine.length > MAX_DEADLINES) parts.push(t("deadlines-more", { count: mine.length - MAX_DEADLINES }));
  }
  const k = new InlineKeyboard();
  const open = mine.flatMap((m) =>
    m.deadline.kind === "REPORT" && m.deadline.period
      ? m.units.filter((u) => !u.done && reportsFor(ctx, u.unitId)).map((u) => ({ u, d: m.deadline, period: m.deadline.period! }))
      : [],
  );
  for (const { u, d, period } of open.slice(0, MAX_REPORT_BUTTONS)) {
    k.text(t("btn-deadlines-open-report", { unit: shorten(u.unitName, 32) }), `rp:${u.unitId}:${d.year}:${period}`).row();
  }
  if (admin) k.text(t("btn-deadlines-manage"), `dy:${currentYear(ctx)}`).row();
  k.text(t("btn-menu"), "menu");
  await ctx.reply(parts.join("\n\n"), { parse_mode: "HTML", reply_markup: k });
}

// ---- the administrator's list and card ----

function adminKeyboard(t: T, year: number, thisYear: number, first: (k: InlineKeyboard) => void): InlineKeyboard {
  const k = new InlineKeyboard();
  first(k);
  if (year > FIRST_YEAR) k.text(t("btn-deadlines-year-previous", { year: year - 1 }), `dy:${year - 1}`);
  if (year < thisYear + YEARS_AHEAD) k.text(t("btn-deadlines-year-next", { year: year + 1 }), `dy:${year + 1}`);
  return k.row().text(t("btn-deadlines"), "dl").text(t("btn-menu"), "menu");
}

/** ⚙️ Every deadline of a year, one button each to its card, and the years around it. */
export async function showYear(ctx: BotContext, year: number): Promise<void> {
  const list = await ctx.services.deadlines.listDeadlines(ctx.person, year);
  const t = ctx.t;
  const L = await localeOf(ctx);
  const sorted = [...list].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id - b.id);
  const text = sorted.length === 0 ? t("deadlines-year-none", { year }) : `${t("deadlines-year-title", { year })}\n${t("deadlines-year-hint")}`;
  const keyboard = adminKeyboard(t, year, currentYear(ctx), (k) => {
    for (const d of sorted) {
      const label = t(d.active ? "btn-deadlines-item" : "btn-deadlines-item-off", { date: day(d.dueOn).slice(0, 5), name: shorten(d.name[L], 36) });
      k.text(label, `dv:${d.id}`).row();
    }
    if (isAdmin(ctx.person.actor)) k.text(t("btn-deadlines-new"), `dn:${year}`).row();
  });
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
}

function cardKeyboard(ctx: BotContext, d: DeadlineView): InlineKeyboard {
  const t = ctx.t;
  const k = new InlineKeyboard();
  if (isAdmin(ctx.person.actor)) {
    const v = versionToken(d.updatedAt);
    k.text(t("btn-deadlines-edit-date"), `de:${d.id}:date:${v}`)
      .text(t("btn-deadlines-edit-name"), `de:${d.id}:name:${v}`)
      .text(t("btn-deadlines-edit-steps"), `de:${d.id}:steps:${v}`)
      .row();
    k.text(t("btn-deadlines-edit-kinds"), `de:${d.id}:kinds:${v}`).text(t("btn-deadlines-edit-roles"), `de:${d.id}:roles:${v}`).row();
    k.text(t(d.active ? "btn-deadlines-turn-off" : "btn-deadlines-turn-on"), `dd:${d.id}:${v}`).row();
  }
  k.text(t("btn-deadlines-year", { year: d.year }), `dy:${d.year}`).row();
  return k.text(t("btn-deadlines"), "dl").text(t("btn-menu"), "menu");
}

/** A deadline's card as the person may see it, with a line on top (a change just saved, a refusal). */
export async function showCard(ctx: BotContext, id: number, headerKey?: string): Promise<void> {
  const d = await ctx.services.deadlines.getDeadline(ctx.person, id);
  const text = cardText(ctx.t, await localeOf(ctx), d);
  await ctx.reply(headerKey ? `${ctx.t(headerKey)}\n\n${text}` : text, { parse_mode: "HTML", reply_markup: cardKeyboard(ctx, d) });
}

/** ⏸ / ▶️: turns the deadline off or on, if it is still as the card showed it. */
async function toggle(ctx: BotContext, id: number, token: string): Promise<void> {
  const seen = versionFromToken(token);
  if (seen === null) {
    await ctx.answerCallbackQuery({ text: ctx.t("stale-button") });
    return;
  }
  let updated: DeadlineView;
  try {
    const d = await ctx.services.deadlines.getDeadline(ctx.person, id);
    updated = await ctx.services.deadlines.updateDeadline(ctx.person, id, { active: !d.active }, seen);
  } catch (error) {
    if (!isServiceError(error)) throw error;
    await ctx.answerCallbackQuery();
    if (error.code !== "deadline_changed") return sayRefusal(ctx, error);
    // Changed since this card was shown: the fresh card, to look at again.
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    return showCard(ctx, id, "errors-deadline_changed");
  }
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  await showCard(ctx, updated.id, updated.active ? "deadlines-turned-on" : "deadlines-turned-off");
}

export function deadlinesFeature() {
  const feature = new Composer<BotContext>();
  feature.command("deadlines", (ctx) => politely(ctx, () => showMine(ctx)));
  feature.callbackQuery("dl", async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => showMine(ctx));
  });
  feature.callbackQuery(/^dy:(\d{4})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => showYear(ctx, Number(ctx.match[1])));
  });
  feature.callbackQuery(/^dv:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => showCard(ctx, Number(ctx.match[1])));
  });
  feature.callbackQuery(/^dd:(\d{1,9}):([0-9a-z]{1,12})$/, (ctx) => politely(ctx, () => toggle(ctx, Number(ctx.match[1]), ctx.match[2]!)));
  feature.callbackQuery(/^de:(\d{1,9}):(date|name|steps|kinds|roles):([0-9a-z]{1,12})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(DEADLINE_EDIT, Number(ctx.match[1]), ctx.match[2]!, ctx.match[3]!);
  });
  feature.callbackQuery(/^dn:(\d{4})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(DEADLINE_CREATE, Number(ctx.match[1]));
  });
  return feature;
}
