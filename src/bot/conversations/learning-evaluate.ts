// Self-evaluating a learning family, clan, community or unit (tự đánh giá)
// against the criteria set in force: the items one by one, group by group,
// with buttons and the running score; a note or a photo as evidence. Unlike
// other flows every answer is saved at once, so ⏸ Pause, ✖️ cancel or a
// restart lose nothing: the same ✏️ Continue button resumes at the first
// unanswered item. At the end: the result, the items missed, and the
// submission to the unit's reviewers. A returned evaluation walks the items
// again with "Keep" buttons, so a fix is quick.
import { InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import type { ItemKind, LearningModel } from "../../domain/criteria.ts";
import { isOpen, MAX_EVIDENCE_NOTE, type EvaluationStatus } from "../../domain/learning.ts";
import { parseCount } from "../../domain/money.ts";
import { normalizeText } from "../../domain/text.ts";
import type { Services } from "../../services/index.ts";
import type { EvaluationSummary, EvaluationView, Recipient } from "../../services/learning.ts";
import type { Flow, FlowContext } from "../context.ts";
import { escapeHtml } from "../format.ts";
import { showEvaluationCard } from "../features/learning.ts";
import type { Notifier } from "../notify.ts";
import { askSaving, call, type Asked, type Choice, type ValidationResult } from "./kit.ts";
import { count, evaluationStatusLabel, inLocale, modelLabel, type Locale } from "./learning-text.ts";

export const LEARNING_EVALUATE = "learning-evaluate";

/** Points items up to this many points get one button per value; above it 0, half, max and typing. */
const BUTTONS_UP_TO = 10;

// ---- what the flow keeps (JSON-safe, small: the conversation state holds every service answer) ----

interface Item {
  id: string;
  groupId: string;
  kind: ItemKind;
  points: number;
  min: number | null;
  text: string;
  evidence: string | null;
}

/** What does not change while answering, in the person's language. */
interface Fixed {
  evaluationId: number;
  name: string;
  model: LearningModel;
  unitName: string;
  year: number;
  title: string;
  basis: string;
  max: number;
  reviewComment: string | null;
  groups: { id: string; title: string | null; max: number }[];
  items: Item[];
}

interface Given {
  value: boolean | number;
  note: string | null;
  photo: boolean;
}

/** What every answer changes. */
interface Progress {
  status: EvaluationStatus;
  total: number;
  gradeLabel: string | null;
  nextItemId: string | null;
  missed: string[];
  complete: boolean;
  answers: Record<string, Given>;
}

interface Evidence {
  note?: string;
  photoFileId?: string;
}

function progressOf(view: EvaluationView, locale: Locale): Progress {
  const answers: Record<string, Given> = {};
  for (const i of view.items) if (i.value !== null) answers[i.id] = { value: i.value, note: i.note, photo: i.photoFileId !== null };
  return {
    status: view.status, total: view.total, gradeLabel: view.gradeLabel ? inLocale(view.gradeLabel, locale) : null,
    nextItemId: view.nextItemId, missed: view.score.missed, complete: view.score.complete, answers,
  };
}

function fixedOf(view: EvaluationView, locale: Locale): Fixed {
  const r = view.registration;
  return {
    evaluationId: view.id, name: r.name, model: r.model, unitName: r.unitName, year: r.year,
    title: inLocale(view.set.title, locale), basis: view.set.legalBasis, max: view.max, reviewComment: view.reviewComment,
    groups: view.groups.map((g) => ({ id: g.id, title: g.title ? inLocale(g.title, locale) : null, max: g.max })),
    items: view.items.map((i) => ({
      id: i.id, groupId: i.groupId, kind: i.kind, points: i.points, min: i.min, text: inLocale(i.text, locale),
      evidence: i.evidence ? inLocale(i.evidence, locale) : null,
    })),
  };
}

/** The summary part of a view, for the reviewers' notice. */
function summaryOf(view: EvaluationView): EvaluationSummary {
  const { groups, items, answers, score, nextItemId, canAnswer, canSubmit, ...summary } = view;
  void [groups, items, answers, score, nextItemId, canAnswer, canSubmit];
  return summary;
}

// ---- one question: the kit's askSaving (✖️ keeps what was saved; this registration's ✏️ Continue shows it again) ----

function ask<T>(
  conversation: Flow, ctx: FlowContext, registrationId: number,
  opts: { text: string; rows: Choice<string>[][]; back: boolean; notText: string; typed?: (text: string) => ValidationResult<T>; media?: (message: Message) => T | undefined },
): Promise<Asked<T>> {
  return askSaving(conversation, ctx, { ...opts, again: `le:${registrationId}` });
}

// ---- texts ----

function answerLabel(ctx: FlowContext, item: Item, value: boolean | number): string {
  if (item.kind === "yes_no") return ctx.t(value === true ? "learning-eval-answer-yes" : "learning-eval-answer-no");
  if (item.kind === "points") return ctx.t("learning-eval-answer-points", { value: Number(value), max: item.points });
  return count(ctx.locale, Number(value));
}

/** Points the answer earned (as the score counts them). */
function earned(item: Item, value: boolean | number): number {
  if (item.kind === "yes_no") return value === true ? item.points : 0;
  if (item.kind === "points") return Math.min(Number(value), item.points);
  return Number(value) >= (item.min ?? Infinity) ? item.points : 0;
}

function short(text: string, max = 60): string {
  return [...text].length <= max ? text : `${[...text].slice(0, max - 1).join("")}…`;
}

function introText(ctx: FlowContext, f: Fixed, p: Progress): string {
  const lines = [
    ctx.t("learning-eval-intro", {
      title: escapeHtml(f.title), model: modelLabel(ctx.t, f.model), name: escapeHtml(f.name), unit: escapeHtml(f.unitName),
      year: String(f.year), basis: escapeHtml(f.basis), items: f.items.length, max: f.max,
    }),
  ];
  const done = Object.keys(p.answers).length;
  if (p.status === "RETURNED") {
    lines.push("", ctx.t("learning-eval-intro-returned", { comment: escapeHtml(f.reviewComment ?? "—") }));
  } else if (done > 0 && p.nextItemId !== null) {
    lines.push("", ctx.t("learning-eval-intro-resume", { done, items: f.items.length, item: p.nextItemId }));
  }
  return lines.join("\n");
}

function itemText(ctx: FlowContext, f: Fixed, p: Progress, item: Item, withGroup: boolean, pending: Evidence): string {
  const lines: string[] = [];
  const group = f.groups.find((g) => g.id === item.groupId);
  if (withGroup && group) lines.push(ctx.t("learning-eval-group", { group: group.id, title: escapeHtml(group.title ?? ""), max: group.max }), "");
  lines.push(ctx.t("learning-eval-item", { item: item.id, points: item.points, text: escapeHtml(item.text) }));
  if (item.kind === "number") lines.push(ctx.t("learning-eval-item-number", { min: count(ctx.locale, item.min ?? 0), points: item.points }));
  if (item.kind === "points" && item.points > BUTTONS_UP_TO) lines.push(ctx.t("learning-eval-item-points-typed", { max: item.points }));
  if (item.evidence) lines.push(ctx.t("learning-eval-item-evidence", { hint: escapeHtml(item.evidence) }));
  const given = p.answers[item.id];
  if (given) lines.push(ctx.t("learning-eval-item-now", { answer: answerLabel(ctx, item, given.value) }));
  const note = pending.note ?? given?.note ?? null;
  if (note) lines.push(ctx.t("learning-eval-item-note", { note: escapeHtml(note) }));
  if (pending.photoFileId !== undefined || given?.photo) lines.push(ctx.t("learning-eval-item-photo"));
  if (pending.note !== undefined || pending.photoFileId !== undefined) lines.push(ctx.t("learning-eval-evidence-pending"));
  lines.push("", ctx.t("learning-eval-score", { total: p.total, max: f.max }));
  return lines.join("\n");
}

function resultText(ctx: FlowContext, f: Fixed, p: Progress): string {
  const lines = [
    ctx.t("learning-eval-result", {
      name: escapeHtml(f.name), total: p.total, max: f.max, grade: escapeHtml(p.gradeLabel ?? ctx.t("learning-eval-no-grade")),
    }),
    "",
  ];
  const missed = f.items.filter((i) => p.missed.includes(i.id));
  if (missed.length === 0) lines.push(ctx.t("learning-eval-missed-none"));
  else {
    lines.push(ctx.t("learning-eval-missed-title", { count: missed.length }));
    for (const i of missed) {
      const value = p.answers[i.id]?.value ?? 0;
      lines.push(ctx.t("learning-eval-missed-line", { item: i.id, earned: earned(i, value), points: i.points, text: escapeHtml(short(i.text)) }));
    }
  }
  if (!p.complete) lines.push("", ctx.t("learning-eval-unanswered", { count: f.items.length - Object.keys(p.answers).length }));
  lines.push("", ctx.t(p.complete ? "learning-eval-result-ask" : "learning-eval-result-ask-rest"));
  return lines.join("\n");
}

// ---- one item ----

type Answered = { answer: boolean | number } | { evidence: Evidence };
type Outcome = "next" | "back" | "pause" | "stop" | "again" | "ended";

function valueRows(ctx: FlowContext, item: Item): Choice<string>[][] {
  if (item.kind === "yes_no") {
    return [[{ value: "v:yes", label: ctx.t("btn-learning-eval-yes", { points: item.points }) }, { value: "v:no", label: ctx.t("btn-learning-eval-no") }]];
  }
  if (item.kind === "number") return [];
  const values = item.points <= BUTTONS_UP_TO
    ? Array.from({ length: item.points + 1 }, (_, n) => n)
    : [...new Set([0, Math.round(item.points / 2), item.points])];
  const rows: Choice<string>[][] = [];
  for (let k = 0; k < values.length; k += 6) rows.push(values.slice(k, k + 6).map((n) => ({ value: `v:${n}`, label: String(n) })));
  return rows;
}

function typedAnswer(ctx: FlowContext, item: Item): (text: string) => ValidationResult<Answered> {
  return (text) => {
    const parsed = parseCount(text, ctx.locale);
    if (!parsed.ok) {
      const key = parsed.error === "negative" ? "learning-eval-negative" : "learning-eval-not-a-number";
      return { ok: false, message: ctx.t(key, { text: escapeHtml(short(text.trim(), 40)) }) };
    }
    if (item.kind === "points" && parsed.value > item.points) {
      return { ok: false, message: ctx.t("learning-eval-points-above-max", { item: item.id, max: item.points }) };
    }
    return { ok: true, value: { answer: parsed.value } };
  };
}

/** A photo (its caption as the note) taken as evidence. */
function photoEvidence(message: Message): Evidence | undefined {
  const photo = message.photo?.at(-1)?.file_id;
  if (!photo) return undefined;
  const caption = message.caption ? normalizeText(message.caption) : "";
  return caption === "" ? { photoFileId: photo } : { photoFileId: photo, note: [...caption].slice(0, MAX_EVIDENCE_NOTE).join("") };
}

function noteValidator(ctx: FlowContext): (text: string) => ValidationResult<Evidence> {
  return (text) => {
    const note = normalizeText(text);
    if (note === "") return { ok: false, message: ctx.t("learning-eval-evidence-empty") };
    if ([...note].length > MAX_EVIDENCE_NOTE) return { ok: false, message: ctx.t("learning-eval-evidence-too-long", { max: MAX_EVIDENCE_NOTE }) };
    return { ok: true, value: { note } };
  };
}

export function learningEvaluate(services: Services, notifier: Notifier) {
  /** Saves one answer; the progress after it, or the refusal. */
  function save(conversation: Flow, locale: Locale, evaluationId: number, itemId: string, value: boolean | number, evidence: Evidence) {
    const given = evidence.note !== undefined || evidence.photoFileId !== undefined ? evidence : undefined;
    return call(conversation, async ({ person }) =>
      progressOf(await services.learning.answerItem(person, evaluationId, itemId, value, given), locale));
  }

  /** Tells the reviewers; how many got it, or null when it failed (logged, never thrown). */
  async function tellReviewers(conversation: Flow, summary: EvaluationSummary, to: Recipient[]): Promise<number | null> {
    return conversation.external(async (outside) => {
      try {
        return await notifier.evaluationSubmitted(summary, outside.person.fullName ?? outside.from?.first_name ?? "", to);
      } catch (error) {
        outside.log.warn({ err: String(error), evaluationId: summary.id }, "reviewers not told about a self-evaluation");
        return null;
      }
    });
  }

  return async function (conversation: Flow, ctx: FlowContext, registrationId: number): Promise<void> {
    const locale = ctx.locale;
    const started = await call(conversation, async ({ person }) => {
      const view = await services.learning.startEvaluation(person, registrationId);
      return { fixed: fixedOf(view, locale), progress: progressOf(view, locale) };
    });
    if (!started.ok) {
      const { code, params } = started;
      await ctx.reply(
        code === "no_criteria_in_force"
          ? ctx.t("learning-eval-no-criteria", { model: modelLabel(ctx.t, params.model as LearningModel), year: String(params.year) })
          : ctx.t(`errors-${code}`, params),
        { parse_mode: "HTML" },
      );
      return;
    }
    const f = started.value.fixed;
    let p = started.value.progress;
    const showCard = () => conversation.external((outside) => showEvaluationCard(outside, f.evaluationId));
    if (!isOpen(p.status)) {
      await ctx.reply(ctx.t("learning-eval-not-open", { status: evaluationStatusLabel(ctx.t, p.status) }));
      await showCard();
      return;
    }

    const indexOf = (itemId: string | null): number | null => {
      const i = f.items.findIndex((x) => x.id === itemId);
      return i < 0 ? null : i;
    };
    const stopped = async (how: "pause" | "stop") => {
      const keyboard = new InlineKeyboard().text(ctx.t("btn-learning-eval-continue"), `le:${registrationId}`);
      const vars = { done: Object.keys(p.answers).length, items: f.items.length };
      await ctx.reply(ctx.t(how === "pause" ? "learning-eval-paused" : "learning-eval-stopped", vars), { parse_mode: "HTML", reply_markup: keyboard });
    };
    /** A refusal while answering: evaluation closed meanwhile (sent by someone else) ends the flow with the card. */
    const refused = async (code: string, params: Record<string, string | number>): Promise<"ended"> => {
      if (code === "evaluation_not_open") {
        await ctx.reply(ctx.t("learning-eval-not-open", { status: evaluationStatusLabel(ctx.t, String(params.status) as EvaluationStatus) }));
        await showCard();
      } else await ctx.reply(ctx.t(`errors-${code}`, params));
      return "ended";
    };

    let shownGroup: string | null = null;

    /** Asks one item until it is answered (saved), kept, or left. */
    async function askItem(index: number): Promise<Outcome> {
      const item = f.items[index]!;
      let pending: Evidence = {};
      for (;;) {
        const given = p.answers[item.id];
        const rows = valueRows(ctx, item);
        if (given) rows.push([{ value: "keep", label: ctx.t("btn-learning-eval-keep", { answer: answerLabel(ctx, item, given.value) }) }]);
        rows.push([{ value: "evidence", label: ctx.t("btn-learning-eval-evidence") }], [{ value: "pause", label: ctx.t("btn-learning-eval-pause") }]);
        const typed = item.kind === "yes_no" ? undefined : typedAnswer(ctx, item);
        const asked = await ask<Answered>(conversation, ctx, registrationId, {
          text: itemText(ctx, f, p, item, shownGroup !== item.groupId, pending),
          rows, back: index > 0, typed,
          media: (m) => { const e = photoEvidence(m); return e ? { evidence: e } : undefined; },
          notText: ctx.t(typed ? "learning-eval-type-number" : "learning-eval-press-button"),
        });
        shownGroup = item.groupId;
        if (asked.kind === "back" || asked.kind === "again") return asked.kind;
        if (asked.kind === "stop") return "stop";
        let value: boolean | number | undefined;
        let evidence: Evidence | undefined;
        if (asked.kind === "press") {
          if (asked.value === "pause") return "pause";
          if (asked.value === "keep" && given) {
            if (pending.note === undefined && pending.photoFileId === undefined) return "next";
            value = given.value;
          } else if (asked.value === "evidence") {
            const got = await askEvidence(item);
            if (got === "stop" || got === "again") return got;
            evidence = got ?? undefined;
          } else if (asked.value.startsWith("v:")) {
            const raw = asked.value.slice(2);
            value = item.kind === "yes_no" ? raw === "yes" : Number(raw);
          }
        } else if ("answer" in asked.value) value = asked.value.answer;
        else evidence = asked.value.evidence;

        if (evidence) {
          pending = { ...pending, ...evidence };
          if (!given) {
            await ctx.reply(ctx.t("learning-eval-evidence-will-save", { item: item.id }));
            continue;
          }
          value = given.value; // already answered: the evidence is saved with the same answer now
        }
        if (value === undefined) continue;
        const saved = await save(conversation, locale, f.evaluationId, item.id, value, pending);
        if (!saved.ok) {
          if (saved.code !== "bad_answer") return refused(saved.code, saved.params);
          await ctx.reply(ctx.t("errors-bad_answer", saved.params));
          continue;
        }
        p = saved.value;
        if (evidence) {
          pending = {};
          await ctx.reply(ctx.t("learning-eval-evidence-saved", { item: item.id }));
          continue;
        }
        return "next";
      }
    }

    /** A note typed or a photo sent for an item; null: skipped. */
    async function askEvidence(item: Item): Promise<Evidence | null | "stop" | "again"> {
      const asked = await ask<Evidence>(conversation, ctx, registrationId, {
        text: ctx.t("learning-eval-evidence-ask", { item: item.id, max: MAX_EVIDENCE_NOTE }),
        rows: [[{ value: "skip", label: ctx.t("btn-skip") }]],
        back: true,
        typed: noteValidator(ctx),
        media: photoEvidence,
        notText: ctx.t("learning-eval-evidence-not-text"),
      });
      if (asked.kind === "stop" || asked.kind === "again") return asked.kind;
      return asked.kind === "value" ? asked.value : null;
    }

    /** The result; what the person chose next. */
    async function askResult(): Promise<"submit" | "change" | "rest" | "pause" | "stop" | "back" | "again"> {
      const rows: Choice<string>[][] = [
        [p.complete ? { value: "submit", label: ctx.t("btn-learning-eval-submit") } : { value: "rest", label: ctx.t("btn-learning-eval-rest") }],
        [{ value: "change", label: ctx.t("btn-learning-eval-change") }],
        [{ value: "pause", label: ctx.t("btn-learning-eval-later") }],
      ];
      const asked = await ask<never>(conversation, ctx, registrationId, { text: resultText(ctx, f, p), rows, back: true, notText: ctx.t("learning-eval-press-button") });
      if (asked.kind === "press") return asked.value as "submit" | "change" | "rest" | "pause";
      return asked.kind === "value" ? "again" : asked.kind;
    }

    /** Which item to change: a numbered list, a button per item. */
    async function askPick(): Promise<number | "back" | "stop" | "again"> {
      const lines = [ctx.t("learning-eval-pick"), ""];
      for (const i of f.items) {
        const given = p.answers[i.id];
        const answer = given ? answerLabel(ctx, i, given.value) : ctx.t("learning-eval-not-answered");
        lines.push(ctx.t("learning-eval-pick-line", { item: i.id, answer, text: escapeHtml(short(i.text, 50)) }));
      }
      const rows: Choice<string>[][] = [];
      for (let k = 0; k < f.items.length; k += 5) rows.push(f.items.slice(k, k + 5).map((i, n) => ({ value: `i:${k + n}`, label: i.id })));
      const asked = await ask<never>(conversation, ctx, registrationId, { text: lines.join("\n"), rows, back: true, notText: ctx.t("learning-eval-press-button") });
      if (asked.kind === "press") return Number(asked.value.slice(2));
      return asked.kind === "value" ? "again" : asked.kind;
    }

    /** Sends it for review; true when the flow is over. */
    async function submit(): Promise<boolean> {
      const sent = await call(conversation, async ({ person }) => {
        const r = await services.learning.submitEvaluation(person, f.evaluationId);
        return { summary: summaryOf(r.evaluation), notify: r.notify, gradeLabel: r.evaluation.gradeLabel ? inLocale(r.evaluation.gradeLabel, locale) : null };
      });
      if (!sent.ok) {
        if (sent.code !== "evaluation_incomplete") {
          await refused(sent.code, sent.params);
          return true;
        }
        await ctx.reply(ctx.t("errors-evaluation_incomplete", sent.params));
        const fresh = await call(conversation, async ({ person }) => progressOf(await services.learning.getEvaluation(person, f.evaluationId), locale));
        if (fresh.ok) p = fresh.value;
        return false;
      }
      const { summary, notify, gradeLabel } = sent.value;
      const told = await tellReviewers(conversation, summary, notify);
      const grade = escapeHtml(gradeLabel ?? ctx.t("learning-eval-no-grade"));
      await ctx.reply(
        [ctx.t("learning-eval-submitted", { name: escapeHtml(f.name), total: summary.total, max: summary.max, grade }), ctx.t("learning-eval-told", { count: told ?? 0 })].join("\n"),
        { parse_mode: "HTML" },
      );
      await showCard();
      return true;
    }

    await ctx.reply(introText(ctx, f, p), { parse_mode: "HTML" });
    // A returned evaluation goes through every item again ("Keep" for each); otherwise from the first unanswered one.
    let at: number | "result" | "pick" = p.status === "RETURNED" ? 0 : (indexOf(p.nextItemId) ?? "result");
    let changing = false;
    for (;;) {
      if (at === "result") {
        const next = await askResult();
        if (next === "pause" || next === "stop") return stopped(next);
        if (next === "again") continue;
        if (next === "back") at = f.items.length - 1;
        else if (next === "change") at = "pick";
        else if (next === "rest") {
          at = indexOf(p.nextItemId) ?? "result";
          changing = false;
        } else if (await submit()) return;
        continue;
      }
      if (at === "pick") {
        const picked = await askPick();
        if (picked === "stop") return stopped("stop");
        if (picked === "back") at = "result";
        else if (picked !== "again") {
          at = picked;
          changing = true;
          shownGroup = null;
        }
        continue;
      }
      const outcome = await askItem(at);
      if (outcome === "ended") return;
      if (outcome === "pause" || outcome === "stop") return stopped(outcome);
      if (outcome === "again") shownGroup = null;
      else if (outcome === "back") at = Math.max(0, at - 1);
      else if (changing) at = "result";
      else if (at + 1 < f.items.length) at += 1;
      else at = indexOf(p.nextItemId) ?? "result"; // the end of the walk: anything skipped first, then the result
    }
  };
}
