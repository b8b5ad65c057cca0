// 🏡 Learning models (Gia đình / Dòng họ / Cộng đồng / Đơn vị học tập): the
// home (the person's registrations of the year, the units they report for),
// a unit's figures for a year, the list of its registrations, and an
// evaluation's card with what the person may do there. Who sees what is
// decided by the services (learning-views.ts); buttons only mirror it.
//
// Callback data: "lh" home, "lr" / "lr:<unitId>" register, "le:<registrationId>"
// evaluate (start or resume), "lv:<evaluationId>" the evaluation's card,
// "ls:<unitId>:<year>" stats, "ll:<unitId>:<year>" registrations of a unit.
// Reviewing and recognising ("lq", "lc", "la", "lt", "lj", "lg") are in learning-review.ts,
// the certificate of a recognised one ("lz") in learning-certificate.ts.
import { Composer, InlineKeyboard } from "grammy";
import { FIRST_YEAR, isOpen } from "../../domain/learning.ts";
import { actionsAnywhere, can, isAdmin, roleRank } from "../../domain/permissions.ts";
import type { EvaluationView, ModelStats, RegistrationView } from "../../services/learning.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml, shorten } from "../format.ts";
import { LEARNING_REGISTER } from "../conversations/learning-register.ts";
import { LEARNING_EVALUATE } from "../conversations/learning-evaluate.ts";
import { count, evaluationStatusLabel, inLocale, modelLabel, type Locale, type T } from "../conversations/learning-text.ts";
import { versionToken } from "../conversations/piggy-text.ts";
import { localeOf, politely as politelyDo } from "./replies.ts";

/** Lines of a list in one message. */
const MAX_LINES = 30;
/** Registration buttons on the home: one per row, named. */
const MAX_HOME_BUTTONS = 10;
const MAX_UNIT_BUTTONS = 8;
/** Numbered buttons under a list, this many per row. */
const NUMBERS_PER_ROW = 5;

function currentYear(ctx: BotContext): number {
  return ctx.services.criteria.currentYear();
}

function homeKeyboard(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t("btn-learning-home"), "lh").text(ctx.t("btn-menu"), "menu");
}

/** Runs what a press or a command asked; a refusal of the services is said in the chat, with the way back. */
function politely(ctx: BotContext, task: () => Promise<void>): Promise<void> {
  return politelyDo(ctx, task, (error) => ctx.reply(ctx.t(`errors-${error.code}`, error.params), { reply_markup: homeKeyboard(ctx) }));
}

/** "66,7%" (vi) or "66.7%" (en); "—" when nothing to divide by. */
function percent(L: Locale, value: number | null): string {
  if (value === null) return "—";
  return `${L === "vi" ? String(value).replace(".", ",") : String(value)}%`;
}

/** Whether the self-evaluation can be started or continued (not sent, or returned for a fix). */
function canBeEvaluated(r: RegistrationView): boolean {
  return r.evaluation === null || isOpen(r.evaluation.status);
}

function more(ctx: BotContext, key: string, total: number): string {
  return total > MAX_LINES ? `\n${ctx.t(key, { count: total - MAX_LINES })}` : "";
}

// ---- home ----

/** "27/30, Đạt" for an evaluation that was sent at least once; "" otherwise. */
async function scoreOf(ctx: BotContext, L: Locale, r: RegistrationView): Promise<string> {
  if (!r.evaluation || r.evaluation.status === "IN_PROGRESS") return "";
  const e = await ctx.services.learning.getEvaluation(ctx.person, r.evaluation.id);
  const grade = e.gradeLabel ? inLocale(e.gradeLabel, L) : ctx.t("learning-home-no-grade");
  return ` ${ctx.t("learning-home-score", { total: e.total, max: e.max, grade: escapeHtml(grade) })}`;
}

/** The units whose figures the person may see from the home: where they hold REPORTER or more (an administrator: the roots). */
async function reportedUnits(ctx: BotContext): Promise<{ id: number; name: string }[]> {
  const actor = ctx.person.actor;
  const ids = [...new Set(actor.roles.filter((r) => roleRank(r.role) >= roleRank("REPORTER")).map((r) => r.unitId))];
  const units: { id: number; name: string }[] = [];
  for (const id of ids.slice(0, MAX_UNIT_BUTTONS)) {
    const unit = await ctx.services.units.viewUnit(ctx.person, id);
    if (!unit.retired) units.push({ id: unit.id, name: unit.name });
  }
  if (units.length === 0 && isAdmin(actor)) {
    for (const u of await ctx.services.units.managedRoots(ctx.person)) units.push({ id: u.id, name: u.name });
  }
  return units.slice(0, MAX_UNIT_BUTTONS);
}

/** 🏡 from the menu or /learning: this year's registrations (and next year's, once made), the units reported for. */
async function showHome(ctx: BotContext): Promise<void> {
  const actor = ctx.person.actor;
  if (actor.roles.length === 0 && !isAdmin(actor)) {
    await ctx.reply(ctx.t("errors-forbidden-members"), { reply_markup: new InlineKeyboard().text(ctx.t("btn-menu"), "menu") });
    return;
  }
  const t = ctx.t;
  const L = await localeOf(ctx);
  const year = currentYear(ctx);
  const mine = (await ctx.services.learning.myRegistrations(ctx.person)).filter((r) => r.year >= year);
  const parts = [t("learning-home-title", { year: String(year) })];
  if (mine.length === 0) parts.push(t("learning-home-none"));
  else {
    const shown = mine.slice(0, MAX_LINES);
    const lines: string[] = [];
    for (const r of shown) {
      const line = t("learning-home-line", {
        model: modelLabel(t, r.model), name: escapeHtml(r.name), status: evaluationStatusLabel(t, r.evaluation?.status ?? null),
      });
      const other = r.year !== year ? ` ${t("learning-home-year", { year: String(r.year) })}` : "";
      lines.push(`${line}${other}${await scoreOf(ctx, L, r)}`);
    }
    parts.push(`${t("learning-home-mine", { count: mine.length })}\n${lines.join("\n")}${more(ctx, "learning-home-more", mine.length)}`);
  }
  const k = new InlineKeyboard();
  for (const r of mine.slice(0, MAX_HOME_BUTTONS)) {
    const name = shorten(r.name, 32);
    if (canBeEvaluated(r)) {
      const key = r.evaluation ? "btn-learning-continue" : "btn-learning-self-evaluate";
      k.text(t(key, { name }), `le:${r.id}`).row();
    } else if (r.evaluation) k.text(t("btn-learning-view", { name }), `lv:${r.evaluation.id}`).row();
  }
  k.text(t("btn-learning-register"), "lr").row();
  if (actionsAnywhere(actor).has("learning.review")) {
    const units = await reportedUnits(ctx);
    if (units.length > 0) parts.push(t("learning-home-units"));
    for (const u of units) k.text(t("btn-learning-unit-stats", { unit: shorten(u.name, 40) }), `ls:${u.id}:${year}`).row();
  }
  k.text(t("btn-menu"), "menu");
  await ctx.reply(parts.join("\n\n"), { parse_mode: "HTML", reply_markup: k });
}

// ---- a unit's figures and registrations ----

function modelBlock(t: T, L: Locale, m: ModelStats): string {
  return t("learning-stats-model", {
    model: modelLabel(t, m.model), registered: count(L, m.registered),
    selfEvaluated: count(L, m.selfEvaluated), selfEvaluatedPercent: percent(L, m.selfEvaluatedPercent),
    approved: count(L, m.approved), approvedPercent: percent(L, m.approvedPercent),
    recognised: count(L, m.recognised), recognisedPercent: percent(L, m.recognisedPercent),
  });
}

/** Registered, self-evaluated, approved, recognised per model; the branches that have not started. */
async function showStats(ctx: BotContext, unitId: number, year: number): Promise<void> {
  const s = await ctx.services.learning.learningStats(ctx.person, unitId, year);
  const t = ctx.t;
  const L = await localeOf(ctx);
  const models = s.models.filter((m) => m.model === "FAMILY" || m.registered > 0).map((m) => modelBlock(t, L, m));
  const parts = [t("learning-stats-title", { unit: escapeHtml(s.unitName), year: String(year) }), models.join("\n\n")];
  if (s.branches > 0) {
    if (s.notStarted.length === 0) parts.push(t("learning-stats-all-started", { branches: s.branches }));
    else {
      const lines = s.notStarted.slice(0, MAX_LINES).map((u) => t("learning-stats-branch-line", { unit: escapeHtml(u.unitName) }));
      const head = t("learning-stats-not-started", { count: s.notStarted.length, branches: s.branches });
      parts.push(`${head}\n${lines.join("\n")}${more(ctx, "learning-stats-more", s.notStarted.length)}`);
    }
  }
  const k = new InlineKeyboard().text(t("btn-learning-list"), `ll:${unitId}:${year}`).row();
  k.text(t("btn-learning-queue"), `lq:${unitId}:${year}`);
  if (actionsAnywhere(ctx.person.actor).has("learning.recognise")) k.text(t("btn-learning-to-recognise"), `lc:${unitId}:${year}`);
  k.row();
  if (year - 1 >= FIRST_YEAR) k.text(t("btn-learning-year-previous", { year: String(year - 1) }), `ls:${unitId}:${year - 1}`);
  if (year < currentYear(ctx) + 1) k.text(t("btn-learning-year-next", { year: String(year + 1) }), `ls:${unitId}:${year + 1}`);
  k.row().text(t("btn-learning-home"), "lh").text(t("btn-menu"), "menu");
  await ctx.reply(parts.join("\n\n"), { parse_mode: "HTML", reply_markup: k });
}

/** What a numbered button under the list does for this person: evaluate, view, or nothing. */
function listAction(ctx: BotContext, r: RegistrationView, reporter: boolean): { key: string; data: string } | null {
  const me = ctx.person.telegramId;
  const actsFor = reporter || r.memberTelegramId === me;
  if (actsFor && canBeEvaluated(r)) return { key: "btn-learning-n-evaluate", data: `le:${r.id}` };
  if (r.evaluation && (actsFor || r.registeredByTelegramId === me)) return { key: "btn-learning-n-view", data: `lv:${r.evaluation.id}` };
  return null;
}

/** The registrations of a unit and under it for a year: names and statuses, numbered buttons to act on them. */
async function showList(ctx: BotContext, unitId: number, year: number): Promise<void> {
  const unit = await ctx.services.units.viewUnit(ctx.person, unitId);
  const registrations = await ctx.services.learning.listRegistrations(ctx.person, unitId, year);
  const t = ctx.t;
  const reporter = can(ctx.person.actor, "unit.report", unit);
  const k = new InlineKeyboard();
  let text: string;
  if (registrations.length === 0) text = t("learning-stats-list-none", { unit: escapeHtml(unit.name), year: String(year) });
  else {
    const shown = registrations.slice(0, MAX_LINES);
    const lines = shown.map((r, i) =>
      t("learning-stats-list-line", {
        n: String(i + 1), name: escapeHtml(r.name), model: modelLabel(t, r.model), unit: escapeHtml(r.unitName),
        status: evaluationStatusLabel(t, r.evaluation?.status ?? null),
      }),
    );
    const total = registrations.length;
    const head = t("learning-stats-list-title", { unit: escapeHtml(unit.name), year: String(year), count: total });
    text = `${head}\n${lines.join("\n")}${more(ctx, "learning-stats-list-more", total)}`;
    let placed = 0;
    shown.forEach((r, i) => {
      const action = listAction(ctx, r, reporter);
      if (!action) return;
      k.text(t(action.key, { n: String(i + 1) }), action.data);
      if (++placed % NUMBERS_PER_ROW === 0) k.row();
    });
    if (placed % NUMBERS_PER_ROW !== 0) k.row();
    if (placed > 0) text += `\n\n${t("learning-stats-list-hint")}`;
  }
  if (can(ctx.person.actor, "learning.review", unit)) k.text(t("btn-learning-unit-stats", { unit: shorten(unit.name, 40) }), `ls:${unitId}:${year}`).row();
  k.text(t("btn-learning-home"), "lh").text(t("btn-menu"), "menu");
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: k });
}

// ---- the evaluation's card ----

function cardText(ctx: BotContext, L: Locale, e: EvaluationView): string {
  const t = ctx.t;
  const r = e.registration;
  const head = [
    t("learning-card-title", { id: String(e.id) }),
    t(r.model === "FAMILY" ? "learning-card-family" : "learning-card-name", { model: modelLabel(t, r.model), name: escapeHtml(r.name) }),
  ];
  if (r.village) head.push(t("learning-card-village", { village: escapeHtml(r.village) }));
  if (r.memberCount !== null) head.push(t("learning-card-members", { count: r.memberCount }));
  head.push(t("learning-card-unit", { unit: escapeHtml(r.unitName), year: String(r.year) }));
  head.push(t("learning-card-set", { title: escapeHtml(inLocale(e.set.title, L)), version: e.set.version }));

  const result = [t("learning-card-status", { status: evaluationStatusLabel(t, e.status) }), t("learning-card-total", { total: e.total, max: e.max })];
  if (!e.score.complete) result.push(t("learning-card-answered", { done: e.items.length - e.score.unanswered.length, all: e.items.length }));
  else result.push(e.gradeLabel ? t("learning-card-grade", { grade: escapeHtml(inLocale(e.gradeLabel, L)) }) : t("learning-card-no-grade"));

  const groups = e.groups.map((g) => {
    const title = g.title ? `${g.id}. ${inLocale(g.title, L)}` : g.id;
    return t("learning-card-group-line", { group: escapeHtml(title), total: g.total, max: g.max });
  });
  const parts = [head.join("\n"), result.join("\n"), `${t("learning-card-groups")}\n${groups.join("\n")}`];
  const missed = e.items.filter((i) => e.score.missed.includes(i.id));
  if (missed.length > 0) {
    const lines = missed.slice(0, MAX_LINES).map((i) => t("learning-card-missed-line", { id: i.id, text: escapeHtml(inLocale(i.text, L)) }));
    parts.push(`${t("learning-card-missed")}\n${lines.join("\n")}`);
  }
  if (e.reviewComment && (e.status === "RETURNED" || e.status === "REJECTED")) {
    parts.push(t("learning-card-comment", { comment: escapeHtml(e.reviewComment) }));
  }
  return parts.join("\n\n");
}

function cardKeyboard(ctx: BotContext, e: EvaluationView): InlineKeyboard {
  const t = ctx.t;
  const k = new InlineKeyboard();
  if (e.canAnswer) k.text(t("btn-learning-card-continue"), `le:${e.registration.id}`).row();
  if (e.canReview) {
    const token = versionToken(e.updatedAt);
    k.text(t("btn-learning-approve"), `la:${e.id}:${token}`).row();
    k.text(t("btn-learning-return"), `lt:${e.id}:${token}`).text(t("btn-learning-reject"), `lj:${e.id}:${token}`).row();
  }
  if (e.canRecognise) k.text(t("btn-learning-card-recognise"), `lg:${e.id}`).row();
  if (e.status === "RECOGNISED") k.text(t("btn-learning-certificate"), `lz:${e.id}`).row();
  return k.text(t("btn-learning-home"), "lh").text(t("btn-menu"), "menu");
}

/** An evaluation as the person may see it (registration, set, score, status), with what they may do. */
export async function showEvaluationCard(ctx: BotContext, evaluationId: number): Promise<void> {
  const e = await ctx.services.learning.getEvaluation(ctx.person, evaluationId);
  await ctx.reply(cardText(ctx, await localeOf(ctx), e), { parse_mode: "HTML", reply_markup: cardKeyboard(ctx, e) });
}

export function learningFeature() {
  const feature = new Composer<BotContext>();
  feature.command("learning", (ctx) => politely(ctx, () => showHome(ctx)));
  feature.callbackQuery("lh", async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => showHome(ctx));
  });
  feature.callbackQuery(/^lr(?::(\d{1,9}))?$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(LEARNING_REGISTER, ctx.match[1] ? Number(ctx.match[1]) : 0);
  });
  feature.callbackQuery(/^le:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(LEARNING_EVALUATE, Number(ctx.match[1]));
  });
  feature.callbackQuery(/^lv:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => showEvaluationCard(ctx, Number(ctx.match[1])));
  });
  feature.callbackQuery(/^ls:(\d{1,9}):(\d{4})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => showStats(ctx, Number(ctx.match[1]), Number(ctx.match[2])));
  });
  feature.callbackQuery(/^ll:(\d{1,9}):(\d{4})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => showList(ctx, Number(ctx.match[1]), Number(ctx.match[2])));
  });
  return feature;
}
