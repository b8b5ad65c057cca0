// Messages to people other than the sender (coordinators asked to decide or
// to review, a requester told the outcome). Sent directly and best-effort: a person who
// blocked the bot must not break the flow of the one who acted. The timed
// reminders (check-ins here, deadlines in notify-deadlines.ts) are queued in
// the durable outbox instead (queuer below), which sends them at Telegram's rate.
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
import { schoolYearLabel } from "../domain/dates.ts";
import { day, money } from "./conversations/piggy-text.ts";
import type { DueReminder } from "../services/sponsorships.ts";
import type { EvaluationSummary } from "../services/learning.ts";
import type { Services } from "../services/index.ts";
import { reminderKey as checkInKey, type CheckInReminderSender } from "../jobs/check-in-reminders.ts";
import { inLocale, modelLabel } from "./conversations/learning-text.ts";

export type Notifier = ReturnType<typeof createNotifier>;

/**
 * Sends one HTML message to a person; resolves to null when delivered, else
 * why not (for the log and the reminder claims; never holds the token).
 * Shared by every notifier (this one, reports, deadlines).
 */
export function deliverer(api: Api, log: Logger) {
  return async function deliver(telegramId: number, text: string, keyboard?: InlineKeyboard): Promise<string | null> {
    try {
      await api.sendMessage(telegramId, text, { parse_mode: "HTML", reply_markup: keyboard });
      return null;
    } catch (error) {
      const why = describe(error);
      log.warn({ err: why, to: telegramId }, "notification not delivered");
      return String(why.description ?? why.message ?? why.value ?? "unknown").slice(0, 300);
    }
  };
}

/**
 * How a timed reminder goes out: `key` is its claim key (ReminderClaim). Resolves
 * to null when delivered or queued, else why not. `deliverer` (sends now, ignores
 * the key) and `queuer` (queues in the outbox) both fit.
 */
export type ReminderDeliver = (telegramId: number, html: string, keyboard: InlineKeyboard | undefined, key: string) => Promise<string | null>;

/** Batch of the outbox rows of the timed reminders. */
export const REMINDER_BATCH = "reminders";

/**
 * Queues a reminder in the durable outbox (batch "reminders", one row per claim
 * key and person), then wakes the outbox's sender; resolves to null (queued).
 * The sender sends at Telegram's rate limit, retries 429s and 5xx, and on a
 * 403 marks the person unreachable (its onBlocked).
 */
export function queuer(services: Services, wake: () => void): ReminderDeliver {
  return async function queue(telegramId, html, keyboard, key) {
    const params: Record<string, unknown> = { text: html, parse_mode: "HTML" };
    // InlineKeyboard is a class: the row stores its plain JSON form.
    if (keyboard) params.reply_markup = { inline_keyboard: keyboard.inline_keyboard };
    await services.outbox.enqueue([
      { batch: REMINDER_BATCH, dedupeKey: `reminder:${key}:${telegramId}`, chatId: telegramId, payload: { method: "sendMessage", params } },
    ]);
    wake();
    return null;
  };
}

/** The sponsorship check-in reminder: to the case owner, with buttons straight to the check-in and to the case. */
export function checkInNotifier(deliver: ReminderDeliver, i18n: I18n<BaseContext>): CheckInReminderSender {
  return {
    checkInDue(r: DueReminder): Promise<string | null> {
      const t = translator(i18n, r.language);
      const vars = { pupil: escapeHtml(r.pupilName), unit: escapeHtml(r.unitName), date: day(r.dueOn), days: r.overdueDays };
      const keyboard = new InlineKeyboard().text(t("btn-sponsor-check-in-now"), `sk:${r.caseId}`).row().text(t("btn-sponsor-view-case"), `sc:${r.caseId}`);
      return deliver(r.ownerTelegramId, t(r.overdueDays > 0 ? "sponsor-reminder-late" : "sponsor-reminder-due", vars), keyboard, checkInKey(r));
    },
  };
}

export function createNotifier(api: Api, i18n: I18n<BaseContext>, log: Logger) {
  const deliver = deliverer(api, log);

  async function send(telegramId: number, text: string, keyboard?: InlineKeyboard): Promise<boolean> {
    return (await deliver(telegramId, text, keyboard)) === null;
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
    /**
     * The unit's coordinators learn that an opening was recorded or corrected,
     * with a button that shows it to review. Returns how many got it.
     */
    async openingSubmitted(opening: OpeningView, by: string, corrected: boolean, to: Recipient[]): Promise<number> {
      let delivered = 0;
      for (const r of to) {
        const t = translator(i18n, r.language);
        const locale = toLocale(r.language) ?? DEFAULT_LOCALE;
        const text = t(corrected ? "piggy-notice-corrected" : "piggy-notice-submitted", {
          name: escapeHtml(by), unit: escapeHtml(opening.unitName), date: day(opening.openedOn), collected: money(locale, opening.amountCollected),
        });
        if (await send(r.telegramId, text, new InlineKeyboard().text(t("btn-piggy-review-one"), `pv:${opening.id}`))) delivered++;
      }
      return delivered;
    },
    /**
     * A reporter was refused a second drive: the unit's coordinators may allow
     * one more. The button carries the drives the unit had and who asked.
     */
    async extraDriveRequested(
      ask: { unitId: number; unitName: string; schoolYear: number; drives: number; by: { telegramId: number; name: string } },
      to: Recipient[],
    ): Promise<number> {
      let delivered = 0;
      for (const r of to) {
        const t = translator(i18n, r.language);
        const keyboard = new InlineKeyboard()
          .text(t("btn-piggy-allow-extra"), `pw:${ask.unitId}:${ask.schoolYear}:${ask.drives}:${ask.by.telegramId}`)
          .row()
          .text(t("btn-piggy-see-drive"), `pc:${ask.unitId}:${ask.schoolYear}`);
        const text = t("piggy-extra-request", {
          name: escapeHtml(ask.by.name), unit: escapeHtml(ask.unitName), year: schoolYearLabel(ask.schoolYear), drives: ask.drives,
        });
        if (await send(r.telegramId, text, keyboard)) delivered++;
      }
      return delivered;
    },
    /** The reporter who asked for one more drive may start it now. */
    async extraDriveAllowed(grant: { unitId: number; unitName: string; schoolYear: number }, to: Recipient): Promise<boolean> {
      const t = translator(i18n, to.language);
      const keyboard = new InlineKeyboard().text(t("btn-piggy-start"), `pd:${grant.unitId}`);
      return send(to.telegramId, t("piggy-extra-granted", { unit: escapeHtml(grant.unitName), year: schoolYearLabel(grant.schoolYear) }), keyboard);
    },
    /**
     * The unit's coordinators learn that a sponsored pupil is at risk or
     * dropped out. The message carries initials only; the button opens the
     * case (a full view, audited). Returns how many got it.
     */
    async caseAlert(
      alert: { kind: "at_risk" | "dropped_out"; caseId: number; initials: string | null; birthYear: number | null; unitName: string; by: string; notAttending: boolean },
      to: Recipient[],
    ): Promise<number> {
      let delivered = 0;
      for (const r of to) {
        const t = translator(i18n, r.language);
        const vars = {
          name: escapeHtml(alert.by), unit: escapeHtml(alert.unitName), pupil: alert.initials ?? "—", year: alert.birthYear ?? "—",
        };
        const key = alert.kind === "dropped_out" ? "sponsor-notice-dropped-out" : alert.notAttending ? "sponsor-notice-not-attending" : "sponsor-notice-flagged";
        if (await send(r.telegramId, t(key, vars), new InlineKeyboard().text(t("btn-sponsor-view-case"), `sc:${alert.caseId}`))) delivered++;
      }
      return delivered;
    },
    /** A case owner's check-in is due (or late), sent now (the app queues it: checkInNotifier on the outbox queuer). */
    checkInDue: checkInNotifier(deliver, i18n).checkInDue,
    /**
     * The unit's reviewers learn that a self-evaluation was sent (or sent
     * again after a fix), with a button that opens it. Returns how many got it.
     */
    async evaluationSubmitted(e: EvaluationSummary, by: string, to: Recipient[]): Promise<number> {
      let delivered = 0;
      for (const r of to) {
        const t = translator(i18n, r.language);
        const locale = toLocale(r.language) ?? DEFAULT_LOCALE;
        const text = t(e.reviewedAt === null ? "learning-notice-submitted" : "learning-notice-submitted-again", {
          by: escapeHtml(by), model: modelLabel(t, e.registration.model), name: escapeHtml(e.registration.name),
          unit: escapeHtml(e.registration.unitName), year: String(e.registration.year), total: e.total, max: e.max,
          grade: escapeHtml(e.gradeLabel ? inLocale(e.gradeLabel, locale) : t("learning-eval-no-grade")),
        });
        if (await send(r.telegramId, text, new InlineKeyboard().text(t("btn-learning-eval-review"), `lv:${e.id}`))) delivered++;
      }
      return delivered;
    },
    /**
     * The family and whoever sent its self-evaluation learn the review:
     * approved; returned, with the comment and a button to fix it; or
     * rejected, with the comment. Returns how many got it.
     */
    async evaluationReviewed(e: EvaluationSummary, to: Recipient[]): Promise<number> {
      let delivered = 0;
      for (const r of to) {
        const t = translator(i18n, r.language);
        const locale = toLocale(r.language) ?? DEFAULT_LOCALE;
        const vars = {
          model: modelLabel(t, e.registration.model), name: escapeHtml(e.registration.name), unit: escapeHtml(e.registration.unitName),
          year: String(e.registration.year), total: e.total, max: e.max,
          grade: escapeHtml(e.gradeLabel ? inLocale(e.gradeLabel, locale) : t("learning-review-grade-none")),
          comment: escapeHtml(e.reviewComment ?? ""),
        };
        const keyboard = new InlineKeyboard();
        if (e.status === "RETURNED") keyboard.text(t("btn-learning-review-fix"), `le:${e.registration.id}`);
        else keyboard.text(t("btn-learning-review-details"), `lv:${e.id}`);
        if (await send(r.telegramId, t(`learning-notice-reviewed-${e.status.toLowerCase()}`, vars), keyboard)) delivered++;
      }
      return delivered;
    },
    /** Each family (and whoever sent its self-evaluation) learns its title for the year. Returns how many got it. */
    async evaluationsRecognised(evaluations: EvaluationSummary[], to: (Recipient & { evaluationId: number })[]): Promise<number> {
      const byId = new Map(evaluations.map((e) => [e.id, e]));
      let delivered = 0;
      for (const r of to) {
        const e = byId.get(r.evaluationId);
        if (!e) continue;
        const t = translator(i18n, r.language);
        const text = t("learning-notice-recognised", {
          title: modelLabel(t, e.registration.model), name: escapeHtml(e.registration.name), unit: escapeHtml(e.registration.unitName), year: String(e.registration.year),
        });
        if (await send(r.telegramId, text, new InlineKeyboard().text(t("btn-learning-certificate"), `lz:${e.id}`).text(t("btn-learning-review-details"), `lv:${e.id}`))) delivered++;
      }
      return delivered;
    },
    async removed(change: { telegramId: number; language: string | null; unitName: string }): Promise<void> {
      const t = translator(i18n, change.language);
      await send(change.telegramId, t("member-removed-notice", { unit: escapeHtml(change.unitName) }));
    },
  };
}
