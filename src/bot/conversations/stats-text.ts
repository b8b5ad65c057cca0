// How /stats and /export read in the chat (issue 8): the periods offered (only
// those that have begun), the unit buttons (one level down at a time), the
// short text summary of a subtree's figures and the charts' words. Shared by
// features/stats.ts and features/exports.ts.
import type { InlineKeyboard } from "grammy";
import type { ReportPeriod } from "../../domain/reports.ts";
import type { BarChart } from "../../render/charts.ts";
import type { SubtreeStats } from "../../services/stats.ts";
import { escapeHtml, shorten } from "../format.ts";
import { day, money, periodButton, periodLabel, type Locale, type T } from "./report-text.ts";

export { periodButton, periodLabel, type Locale, type T };

/** Missing units named in the summary; the rest are counted. */
export const MAX_MISSING_NAMED = 5;
/** Units offered as buttons (to pick, to go one level down); the rest are left out. */
export const MAX_UNIT_BUTTONS = 8;
/** Button labels of unit names stay short on a small phone. */
export const UNIT_LABEL = 32;

export interface PeriodChoice {
  year: number;
  period: ReportPeriod;
}

/** This year's first half, this whole year, last whole year: periods that have begun (both start on 1 January). */
export function statsPeriods(thisYear: number): PeriodChoice[] {
  return [
    { year: thisYear, period: "H1" },
    { year: thisYear, period: "YEAR" },
    { year: thisYear - 1, period: "YEAR" },
  ];
}

/** Period buttons, two a row, each with its callback data. */
export function periodRows(t: T, k: InlineKeyboard, periods: PeriodChoice[], data: (p: PeriodChoice) => string): void {
  periods.forEach((p, i) => {
    k.text(periodButton(t, p.period, p.year), data(p));
    if (i % 2 === 1 || i === periods.length - 1) k.row();
  });
}

export function percent(share: number): number {
  return Math.round(share * 100);
}

/** "Chi hội bản Lác, Trường THCS …, … và 3 đơn vị khác". */
function missingText(t: T, missing: { unitName: string }[]): string {
  const named = missing.slice(0, MAX_MISSING_NAMED).map((u) => escapeHtml(u.unitName)).join(", ");
  const more = missing.length - MAX_MISSING_NAMED;
  return more > 0 ? t("stats-missing-more", { units: named, count: more }) : named;
}

/** The text summary of a subtree's figures (HTML). */
export function statsText(t: T, locale: Locale, s: SubtreeStats): string {
  const head = t("stats-title", {
    unit: escapeHtml(s.unitName), period: periodLabel(t, s.period, s.year), from: day(s.from), to: day(s.to),
  });
  const lines: string[] = [];
  const r = s.reports;
  if (r.owed === 0) lines.push(t("stats-reports-none-owed"));
  else {
    lines.push(t("stats-reports", { submitted: r.submitted, owed: r.owed }) + (r.late > 0 ? t("stats-reports-late", { late: r.late }) : ""));
    lines.push(r.missing.length === 0 ? t("stats-reports-all-in") : t("stats-reports-missing", { units: missingText(t, r.missing) }));
  }
  lines.push(t("stats-piggy", { amount: money(locale, s.piggy.collected), openings: s.piggy.openings }));
  const sp = s.sponsorship;
  lines.push(sp.inSchoolShare === null
    ? t("stats-sponsor-no-pupils", { active: sp.active })
    : t("stats-sponsor", { active: sp.active, percent: percent(sp.inSchoolShare), still: sp.stillInSchool, sponsored: sp.sponsored }));
  const l = s.learning;
  lines.push(l.recognisedShare === null
    ? t("stats-learning-none")
    : t("stats-learning", { recognised: l.recognised, registered: l.registered, percent: percent(l.recognisedShare) }));
  lines.push(t("stats-scholarships", { count: s.scholarships.count, amount: money(locale, s.scholarships.amount) }));
  return `${head}\n\n${lines.join("\n")}`;
}

/** "Chưa có số liệu nào được báo cáo cho … (kỳ …)." */
export function emptyText(t: T, s: Pick<SubtreeStats, "unitName" | "period" | "year">): string {
  return t("stats-empty", { unit: escapeHtml(s.unitName), period: periodLabel(t, s.period, s.year) });
}

export interface ChartToSend {
  chart: BarChart;
  caption: string;
}

/**
 * The charts of the child units: money collected (when any was), report
 * completeness (when any child owes the report). None without children.
 */
export function statsCharts(t: T, locale: Locale, s: SubtreeStats): ChartToSend[] {
  const charts: ChartToSend[] = [];
  const period = periodLabel(t, s.period, s.year);
  const unit = s.unitName;
  const children = s.children;
  if (children.some((c) => c.piggyCollected > 0)) {
    charts.push({
      chart: {
        title: t("stats-chart-money-title", { period }), locale, valueFormat: "money",
        labels: children.map((c) => shorten(c.unitName, 40)),
        series: [{ name: t("stats-chart-money-series"), values: children.map((c) => c.piggyCollected) }],
      },
      caption: t("stats-chart-money-caption", { unit, period, amount: money(locale, s.piggy.collected) }),
    });
  }
  const owing = children.filter((c) => c.reportsOwed > 0);
  if (owing.length > 0) {
    charts.push({
      chart: {
        title: t("stats-chart-reports-title", { period }), locale, valueFormat: "count",
        labels: owing.map((c) => shorten(c.unitName, 40)),
        series: [
          { name: t("stats-chart-reports-owed"), values: owing.map((c) => c.reportsOwed) },
          { name: t("stats-chart-reports-submitted"), values: owing.map((c) => c.reportsSubmitted) },
        ],
      },
      caption: t("stats-chart-reports-caption", { unit, period, submitted: s.reports.submitted, owed: s.reports.owed }),
    });
  }
  return charts;
}
