// Unit-report notices (issue 6), in each person's language: the coordinators
// above a unit learn that its report was sent (with a button to its card);
// the unit's reporters learn that a coordinator reopened it, with the comment
// and a button straight back into the report. Best-effort: one person who
// blocked the bot does not stop the others.
import { InlineKeyboard, type Api } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import type { Logger } from "pino";
import type { Recipient } from "../services/deciders.ts";
import type { ReportView } from "../services/reports.ts";
import type { BaseContext } from "./context.ts";
import { escapeHtml } from "./format.ts";
import { translator } from "./i18n.ts";
import { deliverer } from "./notify.ts";
import { day, periodLabel } from "./conversations/report-text.ts";

/** What a notice says about a report (a part of ReportView, JSON-safe). */
export type ReportNotice = Pick<ReportView, "id" | "unitId" | "unitName" | "year" | "period" | "lateFor">;

export type ReportNotifier = ReturnType<typeof createReportNotifier>;

export function noticeOf(r: ReportView): ReportNotice {
  return { id: r.id, unitId: r.unitId, unitName: r.unitName, year: r.year, period: r.period, lateFor: r.lateFor };
}

export function createReportNotifier(api: Api, i18n: I18n<BaseContext>, log: Logger) {
  const deliver = deliverer(api, log);

  return {
    /** The coordinators above the unit: a report was sent (late, if it was). Returns how many got it. */
    async submitted(report: ReportNotice, by: string, to: Recipient[]): Promise<number> {
      let delivered = 0;
      for (const r of to) {
        const t = translator(i18n, r.language);
        const vars = { name: escapeHtml(by), unit: escapeHtml(report.unitName), period: periodLabel(t, report.period, report.year) };
        const lines = [t("report-notice-submitted", vars)];
        if (report.lateFor) lines.push(t("report-notice-late", { due: day(report.lateFor) }));
        const keyboard = new InlineKeyboard().text(t("btn-report-view"), `rv:${report.id}`);
        if ((await deliver(r.telegramId, lines.join("\n"), keyboard)) === null) delivered++;
      }
      return delivered;
    },
    /** The unit's reporters: the report was reopened for a fix, with the comment. Returns how many got it. */
    async reopened(report: ReportNotice, comment: string, to: Recipient[]): Promise<number> {
      let delivered = 0;
      for (const r of to) {
        const t = translator(i18n, r.language);
        const text = t("report-notice-reopened", {
          unit: escapeHtml(report.unitName), period: periodLabel(t, report.period, report.year), comment: escapeHtml(comment),
        });
        const keyboard = new InlineKeyboard().text(t("btn-report-fix"), `rp:${report.unitId}:${report.year}:${report.period}`);
        if ((await deliver(r.telegramId, text, keyboard)) === null) delivered++;
      }
      return delivered;
    },
  };
}
