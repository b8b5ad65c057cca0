// /me (my units and roles), /help (what I can do here), /lang (Tiếng Việt or English).
import { Composer, InlineKeyboard } from "grammy";
import { actionsAnywhere, isAdmin } from "../../domain/permissions.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml, kindLabel, roleLabel } from "../format.ts";
import type { CommandSync } from "../commands.ts";
import { LOCALES, type Locale } from "../i18n.ts";

async function showProfile(ctx: BotContext): Promise<void> {
  const profile = await ctx.services.members.getProfile(ctx.person.telegramId);
  if (!profile && isAdmin(ctx.person.actor)) {
    // An administrator from ADMIN_TELEGRAM_IDS needs no membership.
    const name = [ctx.from?.first_name, ctx.from?.last_name].filter(Boolean).join(" ");
    await ctx.reply(ctx.t("me-card", { name: escapeHtml(name), phone: ctx.t("phone-none"), memberships: ctx.t("me-admin") }), {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard().text(ctx.t("btn-menu"), "menu"),
    });
    return;
  }
  if (!profile || (profile.memberships.length === 0 && !isAdmin(ctx.person.actor))) {
    await ctx.reply(ctx.t("me-not-member"), { reply_markup: new InlineKeyboard().text(ctx.t("btn-request-join"), "join") });
    return;
  }
  const lines = profile.memberships.map((m) =>
    ctx.t("me-membership", {
      unit: escapeHtml(m.unitName), kind: kindLabel(ctx.t, m.unitKind), role: roleLabel(ctx.t, m.role),
      parent: m.parentName ? escapeHtml(m.parentName) : "-",
    }),
  );
  if (ctx.app.adminTelegramIds.includes(ctx.person.telegramId)) lines.push(ctx.t("me-admin"));
  await ctx.reply(
    ctx.t("me-card", {
      name: escapeHtml(profile.fullName), phone: profile.phone ?? ctx.t("phone-none"), memberships: lines.join("\n"),
    }),
    { parse_mode: "HTML", reply_markup: new InlineKeyboard().text(ctx.t("btn-menu"), "menu") },
  );
}

async function showHelp(ctx: BotContext): Promise<void> {
  const allowed = actionsAnywhere(ctx.person.actor);
  const parts = [ctx.t("help-common")];
  if (ctx.person.actor.roles.length === 0 && !isAdmin(ctx.person.actor)) parts.push(ctx.t("help-newcomer"));
  else parts.push(`${ctx.t("help-member")}\n${ctx.t("help-sponsor")}\n${ctx.t("help-learning")}`);
  if (allowed.has("learning.review")) parts.push(ctx.t("help-learning-reporter"));
  if (allowed.has("unit.create_child")) parts.push(`${ctx.t("help-coordinator")}\n${ctx.t("help-sponsor-coordinator")}`);
  if (allowed.has("broadcast.send")) parts.push(ctx.t("help-broadcast"));
  if (allowed.has("report.view")) parts.push(ctx.t("help-stats"));
  if (allowed.has("units.import")) parts.push(`${ctx.t("help-admin")}\n${ctx.t("help-sponsor-admin")}`);
  await ctx.reply(parts.join("\n\n"), { parse_mode: "HTML", reply_markup: new InlineKeyboard().text(ctx.t("btn-menu"), "menu") });
}

async function askLanguage(ctx: BotContext): Promise<void> {
  await ctx.reply(ctx.t("lang-choose"), {
    reply_markup: new InlineKeyboard().text(ctx.t("lang-name-vi"), "lang:vi").text(ctx.t("lang-name-en"), "lang:en"),
  });
}

export function profileFeature(commands: CommandSync) {
  const feature = new Composer<BotContext>();
  feature.command("me", showProfile);
  feature.command("help", showHelp);
  feature.command("lang", askLanguage);
  feature.callbackQuery("me", async (ctx) => {
    await ctx.answerCallbackQuery();
    await showProfile(ctx);
  });
  feature.callbackQuery("help", async (ctx) => {
    await ctx.answerCallbackQuery();
    await showHelp(ctx);
  });
  feature.callbackQuery("lang", async (ctx) => {
    await ctx.answerCallbackQuery();
    await askLanguage(ctx);
  });
  feature.callbackQuery(/^lang:(vi|en)$/, async (ctx) => {
    const locale = ctx.match[1] as Locale;
    if (!LOCALES.includes(locale)) return;
    await ctx.i18n.setLocale(locale);
    await ctx.services.members.setLanguage(ctx.person.telegramId, locale);
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await ctx.reply(ctx.t("lang-set"));
    if (ctx.person.memberId !== null) await commands.syncFor(ctx.person.telegramId, locale);
  });
  return feature;
}
