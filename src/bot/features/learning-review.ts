// ✅ Reviewing (duyệt) and recognising (công nhận) learning-model evaluations.
// The branch's reporters and coordinators go through the submitted ones:
// approve, return for a fix or reject (the last two with a comment, in
// conversations/learning-review.ts); the commune's coordinator recognises the
// approved ones for the year, one by one or the whole list. Buttons mirror
// the permission rules; the services check again, and every refusal is said
// in the chat with a way back.
// Callback data: "lq:<unitId>:<year>" the review queue, "la:<evaluationId>:<token>" approve,
// "lt:<evaluationId>:<token>" return with a comment, "lj:<evaluationId>:<token>" reject with a comment,
// "lc:<unitId>:<year>" approved ones to recognise, "lg:<evaluationId>" recognise one, "lG:<unitId>:<year>" recognise all listed.
// The list's own buttons add what they were shown with: "lg:<evaluationId>:<listUnitId>" (the list to show after)
// and "lG:<unitId>:<year>:<listToken>" (the list changed since: shown again, nothing recognised).
import { Composer, InlineKeyboard } from "grammy";
import { formatDate } from "../../domain/dates.ts";
import { isServiceError, type ServiceError } from "../../services/errors.ts";
import type { EvaluationSummary, EvaluationView } from "../../services/learning.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml } from "../format.ts";
import type { Notifier } from "../notify.ts";
import { LEARNING_REVIEW_COMMENT } from "../conversations/learning-review.ts";
import { evaluationStatusLabel, inLocale, modelLabel, type Locale, type T } from "../conversations/learning-text.ts";
import { versionFromToken, versionToken } from "../conversations/piggy-text.ts";
import { localeOf, politely as politelyDo } from "./replies.ts";

/** Evaluations shown one message each; the rest are counted ("and 5 more"). */
const MAX_REVIEW_ITEMS = 10;
/** Lines (and 🏅 buttons) of the list to recognise: a message stays readable on a small phone. */
const MAX_RECOGNISE_LINES = 30;
const RECOGNISE_BUTTONS_PER_ROW = 5;

/** The grade reached, in the person's language, or "not reached". */
export function gradeText(t: T, locale: Locale, e: Pick<EvaluationSummary, "gradeLabel">): string {
  return e.gradeLabel ? inLocale(e.gradeLabel, locale) : t("learning-review-grade-none");
}

/** 🏡 Learning models, 🏠 Menu — under every answer of this feature, after what `first` adds. */
export function wayBack(t: T, first?: (k: InlineKeyboard) => void): InlineKeyboard {
  const k = new InlineKeyboard();
  if (first) {
    first(k);
    k.row();
  }
  return k.text(t("btn-learning-review-home"), "lh").text(t("btn-menu"), "menu");
}

/** A refusal from a service, said in the chat with a way back (presses are answered before). */
async function sayRefusal(ctx: BotContext, error: ServiceError): Promise<void> {
  await ctx.reply(ctx.t(`errors-${error.code}`, error.params), { reply_markup: wayBack(ctx.t) });
}

function politely(ctx: BotContext, task: () => Promise<void>): Promise<void> {
  return politelyDo(ctx, task, (error) => sayRefusal(ctx, error));
}

/** One evaluation as a reviewer reads it: who, where, the score, what was missed, when it was sent. */
function reviewItemText(t: T, L: Locale, e: EvaluationView): string {
  const r = e.registration;
  const lines = [t("learning-review-item-title", { model: modelLabel(t, r.model), name: escapeHtml(r.name), year: String(r.year) })];
  if (r.village) lines.push(t("learning-review-item-village", { village: escapeHtml(r.village) }));
  lines.push(t("learning-review-item-unit", { unit: escapeHtml(r.unitName) }));
  lines.push(t("learning-review-item-score", { total: e.total, max: e.max, grade: escapeHtml(gradeText(t, L, e)) }));
  lines.push(t("learning-review-item-missed", { count: e.score.missed.length }));
  if (e.submittedAt) lines.push(t("learning-review-item-submitted", { date: formatDate(new Date(e.submittedAt)) }));
  if (e.status !== "SUBMITTED") lines.push(t("learning-review-item-status", { status: evaluationStatusLabel(t, e.status) }));
  else if (e.reviewComment) lines.push(t("learning-review-item-last-comment", { comment: escapeHtml(e.reviewComment) }));
  return lines.join("\n");
}

async function sendReviewItem(ctx: BotContext, e: EvaluationView): Promise<void> {
  const L = await localeOf(ctx);
  const t = ctx.t;
  const k = new InlineKeyboard();
  if (e.canReview) {
    const v = versionToken(e.updatedAt);
    k.text(t("btn-learning-review-approve"), `la:${e.id}:${v}`).row();
    k.text(t("btn-learning-review-return"), `lt:${e.id}:${v}`).text(t("btn-learning-review-reject"), `lj:${e.id}:${v}`).row();
  }
  k.text(t("btn-learning-review-details"), `lv:${e.id}`);
  await ctx.reply(reviewItemText(t, L, e), { parse_mode: "HTML", reply_markup: k });
}

/** One evaluation as a reviewer sees it now (after a stale decision, the fresh version); refusals said politely. */
export async function showReviewItem(ctx: BotContext, evaluationId: number): Promise<void> {
  await politely(ctx, async () => sendReviewItem(ctx, await ctx.services.learning.getEvaluation(ctx.person, evaluationId)));
}

/** The queue: a header with the count, then one message per evaluation with its buttons. */
async function showQueue(ctx: BotContext, unitId: number, year: number): Promise<void> {
  const items = await ctx.services.learning.pendingReviews(ctx.person, unitId, year);
  const unit = await ctx.services.units.viewUnit(ctx.person, unitId);
  const vars = { unit: escapeHtml(unit.name), year: String(year) };
  if (items.length === 0) {
    await ctx.reply(ctx.t("learning-review-queue-none", vars), { parse_mode: "HTML", reply_markup: wayBack(ctx.t) });
    return;
  }
  await ctx.reply(ctx.t("learning-review-queue-title", { ...vars, count: items.length }), { parse_mode: "HTML", reply_markup: wayBack(ctx.t) });
  for (const summary of items.slice(0, MAX_REVIEW_ITEMS)) {
    await sendReviewItem(ctx, await ctx.services.learning.getEvaluation(ctx.person, summary.id));
  }
  if (items.length > MAX_REVIEW_ITEMS) {
    const again = (k: InlineKeyboard) => k.text(ctx.t("btn-learning-review-queue"), `lq:${unitId}:${year}`);
    await ctx.reply(ctx.t("learning-review-queue-more", { count: items.length - MAX_REVIEW_ITEMS }), { reply_markup: wayBack(ctx.t, again) });
  }
}

/** After a decision: the queue of the family's unit, the learning home, the menu. */
export function afterDecision(t: T, e: Pick<EvaluationSummary, "registration">): InlineKeyboard {
  return wayBack(t, (k) => k.text(t("btn-learning-review-queue"), `lq:${e.registration.unitId}:${e.registration.year}`));
}

/** The words common to every confirmation of a decision ("«An», Learning family, 85/100 — Achieved"). */
export function decisionVars(t: T, L: Locale, e: EvaluationSummary, notified: number): Record<string, string | number> {
  return {
    name: escapeHtml(e.registration.name), model: modelLabel(t, e.registration.model), total: e.total, max: e.max,
    grade: escapeHtml(gradeText(t, L, e)), notified,
  };
}

async function approve(ctx: BotContext, evaluationId: number, token: string, notifier: Notifier): Promise<void> {
  const seen = versionFromToken(token);
  if (seen === null) {
    await ctx.answerCallbackQuery({ text: ctx.t("stale-button") });
    return;
  }
  let reviewed;
  try {
    reviewed = await ctx.services.learning.reviewEvaluation(ctx.person, evaluationId, "APPROVED", null, seen);
  } catch (error) {
    if (!isServiceError(error)) throw error;
    if (error.code !== "evaluation_changed") {
      await ctx.answerCallbackQuery();
      return sayRefusal(ctx, error);
    }
    // Fixed and sent again since this message was shown: the fresh version, to look at again.
    await ctx.answerCallbackQuery({ text: ctx.t("errors-evaluation_changed"), show_alert: true });
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await ctx.reply(ctx.t("errors-evaluation_changed"));
    await showReviewItem(ctx, evaluationId);
    return;
  }
  const e = reviewed.evaluation;
  await ctx.answerCallbackQuery({ text: ctx.t("learning-review-approved-short") });
  // The decision buttons go; the details stay.
  const details = new InlineKeyboard().text(ctx.t("btn-learning-review-details"), `lv:${e.id}`);
  await ctx.editMessageReplyMarkup({ reply_markup: details }).catch(() => undefined);
  const notified = await notifier.evaluationReviewed(e, reviewed.notify);
  await ctx.reply(ctx.t("learning-review-approved-by-you", decisionVars(ctx.t, await localeOf(ctx), e, notified)), {
    parse_mode: "HTML", reply_markup: afterDecision(ctx.t, e),
  });
}

// ---- recognition (công nhận) ----

/** A short fingerprint of a list of ids (FNV-1a), so "recognise all" acts on the list that was shown. */
function listToken(ids: number[]): string {
  let hash = 0x811c9dc5;
  for (const ch of ids.join(",")) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

/** The approved evaluations to recognise, numbered, with "Recognise all N" and one 🏅 per line. */
async function showRecognitionList(ctx: BotContext, unitId: number, year: number): Promise<void> {
  const items = await ctx.services.learning.approvedToRecognise(ctx.person, unitId, year);
  const unit = await ctx.services.units.viewUnit(ctx.person, unitId);
  const L = await localeOf(ctx);
  const t = ctx.t;
  const vars = { unit: escapeHtml(unit.name), year: String(year) };
  if (items.length === 0) {
    await ctx.reply(t("learning-recognise-none", vars), { parse_mode: "HTML", reply_markup: wayBack(t) });
    return;
  }
  const shown = items.slice(0, MAX_RECOGNISE_LINES);
  const lines = shown.map((e, i) =>
    t("learning-recognise-line", {
      n: i + 1, name: escapeHtml(e.registration.name), model: modelLabel(t, e.registration.model),
      unit: escapeHtml(e.registration.unitName), grade: escapeHtml(gradeText(t, L, e)),
    }),
  );
  const parts = [t("learning-recognise-title", { ...vars, count: items.length }), lines.join("\n")];
  if (items.length > shown.length) parts.push(t("learning-recognise-more", { count: items.length - shown.length }));
  parts.push(t("learning-recognise-hint"));
  const k = new InlineKeyboard();
  k.text(t("btn-learning-recognise-all", { count: items.length }), `lG:${unitId}:${year}:${listToken(items.map((e) => e.id))}`).row();
  shown.forEach((e, i) => {
    k.text(t("btn-learning-recognise-one", { n: i + 1 }), `lg:${e.id}:${unitId}`);
    if ((i + 1) % RECOGNISE_BUTTONS_PER_ROW === 0) k.row();
  });
  k.row().text(t("btn-learning-review-home"), "lh").text(t("btn-menu"), "menu");
  await ctx.reply(parts.join("\n\n"), { parse_mode: "HTML", reply_markup: k });
}

/** Recognises `ids` (all or none), says how many, tells the families, shows what is left of the list. */
async function recognise(ctx: BotContext, ids: number[], listUnitId: number | null, notifier: Notifier): Promise<void> {
  const done = await ctx.services.learning.recogniseEvaluations(ctx.person, ids);
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  const notified = await notifier.evaluationsRecognised(done.evaluations, done.notify);
  const first = done.evaluations[0];
  const vars = { count: done.evaluations.length, name: escapeHtml(first?.registration.name ?? ""), notified };
  await ctx.reply(ctx.t(done.evaluations.length === 1 ? "learning-recognise-done-one" : "learning-recognise-done", vars), { parse_mode: "HTML" });
  if (first) await showRecognitionList(ctx, listUnitId ?? first.registration.unitId, first.registration.year);
}

async function recogniseAll(ctx: BotContext, unitId: number, year: number, shownToken: string | undefined, notifier: Notifier): Promise<void> {
  // Exactly the list as it is now; if it is not the one the button was shown with, it is shown again first.
  const ids = (await ctx.services.learning.approvedToRecognise(ctx.person, unitId, year)).map((e) => e.id);
  if (ids.length === 0 || (shownToken !== undefined && shownToken !== listToken(ids))) {
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await ctx.reply(ctx.t("learning-recognise-changed"));
    await showRecognitionList(ctx, unitId, year);
    return;
  }
  await recognise(ctx, ids, unitId, notifier);
}

export function learningReviewFeature(notifier: Notifier) {
  const feature = new Composer<BotContext>();
  feature.callbackQuery(/^lq:(\d{1,9}):(\d{4})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => showQueue(ctx, Number(ctx.match[1]), Number(ctx.match[2])));
  });
  feature.callbackQuery(/^la:(\d{1,9}):([0-9a-z]{1,12})$/, (ctx) =>
    politely(ctx, () => approve(ctx, Number(ctx.match[1]), ctx.match[2]!, notifier)),
  );
  feature.callbackQuery(/^l([tj]):(\d{1,9}):([0-9a-z]{1,12})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const decision = ctx.match[1] === "t" ? "RETURNED" : "REJECTED";
    await ctx.conversation.enter(LEARNING_REVIEW_COMMENT, Number(ctx.match[2]), decision, ctx.match[3]!);
  });
  feature.callbackQuery(/^lc:(\d{1,9}):(\d{4})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => showRecognitionList(ctx, Number(ctx.match[1]), Number(ctx.match[2])));
  });
  feature.callbackQuery(/^lg:(\d{1,9})(?::(\d{1,9}))?$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => recognise(ctx, [Number(ctx.match[1])], ctx.match[2] ? Number(ctx.match[2]) : null, notifier));
  });
  feature.callbackQuery(/^lG:(\d{1,9}):(\d{4})(?::([0-9a-z]{1,8}))?$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => recogniseAll(ctx, Number(ctx.match[1]), Number(ctx.match[2]), ctx.match[3], notifier));
  });
  return feature;
}
