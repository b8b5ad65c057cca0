// Messages to people other than the sender (coordinators asked to decide, a
// requester told the outcome). Sent directly and best-effort: a person who
// blocked the bot must not break the flow of the one who acted.
import { InlineKeyboard, type Api } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import type { Logger } from "pino";
import type { JoinRequestView, Recipient } from "../services/join-requests.ts";
import type { BaseContext } from "./context.ts";
import { escapeHtml, roleLabel } from "./format.ts";
import { DEFAULT_LOCALE, toLocale, translator } from "./i18n.ts";
import type { Role } from "../domain/permissions.ts";
import { describe } from "./middlewares/index.ts";
import type { OpeningView } from "../services/piggy-banks.ts";
import { day, money } from "./conversations/piggy-text.ts";

export type Notifier = ReturnType<typeof createNotifier>;

export function createNotifier(api: Api, i18n: I18n<BaseContext>, log: Logger) {
  async function send(telegramId: number, text: string, keyboard?: InlineKeyboard): Promise<boolean> {
    try {
      await api.sendMessage(telegramId, text, { parse_mode: "HTML", reply_markup: keyboard });
      return true;
    } catch (error) {
      log.warn({ err: describe(error), to: telegramId }, "notification not delivered");
      return false;
    }
  }

  return {
    /** Asks the deciders of a new join request to approve or reject it. */
    async joinRequested({ request, notify }: { request: JoinRequestView; notify: Recipient[] }): Promise<void> {
      for (const r of notify) {
        const t = translator(i18n, r.language);
        const keyboard = new InlineKeyboard().text(t("btn-approve"), `ja:${request.id}`).text(t("btn-reject"), `jx:${request.id}`);
        await send(
          r.telegramId,
          t("request-incoming", { name: escapeHtml(request.fullName), unit: escapeHtml(request.unitName), phone: request.phone ?? t("phone-none") }),
          keyboard,
        );
      }
    },
    async joinDecided(request: { telegramId: number; language: string; unitName: string; status: string }): Promise<void> {
      const t = translator(i18n, request.language);
      const key = request.status === "APPROVED" ? "request-approved" : "request-rejected";
      await send(request.telegramId, `${t(key, { unit: escapeHtml(request.unitName) })}${request.status === "APPROVED" ? `\n\n${t("menu-hint")}` : ""}`);
    },
    async roleChanged(change: { telegramId: number; language: string | null; unitName: string; role: Role }): Promise<void> {
      const t = translator(i18n, change.language);
      await send(change.telegramId, t("member-role-changed-notice", { unit: escapeHtml(change.unitName), role: roleLabel(t, change.role) }));
    },
    /** The reporter of an opening learns the decision; sent back for correction, with a button straight to it. */
    async openingReviewed(opening: OpeningView, to: { telegramId: number; language: string | null }): Promise<void> {
      const t = translator(i18n, to.language);
      const locale = toLocale(to.language) ?? DEFAULT_LOCALE;
      const vars = { unit: escapeHtml(opening.unitName), date: day(opening.openedOn), collected: money(locale, opening.amountCollected) };
      if (opening.status === "APPROVED") {
        await send(to.telegramId, t("piggy-notice-approved", vars));
        return;
      }
      const keyboard = new InlineKeyboard().text(t("btn-piggy-fix-now"), `pe:${opening.id}`);
      await send(to.telegramId, t("piggy-notice-needs-correction", { ...vars, comment: escapeHtml(opening.reviewComment ?? "") }), keyboard);
    },
    async removed(change: { telegramId: number; language: string | null; unitName: string }): Promise<void> {
      const t = translator(i18n, change.language);
      await send(change.telegramId, t("member-removed-notice", { unit: escapeHtml(change.unitName) }));
    },
  };
}
