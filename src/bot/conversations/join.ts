// Joining: with an invite code (the link a coordinator sent), or by asking a
// unit found by name. Name → phone (optional) → confirm; back at every step,
// cancel anywhere, nothing saved before the confirmation.
import { validatePersonName } from "../../domain/text.ts";
import type { Services } from "../../services/index.ts";
import type { JoinRequestView, Recipient } from "../../services/join-requests.ts";
import type { BotContext, Flow, FlowContext } from "../context.ts";
import { escapeHtml, kindLabel, roleLabel, unitLabel, shorten } from "../format.ts";
import { BACK, askChoice, askPhone, askText, call, isExtra } from "./kit.ts";

export const JOIN_BY_INVITE = "join-by-invite";
export const JOIN_BY_REQUEST = "join-by-request";

interface Details {
  fullName: string;
  phone: string | null;
}

/** Asks name and phone; returns null when the person went back past the first step. */
async function askDetails(conversation: Flow, ctx: FlowContext, suggestedName: string): Promise<Details | null> {
  let step: "name" | "phone" = "name";
  let fullName = "";
  for (;;) {
    if (step === "name") {
      const answer = await askText(conversation, ctx, {
        text: ctx.t("join-ask-name"),
        back: true,
        extra: suggestedName && validatePersonName(suggestedName).ok ? [{ value: "tg", label: shorten(suggestedName, 30) }] : [],
        validate: (text) => {
          const r = validatePersonName(text);
          return r.ok ? { ok: true, value: r.value } : { ok: false, message: ctx.t(`name-error-${r.error}`) };
        },
      });
      if (answer === BACK) return null;
      fullName = isExtra(answer) ? (validatePersonName(suggestedName) as { value: string }).value : answer;
      step = "phone";
    } else {
      const phone = await askPhone(conversation, ctx, { text: ctx.t("join-ask-phone") });
      if (phone === BACK) {
        step = "name";
        continue;
      }
      return { fullName, phone };
    }
  }
}

function telegramName(ctx: FlowContext): string {
  return [ctx.from?.first_name, ctx.from?.last_name].filter(Boolean).join(" ");
}

/** What happens once someone joined: their menu, and their command list if their role is wider. */
export type AfterJoin = (outside: BotContext) => Promise<void>;

export function joinByInvite(services: Services, afterJoin: AfterJoin) {
  return async function (conversation: Flow, ctx: FlowContext, code: string): Promise<void> {
    const inspected = await call(conversation, () => services.invites.inspectInvite(code));
    if (!inspected.ok || inspected.value.status !== "ok") {
      const status = inspected.ok ? inspected.value.status : "unknown";
      await ctx.reply(ctx.t(`invite-status-${status}`));
      return;
    }
    const invite = inspected.value.invite;
    await ctx.reply(
      ctx.t("join-invite-welcome", {
        unit: escapeHtml(invite.unitName), kind: kindLabel(ctx.t, invite.unitKind), role: roleLabel(ctx.t, invite.role),
      }),
      { parse_mode: "HTML" },
    );
    for (;;) {
      const details = await askDetails(conversation, ctx, telegramName(ctx));
      if (!details) {
        await ctx.reply(ctx.t("flow-cancelled"));
        return;
      }
      const confirm = await askChoice(conversation, ctx, {
        text: ctx.t("join-confirm", {
          name: escapeHtml(details.fullName), phone: details.phone ?? ctx.t("phone-none"),
          unit: escapeHtml(invite.unitName), role: roleLabel(ctx.t, invite.role),
        }),
        rows: [[{ value: "yes", label: ctx.t("btn-confirm-join") }]],
        back: true,
      });
      if (confirm === BACK) continue;
      const joined = await call(conversation, () =>
        services.invites.acceptInvite(code, {
          telegramId: ctx.from?.id ?? 0, fullName: details.fullName, phone: details.phone, language: ctx.locale,
        }),
      );
      if (!joined.ok) {
        await ctx.reply(ctx.t(`errors-${joined.code}`, joined.params));
        return;
      }
      await ctx.reply(ctx.t("join-done", { unit: escapeHtml(invite.unitName), role: roleLabel(ctx.t, invite.role) }), {
        parse_mode: "HTML",
      });
      await conversation.external((outside) => afterJoin(outside));
      return;
    }
  };
}

export function joinByRequest(services: Services, notify: (created: { request: JoinRequestView; notify: Recipient[] }) => Promise<void>) {
  return async function (conversation: Flow, ctx: FlowContext): Promise<void> {
    let unit: { id: number; name: string } | null = null;
    while (unit === null) {
      const query = await askText(conversation, ctx, {
        text: ctx.t("request-ask-search"),
        validate: (text) => (text.trim().length >= 2 ? { ok: true, value: text.trim() } : { ok: false, message: ctx.t("request-search-short") }),
      });
      if (query === BACK || isExtra(query)) continue;
      const found = await call(conversation, () => services.units.searchUnits(query, 8));
      const units = found.ok ? found.value : [];
      if (units.length === 0) {
        await ctx.reply(ctx.t("request-search-none", { query: escapeHtml(query) }), { parse_mode: "HTML" });
        continue;
      }
      const picked = await askChoice(conversation, ctx, {
        text: ctx.t("request-pick-unit", { count: units.length }),
        rows: [...units.map((u) => [{ value: String(u.id), label: shorten(`${unitLabel(u)} · ${kindLabel(ctx.t, u.kind)}`, 60) }]), [{ value: "again", label: ctx.t("btn-search-again") }]],
      });
      if (picked === BACK || picked === "again") continue;
      const chosen = units.find((u) => String(u.id) === picked);
      if (chosen) unit = { id: chosen.id, name: chosen.name };
    }
    for (;;) {
      const details = await askDetails(conversation, ctx, telegramName(ctx));
      if (!details) {
        await ctx.reply(ctx.t("flow-cancelled"));
        return;
      }
      const confirm = await askChoice(conversation, ctx, {
        text: ctx.t("request-confirm", { name: escapeHtml(details.fullName), phone: details.phone ?? ctx.t("phone-none"), unit: escapeHtml(unit.name) }),
        rows: [[{ value: "yes", label: ctx.t("btn-send-request") }]],
        back: true,
      });
      if (confirm === BACK) continue;
      const target = unit;
      const created = await call(conversation, () =>
        services.joinRequests.createJoinRequest({
          telegramId: ctx.from?.id ?? 0, fullName: details.fullName, phone: details.phone, language: ctx.locale, unitId: target.id,
        }),
      );
      if (!created.ok) {
        await ctx.reply(ctx.t(`errors-${created.code}`, created.params));
        return;
      }
      await conversation.external(() => notify(created.value));
      await ctx.reply(ctx.t("request-sent", { unit: escapeHtml(unit.name) }), { parse_mode: "HTML" });
      return;
    }
  };
}
