// 📝 Filling in a unit report (báo cáo sơ kết 6 tháng / tổng kết năm),
// entered with the unit, the year and the period. The bot has pre-filled
// every figure its records give; the reporter goes section by section:
// a section of pre-filled figures is shown whole, with where each came from,
// to confirm (✅) or correct (✏️, the line then shows both numbers); the
// other fields are asked one by one. Like the self-evaluation, every answer
// is saved at once, so ✖️, /cancel or a restart lose nothing and opening the
// report again continues where it stopped. At the end: the whole report, and
// "📨 Send", which tells the coordinators above the unit.
// A submitted report opens as its card; a reopened one shows the
// coordinator's comment first.
import type { ReportAnswer, ReportPeriod } from "../../domain/reports.ts";
import type { Services } from "../../services/index.ts";
import type { ReportView } from "../../services/reports.ts";
import type { Flow, FlowContext } from "../context.ts";
import { escapeHtml } from "../format.ts";
import { reportWayBack, showReportCard } from "../features/reports.ts";
import type { ReportNotifier } from "../notify-reports.ts";
import { noticeOf } from "../notify-reports.ts";
import { askSaving, call, type Asked, type Choice, type ValidationResult } from "./kit.ts";
import { day, fieldLine, inLocale, isPeriod, periodLabel, readAnswer, sourceText, valueText, type FieldKind, type Locale } from "./report-text.ts";

export const REPORT_FILL = "report-fill";

/** Buttons of this feature (and the menu) pressed during the flow leave it (answers are saved) and do what they say. */
const ELSEWHERE = /^(?:r[hupstvo](?::|$)|menu$)/;
/** Missing fields named when the report cannot be sent yet; the rest counted. */
const MISSING_NAMED = 8;
const NUMBERS_PER_ROW = 6;

// ---- what the flow keeps (JSON-safe and small: the conversation state holds every service answer) ----

interface Field {
  id: string;
  n: number;
  kind: FieldKind;
  label: string;
  help: string | null;
  /** the bot pre-fills it from its records */
  prefilled: boolean;
  /** where the pre-filled figure came from ("" when not said) */
  source: string;
}

/** What does not change while answering, in the person's language. */
interface Fixed {
  reportId: number;
  unitId: number;
  unitName: string;
  year: number;
  period: ReportPeriod;
  title: string;
  dueOn: string | null;
  sections: { id: string; title: string; fields: Field[] }[];
}

interface Given {
  value: ReportAnswer | null;
  known: number | null;
  answered: boolean;
  overridden: boolean;
}

/** What every answer changes. */
interface Progress {
  status: ReportView["status"];
  canEdit: boolean;
  missing: string[];
  given: Record<string, Given>;
}

function progressOf(view: ReportView): Progress {
  const given: Record<string, Given> = {};
  for (const s of view.sections) for (const f of s.fields) given[f.id] = { value: f.value, known: f.known, answered: f.answered, overridden: f.overridden };
  return { status: view.status, canEdit: view.canEdit, missing: view.missing, given };
}

function fixedOf(view: ReportView, locale: Locale, t: FlowContext["t"]): Fixed {
  let n = 0;
  return {
    reportId: view.id, unitId: view.unitId, unitName: view.unitName, year: view.year, period: view.period,
    title: inLocale(view.title, locale), dueOn: view.dueOn,
    sections: view.sections.map((s) => ({
      id: s.id, title: inLocale(s.title, locale),
      fields: s.fields.map((f) => ({
        id: f.id, n: ++n, kind: f.kind, label: inLocale(f.label, locale), help: f.help ? inLocale(f.help, locale) : null,
        prefilled: f.known !== null || f.source !== null, source: sourceText(t, f.sourceDetail),
      })),
    })),
  };
}

// ---- one question: the kit's askSaving (✖️ keeps what was saved; the button of this very report shows
// it again; the other report buttons, or the menu, leave the flow to do what they say) ----

function ask<T>(
  conversation: Flow, ctx: FlowContext, again: string,
  opts: { text: string; rows: Choice<string>[][]; back: boolean; typed?: (text: string) => ValidationResult<T> },
): Promise<Asked<T>> {
  return askSaving(conversation, ctx, { ...opts, again, leaveOn: ELSEWHERE, notText: ctx.t(opts.typed ? "flow-send-text" : "flow-use-buttons") });
}

// ---- the steps: a block per section of pre-filled figures, a question per other field ----

type Step = { kind: "block"; section: number } | { kind: "field"; section: number; field: Field };

function stepsOf(f: Fixed): Step[] {
  return f.sections.flatMap((s, section) => {
    const steps: Step[] = [];
    if (s.fields.some((x) => x.prefilled)) steps.push({ kind: "block", section });
    for (const field of s.fields) if (!field.prefilled) steps.push({ kind: "field", section, field });
    return steps;
  });
}

type Outcome = "next" | "back" | "stop" | "again" | "ended";

export function reportFill(services: Services, notifier: ReportNotifier) {
  return async function (conversation: Flow, ctx: FlowContext, unitId: number, year: number, period: string): Promise<void> {
    if (!isPeriod(period)) return;
    const locale = ctx.locale;
    const t = ctx.t;
    const again = `rp:${unitId}:${year}:${period}`;
    const showCard = (reportId: number) => conversation.external((outside) => showReportCard(outside, reportId));

    // Only what the flow needs is kept (the conversation state holds it), in the person's language.
    const opened = await call(conversation, async ({ person }) => {
      const view = await services.reports.openReport(person, unitId, year, period);
      return { fixed: fixedOf(view, locale, t), progress: progressOf(view), reopenComment: view.reopenComment };
    });
    if (!opened.ok) {
      await ctx.reply(t(`errors-${opened.code}`, opened.params), { reply_markup: reportWayBack(t) });
      return;
    }
    const f = opened.value.fixed;
    let p = opened.value.progress;
    if (p.status === "SUBMITTED" || !p.canEdit) return showCard(f.reportId);
    const fields = f.sections.flatMap((s) => s.fields);
    const byId = new Map(fields.map((x) => [x.id, x]));
    const steps = stepsOf(f);
    /** text fields passed over in this sitting (optional: not asked again until the end) */
    const passed = new Set<string>();

    const line = (x: Field) => fieldLine(t, locale, x.n, { kind: x.kind, label: x.label, ...p.given[x.id]! });
    const isAnswered = (x: Field) => p.given[x.id]?.answered === true;
    const done = (s: Step) =>
      s.kind === "block" ? f.sections[s.section]!.fields.every((x) => !x.prefilled || isAnswered(x)) : isAnswered(s.field) || passed.has(s.field.id);
    const firstOpen = (from = 0): number | null => {
      for (let i = from; i < steps.length; i++) if (!done(steps[i]!)) return i;
      return null;
    };
    const stepOf = (fieldId: string): number => {
      const x = byId.get(fieldId);
      const section = f.sections.findIndex((s) => s.fields.some((y) => y.id === fieldId));
      const i = steps.findIndex((s) => s.section === section && (s.kind === "block" ? x?.prefilled === true : s.field.id === fieldId));
      return Math.max(0, i);
    };

    /** A refusal while answering: the report was sent or reopened meanwhile, or the person may no longer edit it. */
    const refused = async (code: string, params: Record<string, string | number>): Promise<"ended"> => {
      await ctx.reply(t(`errors-${code}`, params), { reply_markup: reportWayBack(t) });
      const fresh = await call(conversation, ({ person }) => services.reports.getReport(person, f.reportId));
      if (fresh.ok && fresh.value.status === "SUBMITTED") await showCard(f.reportId);
      return "ended";
    };
    const stopped = async (): Promise<void> => {
      const answeredCount = fields.filter(isAnswered).length;
      const keyboard = reportWayBack(t, (k) => k.text(t("btn-report-continue"), again));
      await ctx.reply(t("report-stopped", { done: answeredCount, total: fields.length }), { parse_mode: "HTML", reply_markup: keyboard });
    };
    /** Saves one answer; false when it was refused and the flow has to end. */
    const save = async (fieldId: string, value: ReportAnswer | null): Promise<boolean> => {
      const saved = await call(conversation, async ({ person }) => progressOf(await services.reports.answerField(person, f.reportId, fieldId, value)));
      if (!saved.ok) {
        await refused(saved.code, saved.params);
        return false;
      }
      p = saved.value;
      return true;
    };

    // ---- the intro ----
    const intro = [
      t("report-intro", { title: escapeHtml(f.title), unit: escapeHtml(f.unitName), period: periodLabel(t, f.period, f.year) }),
    ];
    if (f.dueOn) intro.push(t("report-intro-due", { due: day(f.dueOn) }));
    intro.push("", t("report-intro-prefilled", { count: fields.filter((x) => x.prefilled).length }));
    if (p.status === "REOPENED" && opened.value.reopenComment) {
      intro.push("", t("report-intro-reopened", { comment: escapeHtml(opened.value.reopenComment) }));
    } else {
      const answeredCount = fields.filter(isAnswered).length;
      if (answeredCount > 0) intro.push("", t("report-intro-resume", { done: answeredCount, total: fields.length }));
    }
    await ctx.reply(intro.join("\n"), { parse_mode: "HTML" });

    // ---- a section of pre-filled figures ----
    async function askBlock(index: number, at: number): Promise<Outcome> {
      const section = f.sections[index]!;
      const prefilled = section.fields.filter((x) => x.prefilled);
      for (;;) {
        const lines = [t("report-section", { n: index + 1, total: f.sections.length, title: escapeHtml(section.title) }), ""];
        for (const x of prefilled) {
          lines.push(line(x));
          if (x.source) lines.push(t("report-line-source", { source: x.source }));
        }
        lines.push("", t("report-section-ask"));
        const asked = await ask<never>(conversation, ctx, again, {
          text: lines.join("\n"),
          rows: [[{ value: "ok", label: t("btn-report-confirm") }, { value: "edit", label: t("btn-report-edit") }]],
          back: at > 0,
        });
        if (asked.kind !== "press") return asked.kind === "value" ? "again" : asked.kind;
        if (asked.value === "ok") {
          const confirmed = await call(conversation, async ({ person }) => progressOf(await services.reports.confirmKnown(person, f.reportId, section.id)));
          if (!confirmed.ok) return refused(confirmed.code, confirmed.params);
          p = confirmed.value;
          return "next";
        }
        const picked = await askPick(prefilled);
        if (picked === "stop" || picked === "again") return picked;
        if (picked === "back") continue;
        const outcome = await askValue(picked);
        if (outcome === "stop" || outcome === "ended" || outcome === "again") return outcome;
      }
    }

    /** Which figure of the block to correct: a button per number. */
    async function askPick(choices: Field[]): Promise<Field | "back" | "stop" | "again"> {
      const rows: Choice<string>[][] = [];
      for (let k = 0; k < choices.length; k += NUMBERS_PER_ROW) {
        rows.push(choices.slice(k, k + NUMBERS_PER_ROW).map((x) => ({ value: `n:${x.id}`, label: String(x.n) })));
      }
      const asked = await ask<never>(conversation, ctx, again, { text: t("report-pick-field"), rows, back: true });
      if (asked.kind === "press") return byId.get(asked.value.slice(2)) ?? "back";
      return asked.kind === "value" ? "again" : asked.kind;
    }

    /** One field's question: typed (money and counts read as people write them), "0", "Skip" or "Keep". */
    async function askValue(x: Field, back = true): Promise<Outcome> {
      const given = p.given[x.id];
      const lines = [t("report-ask", { n: x.n, label: escapeHtml(x.label) })];
      if (x.help) lines.push(t("report-ask-help", { help: escapeHtml(x.help) }));
      if (x.prefilled && given?.known !== null && given?.known !== undefined) {
        lines.push(t("report-ask-known", { value: valueText(t, locale, x.kind, given.known) }));
        if (x.source) lines.push(t("report-line-source", { source: x.source }));
      }
      if (given?.answered && given.value !== null) lines.push(t("report-ask-now", { value: valueText(t, locale, x.kind, given.value, false) }));
      lines.push(t(`report-ask-hint-${x.kind}`));
      const rows: Choice<string>[][] = [];
      const quick: Choice<string>[] = [];
      if (x.kind !== "text") quick.push({ value: "zero", label: t("btn-report-zero") });
      if (given?.answered && given.value !== null && given.value !== "") {
        quick.push({ value: "keep", label: t("btn-keep", { value: valueText(t, locale, x.kind, given.value) }) });
      } else if (x.kind === "text") quick.push({ value: "skip", label: t("btn-skip") });
      rows.push(quick);
      const asked = await ask<ReportAnswer>(conversation, ctx, again, {
        text: lines.join("\n"), rows, back,
        typed: (text) => readAnswer(t, locale, x, text),
      });
      if (asked.kind === "back" || asked.kind === "stop" || asked.kind === "again") return asked.kind;
      if (asked.kind === "press" && asked.value === "keep") return "next";
      if (asked.kind === "press" && asked.value === "skip") {
        passed.add(x.id);
        return "next";
      }
      return (await save(x.id, asked.kind === "value" ? asked.value : 0)) ? "next" : "ended";
    }

    /** The whole report, one line per field; what the person chose next. */
    async function askSummary(): Promise<"submit" | "change" | "back" | "stop" | "again"> {
      const lines = [t("report-summary", { unit: escapeHtml(f.unitName), period: periodLabel(t, f.period, f.year) }), ""];
      for (const x of fields) lines.push(line(x));
      if (p.missing.length > 0) lines.push("", missingText());
      else lines.push("", t("report-summary-ready"));
      const asked = await ask<never>(conversation, ctx, again, {
        text: lines.join("\n"),
        rows: [[{ value: "submit", label: t("btn-report-submit") }], [{ value: "change", label: t("btn-report-change") }]],
        back: steps.length > 0,
      });
      if (asked.kind === "press") return asked.value as "submit" | "change";
      return asked.kind === "value" ? "again" : asked.kind;
    }

    function missingText(): string {
      const named = p.missing.slice(0, MISSING_NAMED).map((id) => {
        const x = byId.get(id);
        return x ? `${x.n}. ${escapeHtml(x.label)}` : id;
      });
      const rest = p.missing.length - named.length;
      const lines = [t("report-missing", { count: p.missing.length }), ...named];
      if (rest > 0) lines.push(t("report-missing-more", { count: rest }));
      return lines.join("\n");
    }

    /** Which section to change: a button per section. */
    async function askSection(): Promise<number | "back" | "stop" | "again"> {
      const rows = f.sections.map((s, i) => [{ value: `s:${i}`, label: `${i + 1}. ${s.title}` }]);
      const asked = await ask<never>(conversation, ctx, again, { text: t("report-pick-section"), rows, back: true });
      if (asked.kind === "press") return Number(asked.value.slice(2));
      return asked.kind === "value" ? "again" : asked.kind;
    }

    /** Sends the report; true when the flow is over. */
    async function submit(): Promise<boolean> {
      if (p.missing.length > 0) {
        await ctx.reply(missingText(), { parse_mode: "HTML" });
        return false;
      }
      const sent = await call(conversation, async ({ person }) => {
        const r = await services.reports.submitReport(person, f.reportId);
        return { notice: noticeOf(r.report), notify: r.notify, progress: progressOf(r.report) };
      });
      if (!sent.ok) {
        const fresh = await call(conversation, async ({ person }) => progressOf(await services.reports.getReport(person, f.reportId)));
        if (fresh.ok && fresh.value.missing.length > 0 && fresh.value.status !== "SUBMITTED") {
          p = fresh.value;
          await ctx.reply(missingText(), { parse_mode: "HTML" });
          return false;
        }
        await refused(sent.code, sent.params);
        return true;
      }
      const { notice, notify } = sent.value;
      p = sent.value.progress;
      const told = await conversation.external(async (outside) => {
        try {
          return await notifier.submitted(notice, outside.person.fullName ?? outside.from?.first_name ?? "", notify);
        } catch (error) {
          outside.log.warn({ err: String(error), reportId: notice.id }, "coordinators not told about a report");
          return 0;
        }
      });
      const lines = [t("report-submitted", { unit: escapeHtml(f.unitName), period: periodLabel(t, f.period, f.year) })];
      if (notice.lateFor) lines.push(t("report-submitted-late", { due: day(notice.lateFor) }));
      lines.push(t("report-told", { count: told }));
      const keyboard = reportWayBack(t, (k) => k.text(t("btn-report-view"), `rv:${f.reportId}`));
      await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: keyboard });
      return true;
    }

    // ---- the walk ----
    // A report reopened for a fix is all answered: straight to the whole report, to change what the comment asks.
    let at: number | "summary" | "sections" = p.status === "REOPENED" ? "summary" : (firstOpen() ?? "summary");
    /** the section being changed from the summary: its steps, then back to the summary */
    let changing: number | null = null;
    for (;;) {
      if (at === "summary") {
        const next = await askSummary();
        if (next === "stop") return stopped();
        if (next === "again") continue;
        if (next === "back") at = steps.length - 1;
        else if (next === "change") at = "sections";
        else if (await submit()) return;
        else {
          // Not complete: to the first field still missing, then onwards.
          at = stepOf(p.missing[0] ?? "");
          changing = null;
        }
        continue;
      }
      if (at === "sections") {
        const picked = await askSection();
        if (picked === "stop") return stopped();
        if (picked === "back" || picked === "again") at = "summary";
        else {
          const first = steps.findIndex((s) => s.section === picked);
          changing = picked;
          at = first < 0 ? "summary" : first;
        }
        continue;
      }
      const step = steps[at]!;
      const outcome = step.kind === "block" ? await askBlock(step.section, at) : await askValue(step.field, at > 0);
      if (outcome === "ended") return;
      if (outcome === "stop") return stopped();
      if (outcome === "again") continue;
      if (outcome === "back") {
        at = Math.max(0, at - 1);
        continue;
      }
      if (changing !== null) {
        const following: Step | undefined = steps[at + 1];
        at = following && following.section === changing ? at + 1 : "summary";
        if (at === "summary") changing = null;
        continue;
      }
      at = firstOpen(at + 1) ?? "summary";
    }
  };
}
