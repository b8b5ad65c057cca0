// Joining: with an invite code (the link a coordinator sent), or by asking a
// unit found by name. Name → phone (optional) → confirm; "back" goes one step
// up, cancel works anywhere, nothing is saved before the confirmation.
import { validatePersonName } from "../../domain/text.ts";
import type { Services } from "../../services/index.ts";
import type { JoinRequestView, Recipient } from "../../services/join-requests.ts";
import type { BotContext, Flow, FlowContext } from "../context.ts";
import { escapeHtml, kindLabel, roleLabel, unitLabel, shorten } from "../format.ts";
import { BACK, askChoice, askPhone, askText, call, isExtra, type Back } from "./kit.ts";

export const JOIN_BY_INVITE = "join-by-invite";
export const JOIN_BY_REQUEST = "join-by-request";

/** What happens once someone joined: their menu, and their command list if their role is wider. */
export type AfterJoin = (outside: BotContext) => Promise<void>;

interface Details {
  fullName: string;
  phone: string | null;
}

function telegramName(ctx: FlowContext): string {
  return [ctx.from?.first_name, ctx.from?.last_name].filter(Boolean).join(" ");
}

/** The person's full name; a button offers their Telegram name. */
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

/**
 * name → phone → confirm. Returns the confirmed details, or BACK when the
 * person went back from the name (only offered when `backFromName`).
 */
async function askDetails(
  conversation: Flow,
  ctx: FlowContext,
  opts: { backFromName: boolean; confirmText: (d: Details) => string; confirmLabel: string },
): Promise<Details | Back> {
  let step: "name" | "phone" | "confirm" = "name";
  const details: Details = { fullName: "", phone: null };
  for (;;) {
    if (step === "name") {
      const name = await askName(conversation, ctx, opts.backFromName);
      if (name === BACK) return BACK;
      details.fullName = name;
      step = "phone";
    } else if (step === "phone") {
      const phone = await askPhone(conversation, ctx, { text: ctx.t("join-ask-phone") });
      if (phone === BACK) step = "name";
      else {
        details.phone = phone;
        step = "confirm";
      }
    } else {
      const confirm = await askChoice(conversation, ctx, {
        text: opts.confirmText(details),
        rows: [[{ value: "yes", label: opts.confirmLabel }]],
        back: true,
      });
      if (confirm !== BACK) return details;
      step = "phone";
    }
  }
}

export function joinByInvite(services: Services, afterJoin: AfterJoin) {
  return async function (conversation: Flow, ctx: FlowContext, code: string): Promise<void> {
    const inspected = await call(conversation, () => services.invites.inspectInvite(code));
    if (!inspected.ok || inspected.value.status !== "ok") {
      const status = inspected.ok ? inspected.value.status : "unknown";
      await ctx.reply(ctx.t(`invite-status-${status}`));
      return;
    }
    const invite = inspected.value.invite;
    const unit = escapeHtml(invite.unitName);
    const role = roleLabel(ctx.t, invite.role);
    await ctx.reply(ctx.t("join-invite-welcome", { unit, kind: kindLabel(ctx.t, invite.unitKind), role }), { parse_mode: "HTML" });
    const details = (await askDetails(conversation, ctx, {
      backFromName: false,
      confirmText: (d) => ctx.t("join-confirm", { name: escapeHtml(d.fullName), phone: d.phone ?? ctx.t("phone-none"), unit, role }),
      confirmLabel: ctx.t("btn-confirm-join"),
    })) as Details;
    const joined = await call(conversation, () =>
      services.invites.acceptInvite(code, { telegramId: ctx.from?.id ?? 0, ...details, language: ctx.locale }),
    );
    if (!joined.ok) {
      await ctx.reply(ctx.t(`errors-${joined.code}`, joined.params));
      return;
    }
    await ctx.reply(ctx.t("join-done", { unit, role }), { parse_mode: "HTML" });
    await conversation.external((outside) => afterJoin(outside));
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
    // unit → name → phone → confirm; back from the name chooses the unit again.
    for (;;) {
      const target = await pickUnit(conversation, ctx, services);
      const unit = escapeHtml(target.name);
      const details = await askDetails(conversation, ctx, {
        backFromName: true,
        confirmText: (d) => ctx.t("request-confirm", { name: escapeHtml(d.fullName), phone: d.phone ?? ctx.t("phone-none"), unit }),
        confirmLabel: ctx.t("btn-send-request"),
      });
      if (details === BACK) continue;
      const created = await call(conversation, () =>
        services.joinRequests.createJoinRequest({ telegramId: ctx.from?.id ?? 0, ...details, language: ctx.locale, unitId: target.id }),
      );
      if (!created.ok) {
        await ctx.reply(ctx.t(`errors-${created.code}`, created.params));
        return;
      }
      await conversation.external(() => notify(created.value));
      await ctx.reply(ctx.t("request-sent", { unit }), { parse_mode: "HTML" });
      return;
    }
  };
}
