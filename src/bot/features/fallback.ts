// Last in line: anything no feature understood gets a short, helpful answer,
// and any button nobody handles (old, forged, from a finished flow) is
// answered so the phone stops spinning.
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.ts";

export function fallbackFeature() {
  const feature = new Composer<BotContext>();
  feature.on("callback_query", async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t("stale-button") });
  });
  feature.on("message", async (ctx) => {
    const isCommand = ctx.message.text?.startsWith("/") ?? false;
    await ctx.reply(ctx.t(isCommand ? "unknown-command" : "unknown-message"), {
      reply_markup: new InlineKeyboard().text(ctx.t("btn-menu"), "menu").text(ctx.t("btn-help"), "help"),
    });
  });
  return feature;
}
