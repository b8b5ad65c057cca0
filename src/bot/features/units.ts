// Browsing the unit tree and the unit card: what a unit is, and the actions
// the person may take on it (create under it, rename, move, merge, invites,
// members). The flows themselves live in conversations/units.ts.
import { Composer, InlineKeyboard } from "grammy";
import { actionsAnywhere, can } from "../../domain/permissions.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml, kindLabel, shorten, unitLabel } from "../format.ts";
import { UNIT_CREATE, UNIT_MERGE, UNIT_MOVE, UNIT_RENAME } from "../conversations/units.ts";

const PAGE = 8;

export async function showUnit(ctx: BotContext, unitId: number): Promise<void> {
  const unit = await ctx.services.units.viewUnit(ctx.person, unitId);
  const actor = ctx.person.actor;
  const k = new InlineKeyboard();
  if (unit.childCount > 0) k.text(ctx.t("btn-unit-children", { count: unit.childCount }), `uc:${unit.id}:0`).row();
  if (!unit.retired) {
    if (can(actor, "unit.create_child", unit)) k.text(ctx.t("btn-unit-add-child"), `ua:${unit.id}`).row();
    if (can(actor, "member.list", unit)) k.text(ctx.t("btn-unit-members"), `ul:${unit.id}:0`);
    if (can(actor, "invite.manage", unit)) k.text(ctx.t("btn-unit-invites"), `ui:${unit.id}`);
    k.row();
    if (can(actor, "unit.rename", unit)) k.text(ctx.t("btn-unit-rename"), `ur:${unit.id}`);
    if (can(actor, "unit.move", unit)) k.text(ctx.t("btn-unit-move"), `uv:${unit.id}`);
    if (can(actor, "unit.merge", unit)) k.text(ctx.t("btn-unit-merge"), `ug:${unit.id}`);
    k.row();
  }
  if (unit.parentId !== null && can(actor, "unit.view", { id: unit.parentId, path: unit.path.replace(/\d+\/$/, "") })) {
    k.text(ctx.t("btn-unit-up"), `u:${unit.parentId}`);
  }
  k.text(ctx.t("btn-menu"), "menu");
  const text = ctx.t("unit-card", {
    name: escapeHtml(unit.name), kind: kindLabel(ctx.t, unit.kind), parent: unit.parentName ? escapeHtml(unit.parentName) : "-",
    code: unit.code ?? "-", children: unit.childCount, members: unit.memberCount,
  });
  const retired = unit.retired ? `\n${ctx.t("unit-retired", { into: escapeHtml(unit.mergedIntoName ?? "-") })}` : "";
  await ctx.reply(text + retired, { parse_mode: "HTML", reply_markup: k });
}

async function showUnitList(ctx: BotContext, titleKey: string, units: { id: number; name: string; parentName: string | null; kind: string }[]) {
  if (units.length === 0) {
    await ctx.reply(ctx.t("units-none"), { reply_markup: new InlineKeyboard().text(ctx.t("btn-menu"), "menu") });
    return;
  }
  const k = new InlineKeyboard();
  for (const u of units) k.text(shorten(unitLabel(u), 48), `u:${u.id}`).row();
  k.text(ctx.t("btn-menu"), "menu");
  await ctx.reply(ctx.t(titleKey), { reply_markup: k });
}

export function unitsFeature() {
  const feature = new Composer<BotContext>();

  const myUnits = async (ctx: BotContext) => {
    const profile = await ctx.services.members.getProfile(ctx.person.telegramId);
    const units = (profile?.memberships ?? []).map((m) => ({ id: m.unitId, name: m.unitName, parentName: m.parentName, kind: m.unitKind }));
    await showUnitList(ctx, "units-mine", units);
  };
  const managed = async (ctx: BotContext) => {
    if (!actionsAnywhere(ctx.person.actor).has("unit.create_child")) {
      await ctx.reply(ctx.t("errors-forbidden-coordinators"));
      return;
    }
    await showUnitList(ctx, "units-managed", await ctx.services.units.managedRoots(ctx.person));
  };

  feature.callbackQuery("mu", async (ctx) => {
    await ctx.answerCallbackQuery();
    await myUnits(ctx);
  });
  feature.command("units", managed);
  feature.callbackQuery("um", async (ctx) => {
    await ctx.answerCallbackQuery();
    await managed(ctx);
  });

  feature.callbackQuery(/^u:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showUnit(ctx, Number(ctx.match[1]));
  });

  feature.callbackQuery(/^uc:(\d{1,9}):(\d{1,4})$/, async (ctx) => {
    const unitId = Number(ctx.match[1]);
    const page = Number(ctx.match[2]);
    const children = await ctx.services.units.listChildren(ctx.person, unitId);
    await ctx.answerCallbackQuery();
    const slice = children.slice(page * PAGE, page * PAGE + PAGE);
    const k = new InlineKeyboard();
    for (const c of slice) k.text(shorten(`${c.name} · ${kindLabel(ctx.t, c.kind)}`, 48), `u:${c.id}`).row();
    if (page > 0) k.text("◀", `uc:${unitId}:${page - 1}`);
    if ((page + 1) * PAGE < children.length) k.text("▶", `uc:${unitId}:${page + 1}`);
    k.row().text(ctx.t("btn-unit-back"), `u:${unitId}`);
    const text = ctx.t("units-children", { count: children.length, page: page + 1, pages: Math.max(1, Math.ceil(children.length / PAGE)) });
    await ctx.reply(text, { reply_markup: k });
  });

  const flows: [RegExp, string][] = [
    [/^ua:(\d{1,9})$/, UNIT_CREATE],
    [/^ur:(\d{1,9})$/, UNIT_RENAME],
    [/^uv:(\d{1,9})$/, UNIT_MOVE],
    [/^ug:(\d{1,9})$/, UNIT_MERGE],
  ];
  for (const [pattern, flow] of flows) {
    feature.callbackQuery(pattern, async (ctx) => {
      await ctx.answerCallbackQuery();
      await ctx.conversation.enter(flow, Number(ctx.match[1]));
    });
  }
  return feature;
}
