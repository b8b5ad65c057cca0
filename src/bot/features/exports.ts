// 📥 /export for coordinators (issue 8): what (the summed report, unit
// reports, piggy-bank openings, sponsorship cases, learning families), which
// period, which part of the tree, XLSX or CSV; the bot shows it is working and
// sends the file. The services decide who may export what (report.view,
// periods that have begun, CSV with one kind); every refusal is said with a
// way back. The file is written to a temporary folder and removed once sent.
//
// Callback data (kinds as a bit mask over EXPORT_KINDS, summary = 1):
// "xh" start (summary ticked), "xk:<mask>" the kinds question, "xt:<mask>" a
// tick pressed (the question is edited in place), "xp:<mask>" the period,
// "xu:<mask>:<year>:<period>:<unitId>" the units under unitId (0: one's top
// units), "xf:<mask>:<year>:<period>:<unitId>" the format,
// "xg:<mask>:<year>:<period>:<unitId>:<x|c>" make and send the file.
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { Composer, InlineKeyboard, InputFile } from "grammy";
import { vietnamToday } from "../../domain/dates.ts";
import type { ReportPeriod } from "../../domain/reports.ts";
import type { ServiceError } from "../../services/errors.ts";
import { EXPORT_KINDS, type ExportFormat, type ExportKind, type ExportRequest } from "../../services/exports.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml, shorten } from "../format.ts";
import { MAX_UNIT_BUTTONS, periodLabel, periodRows, statsPeriods, UNIT_LABEL, type T } from "../conversations/stats-text.ts";
import { politely as politelyDo } from "./replies.ts";

/** More rows than this: a progress message, edited now and then. */
export const BIG_EXPORT_ROWS = 2000;
/** The progress message is edited at most this often. */
const PROGRESS_EVERY_MS = 3000;
const SUMMARY_ONLY = 1;
const ALL_KINDS = (1 << EXPORT_KINDS.length) - 1;

interface Scope {
  mask: number;
  year: number;
  period: ReportPeriod;
}

export function kindsOf(mask: number): ExportKind[] {
  return EXPORT_KINDS.filter((_, i) => (mask & (1 << i)) !== 0);
}

function bitOf(kind: ExportKind): number {
  return 1 << EXPORT_KINDS.indexOf(kind);
}

/** 📥 Xuất tệp, 🏠 Menu — under refusals and answers, after what `first` adds. */
function exportWayBack(t: T, first?: (k: InlineKeyboard) => void): InlineKeyboard {
  const k = new InlineKeyboard();
  if (first) {
    first(k);
    k.row();
  }
  return k.text(t("btn-export-start"), "xh").text(t("btn-menu"), "menu");
}

async function sayRefusal(ctx: BotContext, error: ServiceError): Promise<void> {
  await ctx.reply(ctx.t(`errors-${error.code}`, error.params), { reply_markup: exportWayBack(ctx.t) });
}

function politely(ctx: BotContext, task: () => Promise<void>): Promise<void> {
  return politelyDo(ctx, task, (error) => sayRefusal(ctx, error));
}

function kindLabel(t: T, kind: ExportKind): string {
  return t(`export-kind-${kind}`);
}

function kindsText(t: T, mask: number): string {
  return kindsOf(mask).map((k) => kindLabel(t, k)).join(", ");
}

// ---- what ----

function kindsKeyboard(t: T, mask: number): InlineKeyboard {
  const k = new InlineKeyboard();
  EXPORT_KINDS.forEach((kind, i) => {
    const on = (mask & (1 << i)) !== 0;
    k.text(`${on ? "✅" : "⬜"} ${kindLabel(t, kind)}`, `xt:${mask ^ (1 << i)}`).row();
  });
  return k.text(t("btn-export-next"), `xp:${mask}`).row().text(t("btn-back"), "qh").text(t("btn-menu"), "menu");
}

async function askKinds(ctx: BotContext, mask: number): Promise<void> {
  await ctx.services.exports.exportUnits(ctx.person); // a plain member is refused here
  await ctx.reply(ctx.t("export-ask-kinds"), { parse_mode: "HTML", reply_markup: kindsKeyboard(ctx.t, mask) });
}

async function toggleKind(ctx: BotContext, mask: number): Promise<void> {
  await ctx.editMessageReplyMarkup({ reply_markup: kindsKeyboard(ctx.t, mask) }).catch(() => undefined);
}

// ---- when ----

async function askPeriod(ctx: BotContext, mask: number): Promise<void> {
  if (kindsOf(mask).length === 0) {
    await ctx.reply(ctx.t("export-kinds-empty"), { parse_mode: "HTML", reply_markup: kindsKeyboard(ctx.t, SUMMARY_ONLY) });
    return;
  }
  await ctx.services.exports.exportUnits(ctx.person);
  const k = new InlineKeyboard();
  periodRows(ctx.t, k, statsPeriods(vietnamToday(ctx.services.deps.now()).year), (p) => `xu:${mask}:${p.year}:${p.period}:0`);
  k.text(ctx.t("btn-back"), `xk:${mask}`).text(ctx.t("btn-menu"), "menu");
  await ctx.reply(ctx.t("export-ask-period", { kinds: escapeHtml(kindsText(ctx.t, mask)) }), { parse_mode: "HTML", reply_markup: k });
}

// ---- which part of the tree ----

function scopeData(prefix: string, s: Scope, unitId: number): string {
  return `${prefix}:${s.mask}:${s.year}:${s.period}:${unitId}`;
}

async function askUnit(ctx: BotContext, s: Scope, parentId: number): Promise<void> {
  const roots = await ctx.services.exports.exportUnits(ctx.person);
  const t = ctx.t;
  const k = new InlineKeyboard();
  const top = parentId === 0 && roots.length === 1 ? roots[0]!.id : parentId;
  if (top === 0) {
    // Several areas: pick one (the whole of it, or go down into it).
    for (const u of roots.slice(0, MAX_UNIT_BUTTONS)) {
      k.text(shorten(u.name, UNIT_LABEL), scopeData("xf", s, u.id)).text(t("btn-export-down"), scopeData("xu", s, u.id)).row();
    }
    k.text(t("btn-back"), `xp:${s.mask}`).text(t("btn-menu"), "menu");
    await ctx.reply(t("export-ask-unit", { period: periodLabel(t, s.period, s.year) }), { parse_mode: "HTML", reply_markup: k });
    return;
  }
  const unit = await ctx.services.units.viewUnit(ctx.person, top);
  const children = await ctx.services.units.listChildren(ctx.person, top);
  k.text(t("btn-export-whole", { unit: shorten(unit.name, UNIT_LABEL) }), scopeData("xf", s, unit.id)).row();
  for (const c of children.slice(0, MAX_UNIT_BUTTONS)) {
    k.text(shorten(c.name, UNIT_LABEL), scopeData("xf", s, c.id)).text(t("btn-export-down"), scopeData("xu", s, c.id)).row();
  }
  const isRoot = roots.some((r) => r.id === unit.id);
  const back = !isRoot && unit.parentId !== null ? scopeData("xu", s, unit.parentId) : roots.length > 1 ? scopeData("xu", s, 0) : `xp:${s.mask}`;
  k.text(t("btn-back"), back).text(t("btn-menu"), "menu");
  const text = t("export-ask-unit-in", { unit: escapeHtml(unit.name), period: periodLabel(t, s.period, s.year) });
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: k });
}

// ---- the format ----

async function askFormat(ctx: BotContext, s: Scope, unitId: number): Promise<void> {
  const roots = await ctx.services.exports.exportUnits(ctx.person);
  const unit = await ctx.services.units.viewUnit(ctx.person, unitId);
  const t = ctx.t;
  // ⬅️ the list the unit was picked from: its parent's, or one's top units.
  const isRoot = roots.some((r) => r.id === unit.id);
  const k = new InlineKeyboard()
    .text(t("btn-export-xlsx"), `${scopeData("xg", s, unitId)}:x`).row()
    .text(t("btn-export-csv"), `${scopeData("xg", s, unitId)}:c`).row()
    .text(t("btn-back"), scopeData("xu", s, isRoot ? 0 : (unit.parentId ?? 0))).text(t("btn-menu"), "menu");
  const text = t("export-ask-format", { unit: escapeHtml(unit.name), period: periodLabel(t, s.period, s.year), kinds: escapeHtml(kindsText(t, s.mask)) });
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: k });
}

/** CSV holds one kind: say so, and offer one CSV per ticked kind, or the XLSX with all of them. */
async function askCsvKind(ctx: BotContext, s: Scope, unitId: number): Promise<void> {
  const t = ctx.t;
  const k = new InlineKeyboard();
  for (const kind of kindsOf(s.mask)) k.text(t("btn-export-csv-kind", { kind: kindLabel(t, kind) }), `${scopeData("xg", { ...s, mask: bitOf(kind) }, unitId)}:c`).row();
  k.text(t("btn-export-xlsx-all"), `${scopeData("xg", s, unitId)}:x`).row();
  k.text(t("btn-back"), scopeData("xf", s, unitId)).text(t("btn-menu"), "menu");
  await ctx.reply(t("export-csv-one-kind", { count: kindsOf(s.mask).length }), { parse_mode: "HTML", reply_markup: k });
}

// ---- the file ----

/** "⏳ Preparing… N rows", edited at most every few seconds while the file is written. */
function progressReporter(ctx: BotContext, messageId: number | null, total: number) {
  let last = Date.now();
  let edits: Promise<unknown> = Promise.resolve();
  return {
    onProgress: (rows: number) => {
      if (messageId === null || Date.now() - last < PROGRESS_EVERY_MS) return;
      last = Date.now();
      const text = ctx.t("export-progress", { rows, total });
      edits = edits
        .then(() => Promise.all([ctx.api.editMessageText(ctx.chat!.id, messageId, text), ctx.replyWithChatAction("upload_document")]))
        .catch(() => undefined);
    },
    settled: () => edits,
  };
}

async function sendExport(ctx: BotContext, s: Scope, unitId: number, format: ExportFormat): Promise<void> {
  const t = ctx.t;
  const request: ExportRequest = { unitId, year: s.year, period: s.period, kinds: kindsOf(s.mask), format };
  if (format === "csv" && request.kinds.length !== 1) {
    await askCsvKind(ctx, s, unitId);
    return;
  }
  await ctx.editMessageReplyMarkup().catch(() => undefined); // pressed once: the file is on its way
  const counted = await ctx.services.exports.countExport(ctx.person, request);
  const unit = await ctx.services.units.viewUnit(ctx.person, unitId);
  const vars = { unit: escapeHtml(unit.name), period: periodLabel(t, s.period, s.year) };
  const again = exportWayBack(t, (k) => k.text(t("btn-export-other-period"), `xp:${s.mask}`));
  if (counted.total === 0) {
    await ctx.reply(t("export-empty", { ...vars, kinds: escapeHtml(kindsText(t, s.mask)) }), { parse_mode: "HTML", reply_markup: again });
    return;
  }
  await ctx.replyWithChatAction("upload_document");
  const big = counted.total > BIG_EXPORT_ROWS;
  const progress = big ? await ctx.reply(t("export-progress", { rows: 0, total: counted.total })) : null;
  const reporter = progressReporter(ctx, progress?.message_id ?? null, counted.total);
  const dir = await mkdtemp(path.join(tmpdir(), "khuyenhoc-export-"));
  try {
    const file = path.join(dir, `export.${format}`);
    const out = createWriteStream(file);
    let result;
    try {
      result = await ctx.services.exports.writeExport(ctx.person, request, out, reporter.onProgress);
      if (!out.writableEnded) out.end();
      await finished(out);
    } finally {
      out.destroy();
    }
    await reporter.settled();
    if (progress) await ctx.api.editMessageText(ctx.chat!.id, progress.message_id, t("export-progress-done", { rows: result.rows })).catch(() => undefined);
    const caption = t("export-caption", { unit: unit.name, period: periodLabel(t, s.period, s.year), rows: result.rows, format: format.toUpperCase() });
    await ctx.replyWithDocument(new InputFile(file, result.fileName), { caption, reply_markup: again });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const SCOPE = "(\\d{1,2}):(\\d{4}):(H1|YEAR):(\\d{1,9})";

function scopeOf(match: RegExpMatchArray): Scope {
  return { mask: Number(match[1]) & ALL_KINDS, year: Number(match[2]), period: match[3] as ReportPeriod };
}

/** A press: answered at once, then the task (a refusal said in the chat). */
function onPress(task: (ctx: BotContext, match: RegExpMatchArray) => Promise<void>) {
  return async (ctx: BotContext) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => task(ctx, ctx.match as RegExpMatchArray));
  };
}

export function exportsFeature() {
  const feature = new Composer<BotContext>();
  feature.command("export", (ctx) => politely(ctx, () => askKinds(ctx, SUMMARY_ONLY)));
  feature.callbackQuery("xh", onPress((ctx) => askKinds(ctx, SUMMARY_ONLY)));
  feature.callbackQuery(/^xk:(\d{1,2})$/, onPress((ctx, m) => askKinds(ctx, Number(m[1]) & ALL_KINDS)));
  feature.callbackQuery(/^xt:(\d{1,2})$/, onPress((ctx, m) => toggleKind(ctx, Number(m[1]) & ALL_KINDS)));
  feature.callbackQuery(/^xp:(\d{1,2})$/, onPress((ctx, m) => askPeriod(ctx, Number(m[1]) & ALL_KINDS)));
  feature.callbackQuery(new RegExp(`^xu:${SCOPE}$`), onPress((ctx, m) => askUnit(ctx, scopeOf(m), Number(m[4]))));
  feature.callbackQuery(new RegExp(`^xf:${SCOPE}$`), onPress((ctx, m) => askFormat(ctx, scopeOf(m), Number(m[4]))));
  feature.callbackQuery(new RegExp(`^xg:${SCOPE}:([xc])$`), onPress((ctx, m) => sendExport(ctx, scopeOf(m), Number(m[4]), m[5] === "c" ? "csv" : "xlsx")));
  return feature;
}
