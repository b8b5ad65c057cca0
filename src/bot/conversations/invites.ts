// Creating an invite: role → how many people may use it → how long it is
// valid → confirm. The result is the link to forward to volunteers.
import { assignableRoles, type Role } from "../../domain/permissions.ts";
import { formatDateTime } from "../../domain/dates.ts";
import type { Services } from "../../services/index.ts";
import type { Flow, FlowContext } from "../context.ts";
import { escapeHtml, inviteLink, roleLabel } from "../format.ts";
import { BACK, askChoice, call } from "./kit.ts";

export const INVITE_CREATE = "invite-create";

const USES = ["1", "10", "50", "0"] as const; // 0: unlimited
const DAYS = ["1", "7", "30", "0"] as const; // 0: never expires

export function inviteCreate(services: Services) {
  return async function (conversation: Flow, ctx: FlowContext, unitId: number): Promise<void> {
    const loaded = await call(conversation, async ({ person, me }) => {
      const unit = await services.units.viewUnit(person, unitId);
      return { unit, roles: assignableRoles(person.actor, unit), botUsername: me.username };
    });
    if (!loaded.ok) {
      await ctx.reply(ctx.t(`errors-${loaded.code}`, loaded.params));
      return;
    }
    const { unit, roles } = loaded.value;
    if (roles.length === 0 || unit.retired) {
      await ctx.reply(ctx.t("errors-forbidden"));
      return;
    }
    let step = 0;
    let role: Role = "MEMBER";
    let uses: string = "1";
    let days: string = "7";
    for (;;) {
      if (step === 0) {
        const answer = await askChoice(conversation, ctx, {
          text: ctx.t("invite-ask-role", { unit: escapeHtml(unit.name) }),
          rows: roles.map((r) => [{ value: r, label: roleLabel(ctx.t, r) }]),
        });
        if (answer === BACK) continue;
        role = answer;
        step = 1;
      } else if (step === 1) {
        const answer = await askChoice(conversation, ctx, {
          text: ctx.t("invite-ask-uses"),
          rows: [USES.map((u) => ({ value: u, label: u === "0" ? ctx.t("invite-uses-unlimited") : ctx.t("invite-uses-n", { n: Number(u) }) }))],
          back: true,
        });
        if (answer === BACK) step = 0;
        else {
          uses = answer;
          step = 2;
        }
      } else if (step === 2) {
        const answer = await askChoice(conversation, ctx, {
          text: ctx.t("invite-ask-expiry"),
          rows: [DAYS.map((d) => ({ value: d, label: d === "0" ? ctx.t("invite-expiry-never") : ctx.t("invite-expiry-days", { n: Number(d) }) }))],
          back: true,
        });
        if (answer === BACK) step = 1;
        else {
          days = answer;
          step = 3;
        }
      } else {
        const confirm = await askChoice(conversation, ctx, {
          text: ctx.t("invite-confirm", {
            unit: escapeHtml(unit.name), role: roleLabel(ctx.t, role),
            uses: uses === "0" ? ctx.t("invite-uses-unlimited") : ctx.t("invite-uses-n", { n: Number(uses) }),
            expiry: days === "0" ? ctx.t("invite-expiry-never") : ctx.t("invite-expiry-days", { n: Number(days) }),
          }),
          rows: [[{ value: "yes", label: ctx.t("btn-create-invite") }]],
          back: true,
        });
        if (confirm === BACK) {
          step = 2;
          continue;
        }
        const created = await call(conversation, ({ person, services: s }) =>
          s.invites.createInvite(person, {
            unitId, role, maxUses: uses === "0" ? null : Number(uses),
            expiresAt: days === "0" ? null : new Date(s.deps.now().getTime() + Number(days) * 86_400_000),
          }),
        );
        if (!created.ok) {
          await ctx.reply(ctx.t(`errors-${created.code}`, created.params));
          return;
        }
        const invite = created.value;
        await ctx.reply(
          ctx.t("invite-created", {
            unit: escapeHtml(unit.name), role: roleLabel(ctx.t, role),
            link: inviteLink(loaded.value.botUsername, invite.code),
            expiry: invite.expiresAt ? formatDateTime(new Date(invite.expiresAt)) : ctx.t("invite-expiry-never"),
          }),
          { parse_mode: "HTML", link_preview_options: { is_disabled: true } },
        );
        return;
      }
    }
  };
}
