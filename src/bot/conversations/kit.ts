// Building blocks for every multi-step flow: ask for a choice (buttons), for
// text (validated, with a friendly retry), or for a phone number. Each step
// offers "back" and "cancel"; cancelling ends the flow with nothing saved.
// Old buttons from earlier steps are answered as outdated, never acted on.
import { InlineKeyboard, Keyboard } from "grammy";
import type { Message } from "grammy/types";
import type { BotContext, Flow, FlowContext } from "../context.ts";
import { isServiceError } from "../../services/errors.ts";
import { normalizePhone } from "../../domain/text.ts";
import { shorten } from "../format.ts";

export const BACK = "__back__";
export type Back = typeof BACK;

const PREFIX = "f:";
const BACK_DATA = `${PREFIX}${BACK}`;
const CANCEL_DATA = `${PREFIX}__cancel__`;

export interface Choice<T extends string> {
  value: T;
  label: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Ends the flow: says so, removes any reply keyboard; nothing half-done is saved. */
export async function cancelFlow(conversation: Flow, ctx: FlowContext): Promise<never> {
  await ctx.reply(ctx.t("flow-cancelled"), { reply_markup: { remove_keyboard: true } });
  return conversation.halt();
}

function controls(ctx: FlowContext, keyboard: InlineKeyboard, back: boolean): InlineKeyboard {
  keyboard.row();
  if (back) keyboard.text(ctx.t("btn-back"), BACK_DATA);
  keyboard.text(ctx.t("btn-cancel"), CANCEL_DATA);
  return keyboard;
}

/** Choice buttons, one keyboard row per inner array. */
function choiceKeyboard(rows: Choice<string>[][]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const row of rows) {
    for (const choice of row) keyboard.text(choice.label, `${PREFIX}${choice.value}`);
    keyboard.row();
  }
  return keyboard;
}

/**
 * The words for a button press that is not the question's (a button of
 * another message the flow sent), when it should not be called outdated.
 */
export type OtherPress = (data: string) => string | undefined;

/**
 * Whether a button press belongs to the question `sent` and is one of its
 * buttons; otherwise it is answered with `otherPress`'s words, else as
 * outdated (so the phone stops spinning).
 */
async function pressAccepted(ctx: FlowContext, next: FlowContext, sent: Message, known: boolean, otherPress?: OtherPress): Promise<boolean> {
  if (next.callbackQuery?.message?.message_id === sent.message_id && known) {
    await next.answerCallbackQuery();
    return true;
  }
  const data = next.callbackQuery?.data;
  await next.answerCallbackQuery({ text: (data === undefined ? undefined : otherPress?.(data)) ?? ctx.t("stale-button") });
  return false;
}

/** Leaves the question visible with the answer under it ("✓ …"), so the chat reads like a filled form. */
function answeredWith(label: string): InlineKeyboard {
  return new InlineKeyboard().text(`✓ ${label}`, "f:__done__");
}

/** Buttons, one row per inner array. Returns the chosen value or BACK. */
export async function askChoice<T extends string>(
  conversation: Flow,
  ctx: FlowContext,
  opts: { text: string; rows: Choice<T>[][]; back?: boolean },
): Promise<T | Back> {
  const sent = await ctx.reply(opts.text, { parse_mode: "HTML", reply_markup: controls(ctx, choiceKeyboard(opts.rows), opts.back ?? false) });
  const labels = new Map(opts.rows.flat().map((c) => [`${PREFIX}${c.value}`, c.label]));
  for (;;) {
    const next = await conversation.wait();
    const data = next.callbackQuery?.data;
    if (data !== undefined) {
      if (!(await pressAccepted(ctx, next, sent, labels.has(data) || data === BACK_DATA || data === CANCEL_DATA))) continue;
      const chosen = data === BACK_DATA ? ctx.t("btn-back") : data === CANCEL_DATA ? ctx.t("btn-cancel") : (labels.get(data) ?? "");
      await next.editMessageReplyMarkup({ reply_markup: answeredWith(chosen) }).catch(() => undefined);
      if (data === CANCEL_DATA) return cancelFlow(conversation, ctx);
      if (data === BACK_DATA) return BACK;
      return data.slice(PREFIX.length) as T;
    }
    if (next.message) await next.reply(ctx.t("flow-use-buttons"));
  }
}

/**
 * A typed answer, checked by `validate` — or any message, checked whole by
 * `message` (a text with its formatting, a photo…); bad input gets its
 * message and another try.
 */
export async function askText<T>(
  conversation: Flow,
  ctx: FlowContext,
  opts: {
    text: string;
    back?: boolean;
    extra?: Choice<string>[];
    /** what to say to a photo, sticker… that is not taken (default: "please type") */
    notText?: string;
    /** ⬅️ or ✖️ pressed stays under the question as "✓ …", as in the other questions (default: the buttons go) */
    markBack?: boolean;
    otherPress?: OtherPress;
  } & (
    | {
      validate: (text: string) => ValidationResult<T>;
      /** takes a message that is not text (a photo…) as the answer, when it returns a value */
      media?: (message: Message) => T | undefined;
      message?: undefined;
    }
    | {
      /** every message goes here, text or not; undefined: not taken (`notText` is said) */
      message: (message: Message) => ValidationResult<T> | undefined;
      validate?: undefined;
      media?: undefined;
    }
  ),
): Promise<T | Back | { extra: string }> {
  const keyboard = new InlineKeyboard();
  for (const choice of opts.extra ?? []) keyboard.text(choice.label, `${PREFIX}${choice.value}`);
  const sent = await ctx.reply(opts.text, { parse_mode: "HTML", reply_markup: controls(ctx, keyboard, opts.back ?? false) });
  const extras = new Set((opts.extra ?? []).map((c) => `${PREFIX}${c.value}`));
  const check = (message: Message): ValidationResult<T> | undefined => {
    if (opts.message) return opts.message(message);
    if (message.text !== undefined) return opts.validate(message.text);
    const taken = opts.media?.(message);
    return taken === undefined ? undefined : { ok: true, value: taken };
  };
  for (;;) {
    const next = await conversation.wait();
    const data = next.callbackQuery?.data;
    if (data !== undefined) {
      if (!(await pressAccepted(ctx, next, sent, data === BACK_DATA || data === CANCEL_DATA || extras.has(data), opts.otherPress))) continue;
      const extra = (opts.extra ?? []).find((c) => `${PREFIX}${c.value}` === data);
      const label = extra?.label ?? (opts.markBack ? ctx.t(data === BACK_DATA ? "btn-back" : "btn-cancel") : undefined);
      await next.editMessageReplyMarkup(label === undefined ? undefined : { reply_markup: answeredWith(label) }).catch(() => undefined);
      if (data === CANCEL_DATA) return cancelFlow(conversation, ctx);
      if (data === BACK_DATA) return BACK;
      return { extra: data.slice(PREFIX.length) };
    }
    if (!next.message) continue;
    const result = check(next.message);
    if (result === undefined) {
      await next.reply(opts.notText ?? ctx.t("flow-send-text"), { parse_mode: "HTML" });
      continue;
    }
    if (result.ok) {
      await ctx.api.editMessageReplyMarkup(sent.chat.id, sent.message_id).catch(() => undefined);
      return result.value;
    }
    await next.reply(result.message, { parse_mode: "HTML" });
  }
}

export function isExtra(answer: unknown): answer is { extra: string } {
  return typeof answer === "object" && answer !== null && "extra" in answer;
}

/**
 * Optional phone: the "share my number" button (a reply keyboard), a typed
 * number, or skip. Returns the number, null for skipped, or BACK.
 */
export async function askPhone(conversation: Flow, ctx: FlowContext, opts: { text: string }): Promise<string | null | Back> {
  const share = ctx.t("btn-share-phone");
  const skip = ctx.t("btn-skip");
  const back = ctx.t("btn-back");
  const cancel = ctx.t("btn-cancel");
  const keyboard = new Keyboard().requestContact(share).row().text(skip).row().text(back).text(cancel).resized().oneTime();
  await ctx.reply(opts.text, { parse_mode: "HTML", reply_markup: keyboard });
  for (;;) {
    const next = await conversation.wait();
    if (next.callbackQuery) {
      await next.answerCallbackQuery({ text: ctx.t("stale-button") });
      continue;
    }
    const contact = next.message?.contact;
    const remove = { reply_markup: { remove_keyboard: true as const } };
    if (contact) {
      if (contact.user_id !== undefined && contact.user_id !== next.from?.id) {
        await next.reply(ctx.t("phone-not-yours"));
        continue;
      }
      // Foreign numbers are kept as Telegram gave them, with a "+".
      const phone = normalizePhone(contact.phone_number) ?? `+${contact.phone_number.replace(/\D/g, "")}`;
      await next.reply(ctx.t("phone-saved"), remove);
      return phone;
    }
    const text = next.message?.text?.trim();
    if (text === undefined) {
      if (next.message) await next.reply(ctx.t("flow-use-buttons"));
      continue;
    }
    if (text === cancel) return cancelFlow(conversation, ctx);
    if (text === skip) {
      await next.reply(ctx.t("phone-skipped"), remove);
      return null;
    }
    if (text === back) {
      await next.reply("↩", remove);
      return BACK;
    }
    const phone = normalizePhone(text);
    if (phone) {
      await next.reply(ctx.t("phone-saved"), remove);
      return phone;
    }
    await next.reply(ctx.t("phone-invalid"));
  }
}

/** Runs a service call once (recorded for replay) and hands back a plain result or the error code. */
export async function call<T>(
  conversation: Flow,
  task: (outside: BotContext) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; code: string; params: Record<string, string | number> }> {
  return conversation.external(async (outside) => {
    try {
      return { ok: true as const, value: await task(outside) };
    } catch (error) {
      if (isServiceError(error)) return { ok: false as const, code: error.code, params: error.params };
      throw error;
    }
  });
}

const TICK = `${PREFIX}m:`;
const EXTRA = `${PREFIX}x:`;
const TICKS_DONE = `${PREFIX}__multi_done__`;

/**
 * Tick boxes, one a row: each press ticks or unticks a choice (✓ in front);
 * `chosen` holds the ticked values and is changed in place, so the ticks
 * outlive a press of one of the `extra` buttons (one a row, under the
 * boxes). Then the `done` button when given: with nothing ticked it says
 * its `emptyText` and waits. Returns the ticked values in the list's order
 * (done), the pressed extra button's value, or BACK; ✖️ ends the flow.
 */
export async function askTicks<T extends string = string>(
  conversation: Flow,
  ctx: FlowContext,
  opts: {
    text: string;
    choices?: Choice<T>[];
    chosen?: Set<T>;
    extra?: Choice<string>[];
    done?: { label: string; emptyText: string };
    back?: boolean;
    otherPress?: OtherPress;
  },
): Promise<{ done: T[] } | { pressed: string } | Back> {
  const choices = opts.choices ?? [];
  const extras = opts.extra ?? [];
  const chosen = opts.chosen ?? new Set<T>();
  const keyboard = (): InlineKeyboard => {
    const k = new InlineKeyboard();
    // The index, not the value, goes in the button: short whatever the values are.
    choices.forEach((c, i) => k.text(chosen.has(c.value) ? `✓ ${c.label}` : c.label, `${TICK}${i}`).row());
    extras.forEach((c, i) => k.text(c.label, `${EXTRA}${i}`).row());
    if (opts.done) k.text(opts.done.label, TICKS_DONE);
    return controls(ctx, k, opts.back ?? false);
  };
  const at = (data: string, prefix: string) => (data.startsWith(prefix) ? Number(data.slice(prefix.length)) : -1);
  const sent = await ctx.reply(opts.text, { parse_mode: "HTML", reply_markup: keyboard() });
  for (;;) {
    const next = await conversation.wait();
    const data = next.callbackQuery?.data;
    if (data === undefined) {
      if (next.message) await next.reply(ctx.t("flow-use-buttons"));
      continue;
    }
    const toggled = choices[at(data, TICK)];
    const extra = extras[at(data, EXTRA)];
    const done = opts.done !== undefined && data === TICKS_DONE;
    const known = toggled !== undefined || extra !== undefined || done || data === BACK_DATA || data === CANCEL_DATA;
    if (!(await pressAccepted(ctx, next, sent, known, opts.otherPress))) continue;
    if (toggled) {
      if (chosen.has(toggled.value)) chosen.delete(toggled.value);
      else chosen.add(toggled.value);
      await next.editMessageReplyMarkup({ reply_markup: keyboard() }).catch(() => undefined);
      continue;
    }
    if (done && chosen.size === 0) {
      await next.reply(opts.done!.emptyText, { parse_mode: "HTML" });
      continue;
    }
    // Leave the question with the answer under it, like askChoice.
    const ticked = choices.filter((c) => chosen.has(c.value));
    const markup = done
      ? ticked.reduce((k, c) => k.text(`✓ ${c.label}`, "f:__done__").row(), new InlineKeyboard())
      : answeredWith(extra?.label ?? ctx.t(data === BACK_DATA ? "btn-back" : "btn-cancel"));
    await next.editMessageReplyMarkup({ reply_markup: markup }).catch(() => undefined);
    if (data === CANCEL_DATA) return cancelFlow(conversation, ctx);
    if (data === BACK_DATA) return BACK;
    if (extra) return { pressed: extra.value };
    return { done: ticked.map((c) => c.value) };
  }
}

/**
 * Several answers from one list (askTicks with "Done" and nothing else):
 * "Done" returns the ticked values in the list's order, with nothing ticked
 * says `emptyText` and waits. `selected` are ticked from the start (answers
 * kept when coming back). Returns the values or BACK.
 */
export async function askMulti<T extends string>(
  conversation: Flow,
  ctx: FlowContext,
  opts: { text: string; choices: Choice<T>[]; doneLabel: string; emptyText: string; selected?: readonly T[]; back?: boolean },
): Promise<T[] | Back> {
  const chosen = new Set<T>((opts.selected ?? []).filter((v) => opts.choices.some((c) => c.value === v)));
  const answer = await askTicks(conversation, ctx, {
    text: opts.text, choices: opts.choices, chosen, done: { label: opts.doneLabel, emptyText: opts.emptyText }, back: opts.back,
  });
  // No extra buttons: an answer is "done" or BACK.
  return answer !== BACK && "done" in answer ? answer.done : BACK;
}

/**
 * Buttons in rows that stand for typed answers (a grade: "1"…"12"), or the
 * answer typed. A pressed button's value goes through `validate` like a typed
 * one. Returns the validated value or BACK.
 */
export async function askTyped<T>(
  conversation: Flow,
  ctx: FlowContext,
  opts: { text: string; rows: Choice<string>[][]; validate: (text: string) => ValidationResult<T>; back?: boolean },
): Promise<T | Back> {
  const sent = await ctx.reply(opts.text, { parse_mode: "HTML", reply_markup: controls(ctx, choiceKeyboard(opts.rows), opts.back ?? false) });
  const labels = new Map(opts.rows.flat().map((c) => [`${PREFIX}${c.value}`, c.label]));
  for (;;) {
    const next = await conversation.wait();
    const data = next.callbackQuery?.data;
    let typed: string | undefined;
    if (data !== undefined) {
      if (!(await pressAccepted(ctx, next, sent, labels.has(data) || data === BACK_DATA || data === CANCEL_DATA))) continue;
      if (data === CANCEL_DATA || data === BACK_DATA) {
        await next.editMessageReplyMarkup({ reply_markup: answeredWith(ctx.t(data === BACK_DATA ? "btn-back" : "btn-cancel")) }).catch(() => undefined);
        if (data === CANCEL_DATA) return cancelFlow(conversation, ctx);
        return BACK;
      }
      typed = data.slice(PREFIX.length);
    } else {
      typed = next.message?.text;
      if (typed === undefined) {
        if (next.message) await next.reply(ctx.t("flow-send-text"));
        continue;
      }
    }
    const result = opts.validate(typed);
    if (!result.ok) {
      await next.reply(result.message, { parse_mode: "HTML" });
      continue;
    }
    const pressed = data === undefined ? undefined : labels.get(data);
    await ctx.api
      .editMessageReplyMarkup(sent.chat.id, sent.message_id, pressed ? { reply_markup: answeredWith(pressed) } : undefined)
      .catch(() => undefined);
    return result.value;
  }
}

/** A typed answer with "Keep: …" when one was given before; `extra` buttons answer through `onExtra`. */
export async function askKeeping<T>(
  conversation: Flow,
  ctx: FlowContext,
  opts: {
    text: string; back: boolean; keep?: { value: T; label: string }; validate: (text: string) => ValidationResult<T>;
    extra?: Choice<string>[]; onExtra?: (value: string) => T;
  },
): Promise<T | Back> {
  const keep = opts.keep ? [{ value: "keep", label: ctx.t("btn-keep", { value: shorten(opts.keep.label) }) }] : [];
  const answer = await askText(conversation, ctx, { text: opts.text, back: opts.back, extra: [...(opts.extra ?? []), ...keep], validate: opts.validate });
  if (!isExtra(answer)) return answer;
  if (answer.extra === "keep" && opts.keep) return opts.keep.value;
  return opts.onExtra!(answer.extra);
}

/** The first step of a form that applies (`skipped` says which do not). */
export function firstFormStep<S extends string>(steps: readonly S[], skipped: (step: S) => boolean): S {
  return steps.find((s) => !skipped(s)) ?? steps[0]!;
}

/** One step forward or back in a form, over the steps that do not apply; before the first, the first. */
export function moveFormStep<S extends string>(steps: readonly S[], step: S, by: 1 | -1, skipped: (step: S) => boolean): S {
  let i = steps.indexOf(step);
  do i += by;
  while (i >= 0 && i < steps.length && skipped(steps[i]!));
  return i < 0 ? firstFormStep(steps, skipped) : steps[Math.min(i, steps.length - 1)]!;
}

// ---- a question in a flow that saves as it goes ----

export type Asked<T> = { kind: "press"; value: string } | { kind: "value"; value: T } | { kind: "back" } | { kind: "stop" } | { kind: "again" };

/**
 * One question of a flow whose answers are saved one by one (a
 * self-evaluation, a report): buttons in rows, maybe a typed answer or a
 * photo (`media`). Unlike the other questions, ✖️ does not end the flow by
 * itself: the caller says the answers are kept ("stop"). The button that
 * opened this very flow (`again`) shows the question again; buttons matching
 * `leaveOn` leave the flow and do what they say; older buttons are outdated.
 */
export async function askSaving<T>(
  conversation: Flow,
  ctx: FlowContext,
  opts: {
    text: string;
    rows: Choice<string>[][];
    back: boolean;
    /** said when the person sends something the question does not take */
    notText: string;
    again: string;
    leaveOn?: RegExp;
    typed?: (text: string) => ValidationResult<T>;
    media?: (message: Message) => T | undefined;
  },
): Promise<Asked<T>> {
  const keyboard = new InlineKeyboard();
  for (const row of opts.rows) {
    for (const c of row) keyboard.text(c.label, `${PREFIX}${c.value}`);
    keyboard.row();
  }
  if (opts.back) keyboard.text(ctx.t("btn-back"), BACK_DATA);
  keyboard.text(ctx.t("btn-cancel"), CANCEL_DATA);
  const sent = await ctx.reply(opts.text, { parse_mode: "HTML", reply_markup: keyboard });
  const labels = new Map(opts.rows.flat().map((c) => [`${PREFIX}${c.value}`, c.label]));
  const answered = async (label?: string) =>
    ctx.api
      .editMessageReplyMarkup(sent.chat.id, sent.message_id, label ? { reply_markup: new InlineKeyboard().text(`✓ ${label}`, `${PREFIX}__done__`) } : undefined)
      .catch(() => undefined);
  for (;;) {
    const next = await conversation.wait();
    const data = next.callbackQuery?.data;
    if (data !== undefined) {
      if (data === opts.again) {
        await next.answerCallbackQuery();
        await answered();
        return { kind: "again" };
      }
      if (opts.leaveOn?.test(data)) {
        await answered();
        return conversation.halt({ next: true });
      }
      const known = labels.has(data) || data === CANCEL_DATA || (opts.back && data === BACK_DATA);
      if (next.callbackQuery?.message?.message_id !== sent.message_id || !known) {
        await next.answerCallbackQuery({ text: ctx.t("stale-button") });
        continue;
      }
      await next.answerCallbackQuery();
      if (data === CANCEL_DATA) {
        await answered(ctx.t("btn-cancel"));
        return { kind: "stop" };
      }
      if (data === BACK_DATA) {
        await answered(ctx.t("btn-back"));
        return { kind: "back" };
      }
      await answered(labels.get(data));
      return { kind: "press", value: data.slice(PREFIX.length) };
    }
    const message = next.message;
    if (!message) continue;
    if (message.text !== undefined && opts.typed) {
      const result = opts.typed(message.text);
      if (result.ok) {
        await answered();
        return { kind: "value", value: result.value };
      }
      await next.reply(result.message, { parse_mode: "HTML" });
      continue;
    }
    const taken = opts.media?.(message);
    if (taken !== undefined) {
      await answered();
      return { kind: "value", value: taken };
    }
    await next.reply(opts.notText, { parse_mode: "HTML" });
  }
}
