// Cross-cutting middleware: a child logger per update, the person behind the
// update, commands that always win over an unfinished flow, and the error
// boundary that turns any failure into a short apology (never a crash).
import { ALL_COMMANDS } from "../command-names.ts";
import { BotError, GrammyError, type ErrorHandler, type MiddlewareFn, type NextFunction } from "grammy";
import type { Logger } from "pino";
import { isServiceError } from "../../services/errors.ts";
import type { BaseContext, BotContext } from "../context.ts";
import { translator } from "../i18n.ts";
import type { I18n } from "@grammyjs/i18n";

export function logPerUpdate(log: Logger): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.log = log.child({ update_id: ctx.update.update_id });
    const started = performance.now();
    await next();
    ctx.log.debug({ ms: Math.round(performance.now() - started) }, "update handled");
  };
}

export const loadPerson: MiddlewareFn<BotContext> = async (ctx, next) => {
  if (!ctx.from) return;
  ctx.person = await ctx.services.access.loadPerson(ctx.from.id);
  await next();
};

/** Conversations whose answers are saved one by one (by name). */
const SAVES_AS_IT_GOES = new Set(["learning-evaluate", "report-fill"]);

/** A command (any of the bot's) leaves an unfinished flow first: most flows saved nothing yet. */
export async function flowsYieldToCommands(ctx: BotContext, next: NextFunction): Promise<void> {
  const text = ctx.message?.text;
  const command = text?.startsWith("/") ? text.slice(1).split(/[\s@]/, 1)[0]?.toLowerCase() : undefined;
  if (command && ALL_COMMANDS.has(command)) {
    const flows = Object.keys(ctx.conversation.active());
    const active = flows.length > 0;
    if (active) await ctx.conversation.exitAll();
    if (command === "cancel") {
      // Flows that save as they go (a self-evaluation, answer by answer) keep what was answered.
      const key = !active ? "cancel-nothing" : flows.some((f) => SAVES_AS_IT_GOES.has(f)) ? "flow-stopped-kept" : "flow-cancelled";
      await ctx.reply(ctx.t(key), { reply_markup: { remove_keyboard: true } });
      return;
    }
  }
  await next();
}

export function handleError(log: Logger, i18n: I18n<BaseContext>): ErrorHandler<BotContext> {
  return async (err: BotError<BotContext>) => {
    const ctx = err.ctx;
    const error = err.error;
    const t = typeof ctx.t === "function" ? ctx.t : translator(i18n, null);
    if (isServiceError(error)) {
      // Expected refusals (no permission, already decided…): say why, briefly.
      const text = t(`errors-${error.code}`, error.params);
      // A handler may have answered the press already (Telegram refuses a second
      // answer): then the reason goes into the chat, or the person never reads it.
      const alerted = ctx.callbackQuery
        ? await ctx.answerCallbackQuery({ text: shortAlert(text), show_alert: true }).then(() => true, () => false)
        : false;
      if (!alerted) await ctx.reply(text).catch(() => undefined);
      return;
    }
    (ctx.log ?? log).error({ err: describe(error), update_id: ctx.update.update_id }, "update failed");
    const answered = ctx.callbackQuery
      ? await ctx.answerCallbackQuery({ text: shortAlert(t("errors-internal")) }).then(() => true, () => false)
      : false;
    if (!answered && ctx.chat) await ctx.reply(t("errors-internal")).catch(() => undefined);
  };
}

function shortAlert(text: string): string {
  return text.length <= 190 ? text : `${text.slice(0, 189)}…`;
}

/** Errors as loggable objects that never carry the bot token (it is in API URLs). */
export function describe(error: unknown): Record<string, unknown> {
  if (error instanceof GrammyError) return { name: "GrammyError", method: error.method, code: error.error_code, description: error.description };
  if (error instanceof Error) return { name: error.name, message: redact(error.message), stack: redact(error.stack ?? "") };
  return { value: redact(String(error)) };
}

export function redact(text: string): string {
  return text.replace(/\d{5,}:[A-Za-z0-9_-]{30,}/g, "<token>");
}
