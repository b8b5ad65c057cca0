// Small habits every feature shares: the person's language for formatting
// figures, and a refusal of the services said in the chat rather than
// thrown (a forged or outdated button, a case not found, no permission).
import type { BotContext } from "../context.ts";
import { DEFAULT_LOCALE, toLocale, type Locale } from "../i18n.ts";
import { isServiceError, type ServiceError } from "../../services/errors.ts";

export async function localeOf(ctx: BotContext): Promise<Locale> {
  return toLocale(await ctx.i18n.getLocale()) ?? DEFAULT_LOCALE;
}

/** Runs what a press or a command asked; a ServiceError goes to `onRefusal`, anything else up to the error boundary. */
export async function politely(ctx: BotContext, task: () => Promise<void>, onRefusal: (error: ServiceError) => Promise<unknown>): Promise<void> {
  try {
    await task();
  } catch (error) {
    if (!isServiceError(error)) throw error;
    await onRefusal(error);
  }
}
