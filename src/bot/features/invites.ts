// A unit's active invites with their links, and revoking one.
import { Composer, InlineKeyboard } from "grammy";
import { formatDateTime } from "../../domain/dates.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml, inviteLink, roleLabel } from "../format.ts";
import { INVITE_CREATE } from "../conversations/invites.ts";

async function showInvites(ctx: BotContext, unitId: number): Promise<void> {
  const unit = await ctx.services.units.viewUnit(ctx.person, unitId);
  const invites = await ctx.services.invites.listActiveInvites(ctx.person, unitId);
  const k = new InlineKeyboard().text(ctx.t("btn-create-invite"), `ia:${unitId}`).row();
  const lines = invites.map((i, n) => {
    k.text(ctx.t("btn-revoke-invite", { n: n + 1 }), `iv:${i.id}`);
    if (n % 2 === 1) k.row();
    return ctx.t("invite-line", {
      n: n + 1, role: roleLabel(ctx.t, i.role), link: inviteLink(ctx.me.username, i.code),
      uses: i.maxUses === null ? `${i.uses}/∞` : `${i.uses}/${i.maxUses}`,
      expiry: i.expiresAt ? formatDateTime(new Date(i.expiresAt)) : ctx.t("invite-expiry-never"),
    });
  });
  k.row().text(ctx.t("btn-unit-back"), `u:${unitId}`);
  const body = lines.length > 0 ? lines.join("\n\n") : ctx.t("invites-none");
  await ctx.reply(`${ctx.t("invites-title", { unit: escapeHtml(unit.name) })}\n\n${body}`, {
    parse_mode: "HTML",
    reply_markup: k,
    link_preview_options: { is_disabled: true },
  });
}

export function invitesFeature() {
  const feature = new Composer<BotContext>();
  feature.callbackQuery(/^ui:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showInvites(ctx, Number(ctx.match[1]));
  });
  feature.callbackQuery(/^ia:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(INVITE_CREATE, Number(ctx.match[1]));
  });
  feature.callbackQuery(/^iv:(\d{1,9})$/, async (ctx) => {
    const invite = await ctx.services.invites.revokeInvite(ctx.person, Number(ctx.match[1]));
    await ctx.answerCallbackQuery({ text: ctx.t("invite-revoked") });
    await showInvites(ctx, invite.unitId);
  });
  return feature;
}
