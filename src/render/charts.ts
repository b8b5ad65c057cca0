// Charts as PNG pictures drawn inside the process (issue 8): Apache ECharts in
// server-side SVG mode, rendered by resvg with the bot's own fonts (see
// pictures.ts). No network, no native build.
import * as echarts from "echarts";
import { formatAmount } from "../domain/money.ts";
import { FONT_FAMILY, renderPng, textWidth } from "./pictures.ts";

export interface BarChart {
  /** drawn at the top */
  title: string;
  /** one bar (group) per label, e.g. the communes */
  labels: string[];
  /** one or more series of values, one value per label */
  series: { name: string; values: number[] }[];
  /** how values are written on the axis and the bars; "percent" values are percentages (0–100) */
  valueFormat: "money" | "count" | "percent";
  locale: "vi" | "en";
  /** the picture's size in pixels: 800 wide by default, and tall enough for the bars */
  width?: number;
  height?: number;
}

const PALETTE = ["#2f6fb5", "#e0892b", "#3a9b5c", "#b8474a"];
const TEXT = "#222";
/** Room for the longest unit name on the left, at most this share of the width. */
const MAX_LABEL_SHARE = 0.38;
const LABEL_SIZE = 13;

/**
 * ECharts lays text out by measuring it; on the server it has no canvas, so
 * it is given the same rough measure the certificate uses for our font
 * (set once, process-wide: we only ever draw with that font).
 */
let measuring = false;
function measureWithOurFont(): void {
  if (measuring) return;
  echarts.setPlatformAPI({
    measureText: (text: string, font?: string) => {
      const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? "")?.[1] ?? 12);
      return { width: textWidth(text, size, /bold|[6-9]00/.test(font ?? "")) };
    },
  });
  measuring = true;
}

const group = (n: number, sep: string) => Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, sep);

/** A number with at most one decimal, in the locale's way ("1,5" in Vietnamese, "1.5" in English). */
function decimal(n: number, locale: "vi" | "en"): string {
  const rounded = Math.round(n * 10) / 10;
  const [int = "0", frac] = rounded.toString().split(".");
  const intPart = group(Number(int), locale === "vi" ? "." : ",");
  return frac ? `${intPart}${locale === "vi" ? "," : "."}${frac}` : intPart;
}

/** Short money for the axis: "1,5 tr", "2 tỷ", "500 k" (vi); "1.5M", "2B", "500k" (en). */
const MONEY_UNITS = {
  vi: [[1e9, " tỷ"], [1e6, " tr"], [1e3, " k"]],
  en: [[1e9, "B"], [1e6, "M"], [1e3, "k"]],
} as const;

function shortValue(value: number, format: BarChart["valueFormat"], locale: "vi" | "en"): string {
  if (format === "percent") return `${decimal(value, locale)}%`;
  if (format === "count") return group(value, locale === "vi" ? "." : ",");
  for (const [size, unit] of MONEY_UNITS[locale]) if (Math.abs(value) >= size) return `${decimal(value / size, locale)}${unit}`;
  return decimal(value, locale);
}

/** The value written at the end of a bar: money in full as the bot writes it ("1.500.000 ₫"). */
function barValue(value: number, format: BarChart["valueFormat"], locale: "vi" | "en"): string {
  return format === "money" ? formatAmount(value, locale) : shortValue(value, format, locale);
}

/** A horizontal bar chart as a PNG (long Vietnamese unit names fit on the left). */
export async function barChartPng(chart: BarChart): Promise<Buffer> {
  measureWithOurFont();
  const nfc = (s: string) => s.normalize("NFC");
  const labels = chart.labels.map(nfc);
  const series = chart.series.map((s) => ({ name: nfc(s.name), values: s.values }));
  const legend = series.length > 1;
  const width = Math.round(chart.width ?? 800);
  const bandHeight = Math.max(28, 12 + 20 * series.length);
  const top = legend ? 84 : 56;
  const height = Math.round(chart.height ?? Math.max(220, top + 40 + bandHeight * Math.max(1, labels.length)));
  // The names take what they need on the left, up to a share of the width (longer ones are cut with "…").
  const labelRoom = Math.min(width * MAX_LABEL_SHARE, Math.max(40, ...labels.map((l) => textWidth(l, LABEL_SIZE))) + 12);
  const valueRoom = Math.max(60, ...series.flatMap((s) => s.values.map((v) => textWidth(barValue(v, chart.valueFormat, chart.locale), 12)))) + 16;

  const instance = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    instance.setOption({
      animation: false,
      backgroundColor: "#ffffff",
      color: PALETTE,
      textStyle: { fontFamily: FONT_FAMILY, color: TEXT },
      title: { text: nfc(chart.title), left: 16, top: 14, textStyle: { fontFamily: FONT_FAMILY, fontSize: 18, fontWeight: "bold", color: TEXT } },
      legend: legend ? { top: 46, left: 16, itemGap: 18, textStyle: { fontFamily: FONT_FAMILY, fontSize: 13, color: TEXT } } : { show: false },
      grid: { left: 16 + labelRoom, right: valueRoom, top, bottom: 32, containLabel: false },
      xAxis: {
        type: "value",
        max: chart.valueFormat === "percent" ? 100 : undefined,
        minInterval: chart.valueFormat === "count" ? 1 : undefined,
        axisLabel: { fontFamily: FONT_FAMILY, fontSize: 11, color: "#555", formatter: (v: number) => shortValue(v, chart.valueFormat, chart.locale) },
        splitLine: { lineStyle: { color: "#e3e3e3" } },
      },
      yAxis: {
        type: "category",
        inverse: true,
        data: labels,
        axisTick: { show: false },
        axisLabel: { fontFamily: FONT_FAMILY, fontSize: LABEL_SIZE, color: TEXT, width: labelRoom - 8, overflow: "truncate", ellipsis: "…" },
      },
      series: series.map((s) => ({
        type: "bar",
        name: s.name,
        data: labels.map((_, i) => s.values[i] ?? 0),
        barMaxWidth: 26,
        label: {
          show: true, position: "right", fontFamily: FONT_FAMILY, fontSize: 12, color: TEXT,
          formatter: (p: { value: unknown }) => barValue(Number(p.value), chart.valueFormat, chart.locale),
        },
      })),
    });
    return renderPng(instance.renderToSVGString());
  } finally {
    instance.dispose();
  }
}
