// Administrators manage the criteria sets of the learning models: /criteria
// lists the stored sets per model and which one is in force this year (with
// a button to put a complete set in force); a .json file sent to the bot is
// checked and stored as a new set or version, every error listed with its
// place in the file. Other documents (the unit CSV) go on to the import.
import { Composer, InlineKeyboard } from "grammy";
import type { Document } from "grammy/types";
import { MAX_FILE_BYTES, MODELS, appliesTo, type CriteriaError, type LearningModel } from "../../domain/criteria.ts";
import { isAdmin } from "../../domain/permissions.ts";
import type { CriteriaSetView } from "../../services/criteria.ts";
import { isServiceError } from "../../services/errors.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml, shorten } from "../format.ts";
import type { Locale } from "../i18n.ts";
import type { FileSource } from "./import.ts";
import { localeOf } from "./replies.ts";

/** Error lines shown at most, and a margin under Telegram's 4096 characters. */
const SHOWN_ERRORS = 40;
const MAX_REPORT_CHARS = 3_600;

type T = BotContext["t"];

function isJsonDocument(doc: Document): boolean {
  return (doc.file_name ?? "").toLowerCase().endsWith(".json") || doc.mime_type === "application/json";
}

function modelLabel(t: T, model: LearningModel): string {
  return t(`criteria-model-${model.toLowerCase()}`);
}

function yearsLabel(t: T, years: CriteriaSetView["years"]): string {
  return years.to === null ? t("criteria-years-open", { from: String(years.from) }) : t("criteria-years-range", { from: String(years.from), to: String(years.to) });
}

/** One line per error with its place in the file, the reason translated; at most ~40 lines. */
export function describeCriteriaErrors(t: T, errors: CriteriaError[]): string {
  const lines: string[] = [];
  let length = 0;
  for (const e of errors) {
    if (lines.length >= SHOWN_ERRORS) break;
    const params: Record<string, string | number> = Object.fromEntries(
      Object.entries(e.params).map(([k, v]) => [k, typeof v === "string" ? escapeHtml(v) : v]),
    );
    if (e.code === "too_large") params.kb = Math.floor(MAX_FILE_BYTES / 1024);
    const key = e.code === "bands_gap" && e.params.b === "" ? "criteria-error-bands_gap_top" : `criteria-error-${e.code}`;
    const reason = t(key, params);
    const line = e.path === "" ? t("criteria-error-whole", { reason }) : t("criteria-error-at", { path: escapeHtml(e.path), reason });
    if (length + line.length > MAX_REPORT_CHARS) break;
    lines.push(line);
    length += line.length + 1;
  }
  const more = errors.length - lines.length;
  if (more > 0) lines.push(t("criteria-more-errors", { count: more }));
  return `${t("criteria-rejected", { count: errors.length })}\n${lines.join("\n")}`;
}

/** The summary of a stored set, and whether it may be put in force for `year`. */
function describeSet(t: T, L: Locale, set: CriteriaSetView, year: number): string {
  const lines = [
    `<b>${escapeHtml(set.title[L])}</b>`,
    t("criteria-summary-model", { model: modelLabel(t, set.model) }),
    t("criteria-summary-version", { version: set.version }),
    t("criteria-summary-basis", { basis: escapeHtml(set.legalBasis) }),
    t("criteria-summary-years", { years: yearsLabel(t, set.years) }),
    set.maxPoints === null
      ? t("criteria-summary-size-no-total", { groups: set.groups, items: set.items })
      : t("criteria-summary-size", { groups: set.groups, items: set.items, points: set.maxPoints }),
    t("criteria-summary-status", { status: statusLine(t, set, year) }),
  ];
  return lines.join("\n");
}

function statusLine(t: T, set: CriteriaSetView, year: number): string {
  if (set.status === "draft") {
    const unknown = set.unknownItems > 0 ? t("criteria-status-draft", { count: set.unknownItems, ids: escapeHtml(set.unknownIds.join(", ")) }) : t("criteria-status-draft-marked");
    return set.hasRule ? unknown : `${unknown} ${t("criteria-status-no-rule")}`;
  }
  if (!appliesTo(set, year)) return t("criteria-status-not-this-year", { year: String(year), years: yearsLabel(t, set.years) });
  return t("criteria-status-complete");
}

function canPutInForce(set: CriteriaSetView, year: number): boolean {
  return set.status === "in_force" && appliesTo(set, year);
}

function inForceButton(t: T, L: Locale, set: CriteriaSetView, year: number): [string, string] {
  return [t("btn-criteria-in-force", { title: shorten(set.title[L], 40), version: set.version, year: String(year) }), `crf:${set.id}:${year}`];
}

/** /criteria: every stored set per model, what is in force this year, and how to load a new one. */
async function showCriteria(ctx: BotContext): Promise<void> {
  if (!isAdmin(ctx.person.actor)) {
    await ctx.reply(ctx.t("errors-forbidden"));
    return;
  }
  const t = ctx.t;
  const L = await localeOf(ctx);
  const year = ctx.services.criteria.currentYear();
  const sets = await ctx.services.criteria.listCriteriaSets(ctx.person);
  const table = await ctx.services.criteria.inForceTable(ctx.person, year);
  const keyboard = new InlineKeyboard();
  const blocks = MODELS.map((model) => {
    const chosen = table.find((row) => row.model === model)?.set ?? null;
    const head = chosen
      ? t("criteria-list-model-in-force", { model: modelLabel(t, model), year: String(year), title: escapeHtml(chosen.title[L]), version: chosen.version })
      : t("criteria-list-model-none", { model: modelLabel(t, model), year: String(year) });
    const ofModel = sets.filter((s) => s.model === model);
    const lines = ofModel.map((set) => {
      const years = set.inForceYears.length > 0 ? `\n${t("criteria-list-in-force-years", { years: set.inForceYears.join(", ") })}` : "";
      return `${t("criteria-list-set", { title: escapeHtml(set.title[L]), version: set.version, status: statusLine(t, set, year) })}${years}`;
    });
    for (const set of ofModel) {
      if (canPutInForce(set, year) && chosen?.id !== set.id) keyboard.text(...inForceButton(t, L, set, year)).row();
    }
    return [head, ...(lines.length > 0 ? lines : [t("criteria-list-empty")])].join("\n");
  });
  keyboard.text(t("btn-menu"), "menu");
  await ctx.reply([t("criteria-list-title", { year: String(year) }), ...blocks, t("criteria-list-how-to-load")].join("\n\n"), {
    parse_mode: "HTML",
    reply_markup: keyboard,
  });
}

async function receiveFile(ctx: BotContext, doc: Document, files: FileSource): Promise<void> {
  if (!isAdmin(ctx.person.actor)) {
    await ctx.reply(ctx.t("errors-forbidden"));
    return;
  }
  if ((doc.file_size ?? 0) > MAX_FILE_BYTES) {
    await ctx.reply(describeCriteriaErrors(ctx.t, [{ code: "too_large", path: "", params: { max: MAX_FILE_BYTES } }]), { parse_mode: "HTML" });
    return;
  }
  await ctx.replyWithChatAction("typing");
  const bytes = await files.download(ctx, doc.file_id);
  let outcome;
  try {
    outcome = await ctx.services.criteria.uploadCriteria(ctx.person, bytes);
  } catch (error) {
    if (!isServiceError(error)) throw error;
    await ctx.reply(ctx.t(`errors-${error.code}`, error.params));
    return;
  }
  if (!outcome.ok) {
    await ctx.reply(describeCriteriaErrors(ctx.t, outcome.errors), { parse_mode: "HTML" });
    return;
  }
  const t = ctx.t;
  const L = await localeOf(ctx);
  const set = outcome.set;
  const year = ctx.services.criteria.currentYear();
  const current = await ctx.services.criteria.inForce(set.model, year);
  const keyboard = new InlineKeyboard();
  if (canPutInForce(set, year) && current?.id !== set.id) keyboard.text(...inForceButton(t, L, set, year)).row();
  keyboard.text(t("btn-criteria-list"), "crl");
  const head = t(outcome.created ? "criteria-saved" : "criteria-already-stored");
  const inForceNow = current?.id === set.id ? `\n${t("criteria-in-force-now", { year: String(year) })}` : "";
  await ctx.reply(`${head}\n${describeSet(t, L, set, year)}${inForceNow}`, { parse_mode: "HTML", reply_markup: keyboard });
}

export function criteriaFeature(files: FileSource) {
  const feature = new Composer<BotContext>();
  feature.command("criteria", showCriteria);
  feature.callbackQuery("crl", async (ctx) => {
    await ctx.answerCallbackQuery();
    await showCriteria(ctx);
  });
  // A refusal (a draft, another model, not an administrator) comes back as an alert from the error boundary.
  feature.callbackQuery(/^crf:(\d{1,9}):(\d{4})$/, async (ctx) => {
    const id = Number(ctx.match[1]);
    const year = Number(ctx.match[2]);
    const set = await ctx.services.criteria.describeCriteriaSet(ctx.person, id);
    const result = await ctx.services.criteria.setInForce(ctx.person, set.model, year, id);
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    const L = await localeOf(ctx);
    await ctx.reply(
      ctx.t("criteria-in-force-done", { model: modelLabel(ctx.t, result.model), year: String(year), title: escapeHtml(set.title[L]), version: set.version }),
      { parse_mode: "HTML" },
    );
    await showCriteria(ctx);
  });
  feature.on("message:document", async (ctx, next) => {
    if (!isJsonDocument(ctx.message.document)) return next();
    await receiveFile(ctx, ctx.message.document, files);
  });
  return feature;
}
