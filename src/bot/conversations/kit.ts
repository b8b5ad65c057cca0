// Building blocks for every multi-step flow: ask for a choice (buttons), for
// text (validated, with a friendly retry), or for a phone number. Each step
// offers "back" and "cancel"; cancelling ends the flow with nothing saved.
// Old buttons from earlier steps are answered as outdated, never acted on.
import { InlineKeyboard, Keyboard } from "grammy";
import type { Message } from "grammy/types";
import type { BotContext, Flow, FlowContext } from "../context.ts";
import { isServiceError } from "../../services/errors.ts";
import { normalizePhone } from "../../domain/text.ts";

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

/** Buttons, one row per inner array. Returns the chosen value or BACK. */
export async function askChoice<T extends string>(
  conversation: Flow,
  ctx: FlowContext,
  opts: { text: string; rows: Choice<T>[][]; back?: boolean },
): Promise<T | Back> {
  const keyboard = new InlineKeyboard();
  for (const row of opts.rows) {
    for (const choice of row) keyboard.text(choice.label, `${PREFIX}${choice.value}`);
    keyboard.row();
  }
  const sent = await ctx.reply(opts.text, { parse_mode: "HTML", reply_markup: controls(ctx, keyboard, opts.back ?? false) });
  const labels = new Map(opts.rows.flat().map((c) => [`${PREFIX}${c.value}`, c.label]));
  for (;;) {
    const next = await conversation.wait();
    const data = next.callbackQuery?.data;
    if (data !== undefined) {
      const fresh = next.callbackQuery?.message?.message_id === sent.message_id;
      if (!fresh || !(labels.has(data) || data === BACK_DATA || data === CANCEL_DATA)) {
        await next.answerCallbackQuery({ text: ctx.t("stale-button") });
        continue;
      }
      await next.answerCallbackQuery();
      // Leave the question visible with the answer under it, so the chat reads like a filled form.
      const chosen = data === BACK_DATA ? ctx.t("btn-back") : data === CANCEL_DATA ? ctx.t("btn-cancel") : (labels.get(data) ?? "");
      await next.editMessageReplyMarkup({ reply_markup: new InlineKeyboard().text(`✓ ${chosen}`, "f:__done__") }).catch(() => undefined);
      if (data === CANCEL_DATA) return cancelFlow(conversation, ctx);
      if (data === BACK_DATA) return BACK;
      return data.slice(PREFIX.length) as T;
    }
    if (next.message) await next.reply(ctx.t("flow-use-buttons"));
  }
}

/** A typed answer, checked by `validate`; bad input gets its message and another try. */
export async function askText<T>(
  conversation: Flow,
  ctx: FlowContext,
  opts: {
    text: string;
    validate: (text: string) => ValidationResult<T>;
    back?: boolean;
    extra?: Choice<string>[];
    /** takes a message that is not text (a photo…) as the answer, when it returns a value */
    media?: (message: Message) => T | undefined;
    /** what to say to a photo, sticker… that is not taken (default: "please type") */
    notText?: string;
  },
): Promise<T | Back | { extra: string }> {
  const keyboard = new InlineKeyboard();
  for (const choice of opts.extra ?? []) keyboard.text(choice.label, `${PREFIX}${choice.value}`);
  const sent = await ctx.reply(opts.text, { parse_mode: "HTML", reply_markup: controls(ctx, keyboard, opts.back ?? false) });
  const extras = new Set((opts.extra ?? []).map((c) => `${PREFIX}${c.value}`));
  for (;;) {
    const next = await conversation.wait();
    const data = next.callbackQuery?.data;
    if (data !== undefined) {
      if (next.callbackQuery?.message?.message_id !== sent.message_id || !(data === BACK_DATA || data === CANCEL_DATA || extras.has(data))) {
        await next.answerCallbackQuery({ text: ctx.t("stale-button") });
        continue;
      }
      await next.answerCallbackQuery();
      const extra = (opts.extra ?? []).find((c) => `${PREFIX}${c.value}` === data);
      await next
        .editMessageReplyMarkup(extra ? { reply_markup: new InlineKeyboard().text(`✓ ${extra.label}`, "f:__done__") } : undefined)
        .catch(() => undefined);
      if (data === CANCEL_DATA) return cancelFlow(conversation, ctx);
      if (data === BACK_DATA) return BACK;
      return { extra: data.slice(PREFIX.length) };
    }
    const text = next.message?.text;
    if (text === undefined) {
      const taken = next.message && opts.media ? opts.media(next.message) : undefined;
      if (taken !== undefined) {
        await ctx.api.editMessageReplyMarkup(sent.chat.id, sent.message_id).catch(() => undefined);
        return taken;
      }
      if (next.message) await next.reply(opts.notText ?? ctx.t("flow-send-text"), { parse_mode: "HTML" });
      continue;
    }
    const result = opts.validate(text);
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
