// Telegram reports when a person blocks or unblocks the bot (my_chat_member):
// remember it, so that notifications and broadcasts skip people we cannot reach.
import { Composer } from "grammy";
import type { BotContext } from "../context.ts";

export function presenceFeature() {
  const feature = new Composer<BotContext>();
  feature.on("my_chat_member", async (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    await ctx.services.members.setReachable(ctx.myChatMember.from.id, status !== "kicked" && status !== "left");
  });
  return feature;
}
