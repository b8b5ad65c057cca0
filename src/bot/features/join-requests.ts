// Join requests waiting for a coordinator: the list (/requests) and the
// Approve / Reject buttons (also on the notification each coordinator got).
import { Composer, InlineKeyboard } from "grammy";
import { actionsAnywhere } from "../../domain/permissions.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml } from "../format.ts";
import type { Notifier } from "../notify.ts";
import type { CommandSync } from "../commands.ts";

async function listRequests(ctx: BotContext): Promise<void> {
  if (!actionsAnywhere(ctx.person.actor).has("join_request.decide")) {
    await ctx.reply(ctx.t("errors-forbidden-coordinators"));
    return;
  }
  const pending = await ctx.services.joinRequests.listPendingRequests(ctx.person);
  if (pending.length === 0) {
    await ctx.reply(ctx.t("requests-none"), { reply_markup: new InlineKeyboard().text(ctx.t("btn-menu"), "menu") });
    return;
  }
  for (const r of pending) {
    await ctx.reply(
      ctx.t("request-incoming", { name: escapeHtml(r.fullName), unit: escapeHtml(r.unitName), phone: r.phone ?? ctx.t("phone-none") }),
      { parse_mode: "HTML", reply_markup: new InlineKeyboard().text(ctx.t("btn-approve"), `ja:${r.id}`).text(ctx.t("btn-reject"), `jx:${r.id}`) },
    );
  }
}

export function joinRequestsFeature(notifier: Notifier, commands: CommandSync) {
  const feature = new Composer<BotContext>();
  feature.command("requests", listRequests);
  feature.callbackQuery("jl", async (ctx) => {
    await ctx.answerCallbackQuery();
    await listRequests(ctx);
  });
  feature.callbackQuery(/^j([ax]):(\d{1,9})$/, async (ctx) => {
    const approve = ctx.match[1] === "a";
    const decided = await ctx.services.joinRequests.decideJoinRequest(ctx.person, Number(ctx.match[2]), approve);
    await ctx.answerCallbackQuery({ text: ctx.t(approve ? "request-approved-short" : "request-rejected-short") });
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await ctx.reply(
      ctx.t(approve ? "request-approved-by-you" : "request-rejected-by-you", { name: escapeHtml(decided.fullName), unit: escapeHtml(decided.unitName) }),
      { parse_mode: "HTML" },
    );
    await notifier.joinDecided(decided);
    if (approve) await commands.syncFor(decided.telegramId, decided.language);
  });
  return feature;
}
