// The form of one opening day (mổ lợn), shared by recording and correcting:
// date → banks opened → amount collected → the uses one by one (scholarships,
// books and supplies, the fund, other + what for) → photo → summary. Back goes
// one step, every answer already given is offered as "Keep: …", and nothing
// leaves this file before the person confirms the summary.
import { parseAmount, parseCount, readAsMillions } from "../../domain/money.ts";
import { compareLocalDates, formatDate, fromIsoDate, parseDate, toIsoDate, vietnamToday, type LocalDate } from "../../domain/dates.ts";
import { MAX_NOTE, UNUSUAL_OPENING_AMOUNT, usesTotal, type OpeningFigures } from "../../domain/piggy-bank.ts";
import { normalizeText } from "../../domain/text.ts";
import type { Flow, FlowContext } from "../context.ts";
import { escapeHtml } from "../format.ts";
import { BACK, askChoice, askText, isExtra, type Back, type Choice } from "./kit.ts";
import { count, day, figuresText, money, numberError, sameFigures } from "./piggy-text.ts";

/** What the form needs to know about the drive the opening belongs to. */
export interface DriveFacts {
  unitName: string;
  banksHandedOut: number;
  /** "YYYY-MM-DD": no opening before it */
  startedOn: string;
  /** banks opened on the drive's other openings */
  openedElsewhere: number;
}

const STEPS = ["date", "opened", "collected", "schCount", "schAmount", "supplies", "fund", "other", "otherNote", "photo", "confirm"] as const;
export type FormStep = (typeof STEPS)[number];
type Draft = Partial<OpeningFigures>;

export interface FormOptions {
  drive: DriveFacts;
  /** the services' clock, ISO (read once, outside the replay) */
  now: string;
  /** answers to start from: a correction's current figures, or what was typed before a refusal */
  draft: Draft;
  /** a correction: the summary shows before → after */
  original?: OpeningFigures;
  startAt?: FormStep;
  confirmTitle: string;
  confirmLabel: string;
}

/** Steps that do not apply: no scholarships → no amount; nothing else spent → no note. */
function skipped(step: FormStep, d: Draft): boolean {
  if (step === "schAmount") return d.scholarshipCount === 0;
  if (step === "otherNote") return d.otherAmount === 0;
  return false;
}

function move(step: FormStep, d: Draft, by: 1 | -1): FormStep {
  let i = STEPS.indexOf(step);
  do i += by;
  while (i > 0 && i < STEPS.length - 1 && skipped(STEPS[i]!, d));
  return STEPS[Math.max(0, Math.min(STEPS.length - 1, i))]!;
}

// Uses typed before `step`, for the running "what is left".
function leftBefore(step: FormStep, d: Draft): number {
  const order: [FormStep, keyof OpeningFigures][] = [["schAmount", "scholarshipAmount"], ["supplies", "suppliesAmount"], ["fund", "fundAmount"], ["other", "otherAmount"]];
  let left = d.amountCollected ?? 0;
  for (const [s, field] of order) {
    if (s === step) break;
    left -= (d[field] as number | undefined) ?? 0;
  }
  return left;
}

function keepChoice(ctx: FlowContext, label: string | undefined): Choice<string>[] {
  return label === undefined ? [] : [{ value: "keep", label: ctx.t("btn-keep", { value: label }) }];
}

export async function askCount(
  conversation: Flow,
  ctx: FlowContext,
  opts: { text: string; keep?: number; zero?: boolean; back: boolean; min?: number },
): Promise<number | Back> {
  const answer = await askText(conversation, ctx, {
    text: opts.text,
    back: opts.back,
    // "Keep 0" next to "0 / none" would say the same thing twice.
    extra: [...(opts.zero ? [{ value: "zero", label: ctx.t("btn-zero") }] : []), ...keepChoice(ctx, opts.keep === undefined || (opts.zero && opts.keep === 0) ? undefined : count(ctx.locale, opts.keep))],
    notText: ctx.t("piggy-need-number"),
    validate: (text) => {
      const r = parseCount(text, ctx.locale);
      if (!r.ok) return { ok: false, message: numberError(ctx.t, "count", r, text) };
      if (r.value < (opts.min ?? 0)) return { ok: false, message: ctx.t("piggy-count-too-small", { min: opts.min ?? 0 }) };
      return { ok: true, value: r.value };
    },
  });
  if (answer === BACK) return BACK;
  if (isExtra(answer)) return answer.extra === "zero" ? 0 : (opts.keep ?? 0);
  return answer;
}

// "1,5" alone: 1.5 million or 1.5 dong? Offers the million reading; null means "type again".
async function resolveFraction(conversation: Flow, ctx: FlowContext, text: string): Promise<number | null> {
  const typed = text.trim();
  const million = readAsMillions(typed);
  if (!million.ok) {
    await ctx.reply(ctx.t("piggy-amount-fraction"));
    return null;
  }
  const amount = money(ctx.locale, million.value);
  const parts = /^(\d{1,3}(?:\.\d{3})*),(\d)$/.exec(typed);
  const rows: Choice<string>[][] = [[{ value: "million", label: ctx.t("btn-piggy-million", { million: amount, text: escapeHtml(typed) }) }]];
  if (parts) rows.push([{ value: "literal", label: ctx.t("btn-piggy-hao", { int: parts[1]!, frac: parts[2]! }) }]);
  rows.push([{ value: "retype", label: ctx.t("btn-retype") }]);
  const question = parts
    ? ctx.t("piggy-amount-ambiguous", { million: amount, text: escapeHtml(typed), int: parts[1]!, frac: parts[2]! })
    : ctx.t("piggy-amount-ambiguous-other", { million: amount, text: escapeHtml(typed) });
  const choice = await askChoice(conversation, ctx, { text: question, rows, back: true });
  if (choice === "million") return million.value;
  if (choice === "literal") await ctx.reply(ctx.t("piggy-amount-fraction"));
  return null;
}

export async function askAmount(
  conversation: Flow,
  ctx: FlowContext,
  opts: { text: string; keep?: number; zero?: boolean; back: boolean; confirmLarge?: boolean },
): Promise<number | Back> {
  for (;;) {
    const answer = await askText<{ value: number } | { fraction: string }>(conversation, ctx, {
      text: opts.text,
      back: opts.back,
      extra: [...(opts.zero ? [{ value: "zero", label: ctx.t("btn-zero") }] : []), ...keepChoice(ctx, opts.keep === undefined || (opts.zero && opts.keep === 0) ? undefined : money(ctx.locale, opts.keep))],
      notText: ctx.t("piggy-need-amount"),
      validate: (text) => {
        const r = parseAmount(text, ctx.locale);
        if (r.ok) return { ok: true, value: { value: r.value } };
        if (r.error === "fraction") return { ok: true, value: { fraction: text } };
        return { ok: false, message: numberError(ctx.t, "amount", r, text) };
      },
    });
    if (answer === BACK) return BACK;
    if (isExtra(answer)) return answer.extra === "zero" ? 0 : (opts.keep ?? 0);
    const value = "value" in answer ? answer.value : await resolveFraction(conversation, ctx, answer.fraction);
    if (value === null) continue;
    if (opts.confirmLarge && value > UNUSUAL_OPENING_AMOUNT && value !== opts.keep) {
      const amount = money(ctx.locale, value);
      const sure = await askChoice(conversation, ctx, {
        text: ctx.t("piggy-amount-large", { amount }),
        rows: [[{ value: "yes", label: ctx.t("btn-piggy-large-yes", { amount }) }], [{ value: "retype", label: ctx.t("btn-retype") }]],
        back: true,
      });
      if (sure !== "yes") continue;
    }
    return value;
  }
}

async function askDate(
  conversation: Flow,
  ctx: FlowContext,
  opts: { keep?: string; now: Date; startedOn: LocalDate; back: boolean },
): Promise<string | Back> {
  const today = vietnamToday(opts.now);
  const answer = await askText(conversation, ctx, {
    text: ctx.t("piggy-ask-date"),
    back: opts.back,
    extra: [{ value: "today", label: ctx.t("btn-today") }, ...keepChoice(ctx, opts.keep === undefined ? undefined : day(opts.keep))],
    notText: ctx.t("piggy-need-date"),
    validate: (text) => {
      const r = parseDate(text, opts.now);
      if (!r.ok) return { ok: false, message: ctx.t(r.error === "no_such_day" ? "piggy-date-no_such_day" : "piggy-date-invalid") };
      if (compareLocalDates(r.value, today) > 0) return { ok: false, message: ctx.t("piggy-date-future", { date: formatDate(r.value) }) };
      if (compareLocalDates(r.value, opts.startedOn) < 0) {
        return { ok: false, message: ctx.t("piggy-date-before-drive", { date: formatDate(r.value), start: formatDate(opts.startedOn) }) };
      }
      return { ok: true, value: toIsoDate(r.value) };
    },
  });
  if (answer === BACK) return BACK;
  if (isExtra(answer)) return answer.extra === "keep" && opts.keep ? opts.keep : toIsoDate(today);
  return answer;
}

async function askOtherNote(conversation: Flow, ctx: FlowContext, amount: number, keep: string | null | undefined): Promise<string | Back> {
  const answer = await askText(conversation, ctx, {
    text: ctx.t("piggy-ask-other-note", { amount: money(ctx.locale, amount) }),
    back: true,
    extra: keepChoice(ctx, keep ?? undefined),
    validate: (text) => {
      const note = normalizeText(text);
      if (note === "") return { ok: false, message: ctx.t("piggy-note-empty") };
      if ([...note].length > MAX_NOTE) return { ok: false, message: ctx.t("piggy-note-too-long", { max: MAX_NOTE }) };
      return { ok: true, value: note };
    },
  });
  if (answer === BACK) return BACK;
  return isExtra(answer) ? (keep ?? "") : answer;
}

/** The photo of the day: a photo message, or none. Returns the file id, null, or BACK. */
async function askPhoto(conversation: Flow, ctx: FlowContext, keep: string | null | undefined): Promise<string | null | Back> {
  const extra: Choice<string>[] = keep
    ? [{ value: "keep", label: ctx.t("btn-keep-photo") }, { value: "none", label: ctx.t("btn-remove-photo") }]
    : [{ value: "none", label: ctx.t("btn-skip") }];
  const answer = await askText<string>(conversation, ctx, {
    text: ctx.t("piggy-ask-photo"),
    back: true,
    extra,
    media: (message) => message.photo?.at(-1)?.file_id,
    notText: ctx.t("piggy-photo-expected"),
    validate: () => ({ ok: false, message: ctx.t("piggy-photo-expected") }),
  });
  if (answer === BACK) return BACK;
  if (isExtra(answer)) return answer.extra === "keep" ? (keep ?? null) : null;
  await ctx.reply(ctx.t("piggy-photo-received"));
  return answer;
}

function complete(d: Draft): OpeningFigures {
  return {
    openedOn: d.openedOn ?? "",
    banksOpened: d.banksOpened ?? 0,
    amountCollected: d.amountCollected ?? 0,
    scholarshipCount: d.scholarshipCount ?? 0,
    scholarshipAmount: d.scholarshipCount === 0 ? 0 : (d.scholarshipAmount ?? 0),
    suppliesAmount: d.suppliesAmount ?? 0,
    fundAmount: d.fundAmount ?? 0,
    otherAmount: d.otherAmount ?? 0,
    otherNote: d.otherAmount ? (d.otherNote ?? null) : null,
    photoFileId: d.photoFileId ?? null,
  };
}

/** The first question about the uses: where to go back when they exceed the collection. */
export function firstUseStep(d: Draft): FormStep {
  return d.scholarshipCount === 0 ? "supplies" : "schAmount";
}

/** Runs the form until the summary is confirmed; returns the figures to save. */
export async function askOpeningFigures(conversation: Flow, ctx: FlowContext, opts: FormOptions): Promise<OpeningFigures> {
  const d: Draft = { ...opts.draft };
  const now = new Date(opts.now);
  const startedOn = fromIsoDate(opts.drive.startedOn) ?? { year: 2000, month: 1, day: 1 };
  const t = ctx.t;
  const L = ctx.locale;
  let step: FormStep = opts.startAt ?? "date";
  for (;;) {
    let back = false;
    switch (step) {
      case "date": {
        const a = await askDate(conversation, ctx, { keep: d.openedOn, now, startedOn, back: false });
        if (a === BACK) back = true;
        else d.openedOn = a;
        break;
      }
      case "opened": {
        const a = await askCount(conversation, ctx, { text: t("piggy-ask-opened", { handed: count(L, opts.drive.banksHandedOut) }), keep: d.banksOpened, back: true });
        if (a === BACK) back = true;
        else {
          d.banksOpened = a;
          const total = opts.drive.openedElsewhere + a;
          if (total > opts.drive.banksHandedOut) {
            await ctx.reply(t("piggy-opened-warning", { handed: count(L, opts.drive.banksHandedOut), total: count(L, total) }));
          }
        }
        break;
      }
      case "collected": {
        const a = await askAmount(conversation, ctx, { text: t("piggy-ask-collected"), keep: d.amountCollected, back: true, confirmLarge: true });
        if (a === BACK) back = true;
        else d.amountCollected = a;
        break;
      }
      case "schCount": {
        const a = await askCount(conversation, ctx, {
          text: t("piggy-ask-scholarship-count", { collected: money(L, d.amountCollected ?? 0) }), keep: d.scholarshipCount, zero: true, back: true,
        });
        if (a === BACK) back = true;
        else {
          d.scholarshipCount = a;
          if (a === 0) d.scholarshipAmount = 0;
        }
        break;
      }
      case "schAmount":
      case "supplies":
      case "fund":
      case "other": {
        const field = ({ schAmount: "scholarshipAmount", supplies: "suppliesAmount", fund: "fundAmount", other: "otherAmount" } as const)[step];
        const key = ({ schAmount: "piggy-ask-scholarship-amount", supplies: "piggy-ask-supplies", fund: "piggy-ask-fund", other: "piggy-ask-other" } as const)[step];
        const a = await askAmount(conversation, ctx, {
          text: t(key, { left: money(L, leftBefore(step, d)), count: count(L, d.scholarshipCount ?? 0) }), keep: d[field], zero: true, back: true,
        });
        if (a === BACK) back = true;
        else {
          d[field] = a;
          if (step === "other" && a === 0) d.otherNote = null;
        }
        break;
      }
      case "otherNote": {
        const a = await askOtherNote(conversation, ctx, d.otherAmount ?? 0, d.otherNote);
        if (a === BACK) back = true;
        else d.otherNote = a;
        break;
      }
      case "photo": {
        const a = await askPhoto(conversation, ctx, d.photoFileId);
        if (a === BACK) back = true;
        else d.photoFileId = a;
        break;
      }
      case "confirm": {
        const figures = complete(d);
        const unchanged = opts.original && sameFigures(figures, opts.original) ? `\n\n${t("piggy-no-changes")}` : "";
        const a = await askChoice(conversation, ctx, {
          text: `${opts.confirmTitle}\n${figuresText(t, L, opts.drive.unitName, figures, opts.original)}${unchanged}`,
          rows: [[{ value: "yes", label: opts.confirmLabel }]],
          back: true,
        });
        if (a !== BACK) return figures;
        back = true;
        break;
      }
    }
    if (back) {
      step = move(step, d, -1);
      continue;
    }
    // The uses are complete once "other" (and its note) is answered: they may not exceed the collection.
    const usesDone = (step === "other" && d.otherAmount === 0) || step === "otherNote";
    const uses = usesTotal(complete(d));
    const collected = d.amountCollected ?? 0;
    if (usesDone && uses > collected) {
      await ctx.reply(t("piggy-uses-exceed", { uses: money(L, uses), collected: money(L, collected), excess: money(L, uses - collected) }), { parse_mode: "HTML" });
      step = firstUseStep(d);
      continue;
    }
    step = move(step, d, 1);
  }
}

/** Tells why the services refused the figures; returns the step to go back to, or null to stop. */
export async function stepForRefusal(ctx: FlowContext, code: string, params: Record<string, string | number>, d: Draft): Promise<FormStep | null> {
  if (code === "uses_exceed_collected") {
    const uses = usesTotal(complete(d));
    const collected = d.amountCollected ?? 0;
    await ctx.reply(ctx.t("piggy-uses-exceed", { uses: money(ctx.locale, uses), collected: money(ctx.locale, collected), excess: money(ctx.locale, Number(params.excess ?? uses - collected)) }), {
      parse_mode: "HTML",
    });
    return firstUseStep(d);
  }
  if (code === "date_in_future" || code === "date_before_drive") {
    await ctx.reply(ctx.t(`errors-${code}`));
    return "date";
  }
  return null;
}
