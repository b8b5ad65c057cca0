// ↩️ A coordinator reopens a submitted unit report for correction (mở lại để
// sửa): the comment the reporters will read, a look at it before it goes,
// then the reopening; the reporters are told, with a button back into the
// report. Cancel leaves the report as it was. The version the coordinator saw
// goes with the decision: a report changed meanwhile is shown again instead.
import { normalizeText } from "../../domain/text.ts";
import type { Services } from "../../services/index.ts";
import type { Flow, FlowContext } from "../context.ts";
import { escapeHtml } from "../format.ts";
import { reportWayBack, showReportCard } from "../features/reports.ts";
import { noticeOf, type ReportNotifier } from "../notify-reports.ts";
import { BACK, askChoice, askText, call, isExtra } from "./kit.ts";
import { periodLabel, versionFromToken, versionToken } from "./report-text.ts";

export const REPORT_REOPEN = "report-reopen";

/** A comment the reporters read on a phone: a few sentences. */
export const MAX_REOPEN_COMMENT = 500;
const SEND = "send";

/** Entered with the report id and the version token of the card the coordinator saw. */
export function reportReopen(services: Services, notifier: ReportNotifier) {
  return async function (conversation: Flow, ctx: FlowContext, reportId: number, token: string): Promise<void> {
    const t = ctx.t;
    const showCard = () => conversation.external((outside) => showReportCard(outside, reportId));
    const refuse = async (code: string, params?: Record<string, string | number>) => {
      await ctx.reply(t(`errors-${code}`, params), { reply_markup: reportWayBack(t) });
    };
    const changed = async () => {
      await ctx.reply(t("report-changed"));
      await showCard();
    };

    const loaded = await call(conversation, ({ person }) => services.reports.getReport(person, reportId));
    if (!loaded.ok) return refuse(loaded.code, loaded.params);
    const r = loaded.value;
    const seen = versionFromToken(token);
    if (seen === null || versionToken(r.updatedAt) !== token || r.status !== "SUBMITTED") return changed();
    if (!r.canReopen) return refuse("forbidden");

    const vars = { unit: escapeHtml(r.unitName), period: periodLabel(t, r.period, r.year) };
    let comment: string | null = null;
    while (comment === null) {
      const typed = await askText(conversation, ctx, {
        text: t("report-reopen-ask", vars),
        back: true,
        validate: (text) => {
          const value = normalizeText(text);
          if (value === "") return { ok: false, message: t("report-reopen-empty") };
          const length = [...value].length;
          if (length > MAX_REOPEN_COMMENT) return { ok: false, message: t("report-reopen-too-long", { max: MAX_REOPEN_COMMENT, length }) };
          return { ok: true, value };
        },
      });
      // Back from the first question: the report's card again.
      if (typed === BACK || isExtra(typed)) return showCard();
      const sure = await askChoice(conversation, ctx, {
        text: t("report-reopen-confirm", { ...vars, comment: escapeHtml(typed) }),
        rows: [[{ value: SEND, label: t("btn-report-reopen-send") }]],
        back: true,
      });
      if (sure === SEND) comment = typed;
    }
    const said: string = comment;

    const reopened = await call(conversation, async ({ person }) => {
      const done = await services.reports.reopenReport(person, reportId, said, seen);
      return { notice: noticeOf(done.report), notify: done.notify };
    });
    if (!reopened.ok) return reopened.code === "report_changed" ? changed() : refuse(reopened.code, reopened.params);
    const { notice, notify } = reopened.value;
    const told = await conversation.external(async (outside) => {
      try {
        return await notifier.reopened(notice, said, notify);
      } catch (error) {
        outside.log.warn({ err: String(error), reportId }, "reporters not told about a reopened report");
        return 0;
      }
    });
    await ctx.reply(t("report-reopen-done", { ...vars, count: told }), {
      parse_mode: "HTML", reply_markup: reportWayBack(t, (k) => k.text(t("btn-report-view"), `rv:${reportId}`)),
    });
  };
}
