// A unit's members: list, a member's card, change their role, remove them
// (with a confirmation). The person concerned is told.
import { Composer, InlineKeyboard } from "grammy";
import { ROLES, type Role } from "../../domain/permissions.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml, roleLabel, shorten } from "../format.ts";
import type { Notifier } from "../notify.ts";
import type { CommandSync } from "../commands.ts";

const PAGE = 10;

async function showMembers(ctx: BotContext, unitId: number, page: number): Promise<void> {
  const unit = await ctx.services.units.viewUnit(ctx.person, unitId);
  const members = await ctx.services.members.listMembers(ctx.person, unitId);
  const slice = members.slice(page * PAGE, page * PAGE + PAGE);
  const k = new InlineKeyboard();
  for (const m of slice) k.text(shorten(`${m.fullName} · ${roleLabel(ctx.t, m.role)}`, 48), `mb:${m.membershipId}`).row();
  if (page > 0) k.text("◀", `ul:${unitId}:${page - 1}`);
  if ((page + 1) * PAGE < members.length) k.text("▶", `ul:${unitId}:${page + 1}`);
  k.row().text(ctx.t("btn-unit-back"), `u:${unitId}`);
  const text = members.length === 0 ? ctx.t("members-none", { unit: escapeHtml(unit.name) }) : ctx.t("members-title", { unit: escapeHtml(unit.name), count: members.length });
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: k });
}

async function showMember(ctx: BotContext, membershipId: number): Promise<void> {
  const m = await ctx.services.members.getMembership(ctx.person, membershipId);
  const k = new InlineKeyboard();
  if (!m.isSelf && m.assignable.includes(m.role)) {
    for (const role of m.assignable.filter((r) => r !== m.role)) k.text(ctx.t("btn-make-role", { role: roleLabel(ctx.t, role) }), `mr:${m.membershipId}:${role}`).row();
    k.text(ctx.t("btn-remove-member"), `mx:${m.membershipId}`).row();
  }
  k.text(ctx.t("btn-members-back"), `ul:${m.unitId}:0`);
  await ctx.reply(
    ctx.t("member-card", { name: escapeHtml(m.fullName), role: roleLabel(ctx.t, m.role), unit: escapeHtml(m.unitName), phone: m.phone ?? ctx.t("phone-none") }),
    { parse_mode: "HTML", reply_markup: k },
  );
}

export function membersFeature(notifier: Notifier, commands: CommandSync) {
  const feature = new Composer<BotContext>();
  feature.callbackQuery(/^ul:(\d{1,9}):(\d{1,4})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showMembers(ctx, Number(ctx.match[1]), Number(ctx.match[2]));
  });
  feature.callbackQuery(/^mb:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showMember(ctx, Number(ctx.match[1]));
  });
  feature.callbackQuery(/^mr:(\d{1,9}):([A-Z]{5,11})$/, async (ctx) => {
    const role = ctx.match[2] as Role;
    if (!ROLES.includes(role)) {
      await ctx.answerCallbackQuery({ text: ctx.t("stale-button") });
      return;
    }
    const change = await ctx.services.members.changeRole(ctx.person, Number(ctx.match[1]), role);
    await ctx.answerCallbackQuery({ text: ctx.t("member-role-changed") });
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await ctx.reply(ctx.t("member-role-changed-done", { name: escapeHtml(change.fullName), role: roleLabel(ctx.t, role) }), { parse_mode: "HTML" });
    await notifier.roleChanged(change);
    await commands.syncFor(change.telegramId, change.language);
  });
  feature.callbackQuery(/^mx:(\d{1,9})$/, async (ctx) => {
    const m = await ctx.services.members.getMembership(ctx.person, Number(ctx.match[1]));
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("member-remove-confirm", { name: escapeHtml(m.fullName), unit: escapeHtml(m.unitName) }), {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard().text(ctx.t("btn-remove-member-yes"), `mxy:${m.membershipId}`).text(ctx.t("btn-cancel"), `mb:${m.membershipId}`),
    });
  });
  feature.callbackQuery(/^mxy:(\d{1,9})$/, async (ctx) => {
    const change = await ctx.services.members.removeMember(ctx.person, Number(ctx.match[1]));
    await ctx.answerCallbackQuery({ text: ctx.t("member-removed") });
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await ctx.reply(ctx.t("member-removed-done", { name: escapeHtml(change.fullName), unit: escapeHtml(change.unitName) }), { parse_mode: "HTML" });
    await notifier.removed(change);
    await commands.syncFor(change.telegramId, change.language);
  });
  return feature;
}
