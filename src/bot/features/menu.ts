// /menu: only the actions the person's roles allow (the buttons mirror the
// permission rules; the services check again).
import { Composer, InlineKeyboard } from "grammy";
import { actionsAnywhere, isAdmin } from "../../domain/permissions.ts";
import type { BotContext } from "../context.ts";

export function menuKeyboard(ctx: BotContext): InlineKeyboard {
  const allowed = actionsAnywhere(ctx.person.actor);
  const keyboard = new InlineKeyboard();
  const isMember = ctx.person.actor.roles.length > 0 || isAdmin(ctx.person.actor);
  if (isMember) keyboard.text(ctx.t("btn-my-units"), "mu").row();
  if (isMember) keyboard.text(ctx.t("btn-piggy"), "pg").row();
  if (isMember) keyboard.text(ctx.t("btn-sponsor"), "sp").row();
  if (isMember) keyboard.text(ctx.t("btn-learning"), "lh").row();
  if (allowed.has("report.submit")) keyboard.text(ctx.t("btn-report-home"), "rh").row();
  if (isMember) keyboard.text(ctx.t("btn-deadlines"), "dl").row();
  if (allowed.has("unit.create_child") || allowed.has("member.manage")) keyboard.text(ctx.t("btn-manage-units"), "um").row();
  if (allowed.has("join_request.decide")) keyboard.text(ctx.t("btn-join-requests"), "jl").row();
  if (allowed.has("units.import")) keyboard.text(ctx.t("btn-import-units"), "imp").row();
  if (allowed.has("criteria.manage")) keyboard.text(ctx.t("btn-criteria-menu"), "crl").row();
  if (allowed.has("broadcast.send")) keyboard.text(ctx.t("btn-broadcast-home"), "bh").row();
  if (allowed.has("report.view")) keyboard.text(ctx.t("btn-stats-home"), "qh").row();
  if (!isMember) keyboard.text(ctx.t("btn-request-join"), "join").row();
  keyboard.text(ctx.t("btn-profile"), "me").text(ctx.t("btn-help"), "help").row();
  keyboard.text(ctx.t("btn-language"), "lang");
  return keyboard;
}

export async function sendMenu(ctx: BotContext, headerKey = "menu-title"): Promise<void> {
  const name = ctx.person.fullName ?? ctx.from?.first_name ?? "";
  await ctx.reply(ctx.t(headerKey, { name }), { parse_mode: "HTML", reply_markup: menuKeyboard(ctx) });
}

export function menuFeature() {
  const feature = new Composer<BotContext>();
  feature.command("menu", (ctx) => sendMenu(ctx));
  feature.callbackQuery("menu", async (ctx) => {
    await ctx.answerCallbackQuery();
    await sendMenu(ctx);
  });
  return feature;
}
