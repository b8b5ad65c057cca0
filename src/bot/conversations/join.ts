// Joining: with an invite code (the link a coordinator sent), or by asking a
// unit found by name. Name → phone (optional) → confirm; back at every step,
// cancel anywhere, nothing saved before the confirmation.
import { validatePersonName } from "../../domain/text.ts";
import type { Services } from "../../services/index.ts";
import type { JoinRequestView, Recipient } from "../../services/join-requests.ts";
import type { BotContext, Flow, FlowContext } from "../context.ts";
import { escapeHtml, kindLabel, roleLabel, unitLabel, shorten } from "../format.ts";
import { BACK, askChoice, askPhone, askText, call, isExtra, type Back } from "./kit.ts";

export const JOIN_BY_INVITE = "join-by-invite";
export const JOIN_BY_REQUEST = "join-by-request";

/** The person's full name; the button offers their Telegram name. BACK only when `back` is set. */
async function askName(conversation: Flow, ctx: FlowContext, back: boolean): Promise<string | Back> {
  const suggested = validatePersonName(telegramName(ctx));
  const answer = await askText(conversation, ctx, {
    text: ctx.t("join-ask-name"),
    back,
    extra: suggested.ok ? [{ value: "tg", label: shorten(suggested.value, 30) }] : [],
    validate: (text) => {
      const r = validatePersonName(text);
      return r.ok ? { ok: true, value: r.value } : { ok: false, message: ctx.t(`name-error-${r.error}`) };
    },
  });
  if (answer === BACK) return BACK;
  return isExtra(answer) && suggested.ok ? suggested.value : (answer as string);
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
    // name → phone → confirm; "back" goes one step up, the name is the first step.
    let step: "name" | "phone" | "confirm" = "name";
    let fullName = "";
    let phone: string | null = null;
    for (;;) {
      if (step === "name") {
        fullName = (await askName(conversation, ctx, false)) as string;
        step = "phone";
        continue;
      }
      if (step === "phone") {
        const answer = await askPhone(conversation, ctx, { text: ctx.t("join-ask-phone") });
        if (answer === BACK) step = "name";
        else {
          phone = answer;
          step = "confirm";
        }
        continue;
      }
      const confirm = await askChoice(conversation, ctx, {
        text: ctx.t("join-confirm", {
          name: escapeHtml(fullName), phone: phone ?? ctx.t("phone-none"),
          unit: escapeHtml(invite.unitName), role: roleLabel(ctx.t, invite.role),
        }),
        rows: [[{ value: "yes", label: ctx.t("btn-confirm-join") }]],
        back: true,
      });
      if (confirm === BACK) {
        step = "phone";
        continue;
      }
      const details = { fullName, phone };
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

/** Search by name (accents optional) until the person picks a unit. */
async function pickUnit(conversation: Flow, ctx: FlowContext, services: Services): Promise<{ id: number; name: string }> {
  for (;;) {
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
      rows: [
        ...units.map((u) => [{ value: String(u.id), label: shorten(`${unitLabel(u)} · ${kindLabel(ctx.t, u.kind)}`, 60) }]),
        [{ value: "again", label: ctx.t("btn-search-again") }],
      ],
    });
    const chosen = units.find((u) => String(u.id) === picked);
    if (chosen) return { id: chosen.id, name: chosen.name };
  }
}

export function joinByRequest(services: Services, notify: (created: { request: JoinRequestView; notify: Recipient[] }) => Promise<void>) {
  return async function (conversation: Flow, ctx: FlowContext): Promise<void> {
    // unit → name → phone → confirm; "back" goes one step up.
    let step: "unit" | "name" | "phone" | "confirm" = "unit";
    let unit: { id: number; name: string } = { id: 0, name: "" };
    let fullName = "";
    let phone: string | null = null;
    for (;;) {
      if (step === "unit") {
        const picked = await pickUnit(conversation, ctx, services);
        unit = picked;
        step = "name";
        continue;
      }
      if (step === "name") {
        const answer = await askName(conversation, ctx, true);
        if (answer === BACK) step = "unit";
        else {
          fullName = answer;
          step = "phone";
        }
        continue;
      }
      if (step === "phone") {
        const answer = await askPhone(conversation, ctx, { text: ctx.t("join-ask-phone") });
        if (answer === BACK) step = "name";
        else {
          phone = answer;
          step = "confirm";
        }
        continue;
      }
      const confirm = await askChoice(conversation, ctx, {
        text: ctx.t("request-confirm", { name: escapeHtml(fullName), phone: phone ?? ctx.t("phone-none"), unit: escapeHtml(unit.name) }),
        rows: [[{ value: "yes", label: ctx.t("btn-send-request") }]],
        back: true,
      });
      if (confirm === BACK) {
        step = "phone";
        continue;
      }
      const details = { fullName, phone };
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
