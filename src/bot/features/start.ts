// /start: with an invite code → the join flow; without → members get their
// menu, newcomers learn what the bot is and can ask to join a unit.
import { Composer, InlineKeyboard } from "grammy";
import { isAdmin } from "../../domain/permissions.ts";
import type { BotContext } from "../context.ts";
import { JOIN_BY_INVITE, JOIN_BY_REQUEST } from "../conversations/join.ts";
import type { CommandSync } from "../commands.ts";
import { sendMenu } from "./menu.ts";

export function startFeature(commands: CommandSync) {
  const feature = new Composer<BotContext>();

  feature.command("start", async (ctx) => {
    const payload = ctx.match.trim();
    if (payload) {
      await ctx.conversation.enter(JOIN_BY_INVITE, payload.slice(0, 64));
      return;
    }
    if (ctx.person.actor.roles.length > 0 || isAdmin(ctx.person.actor)) {
      await commands.syncFor(ctx.person.telegramId, await ctx.i18n.getLocale());
      await sendMenu(ctx, "start-welcome-back");
      return;
    }
    await ctx.reply(ctx.t("start-intro"), {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard().text(ctx.t("btn-request-join"), "join").row().text(ctx.t("btn-language"), "lang"),
    });
  });

  feature.callbackQuery("join", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(JOIN_BY_REQUEST);
  });

  return feature;
}
