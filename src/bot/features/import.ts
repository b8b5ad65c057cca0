// Administrators replace or extend the unit tree by sending a CSV file: the
// bot checks it first (every error listed with its line), shows what would
// change, and imports all of it or nothing after a confirmation.
import { Composer, InlineKeyboard } from "grammy";
import { isAdmin } from "../../domain/permissions.ts";
import type { ImportOutcome } from "../../services/unit-import.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml } from "../format.ts";

const MAX_BYTES = 5 * 1024 * 1024;
const SHOWN_ERRORS = 15;

export interface FileSource {
  /** downloads a Telegram file by file_id */
  download(ctx: BotContext, fileId: string): Promise<Uint8Array>;
}

/** Downloads from the Bot API's file endpoint (a self-hosted or fake one when apiRoot is set). */
export function botApiFiles(apiRoot = "https://api.telegram.org"): FileSource {
  return {
    async download(ctx, fileId) {
      const file = await ctx.api.getFile(fileId);
      if (!file.file_path) throw new Error("file has no path");
      const response = await fetch(`${apiRoot}/file/bot${ctx.api.token}/${file.file_path}`);
      if (!response.ok) throw new Error(`file download failed with HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}

function describeErrors(ctx: BotContext, outcome: Extract<ImportOutcome, { ok: false }>): string {
  const lines = outcome.errors.slice(0, SHOWN_ERRORS).map((e) => {
    const params = Object.fromEntries(Object.entries(e.params).map(([k, v]) => [k, typeof v === "string" ? escapeHtml(v) : v]));
    const text = ctx.t(`csv-error-${e.code.replace(/_/g, "-")}`, params);
    return e.line === null ? `• ${text}` : `• ${ctx.t("csv-line", { line: e.line })}: ${text}`;
  });
  const more = outcome.totalErrors - Math.min(outcome.errors.length, SHOWN_ERRORS);
  if (more > 0) lines.push(ctx.t("csv-more-errors", { count: more }));
  return `${ctx.t("csv-rejected", { count: outcome.totalErrors })}\n${lines.join("\n")}`;
}

export function importFeature(files: FileSource) {
  const feature = new Composer<BotContext>();

  const explain = async (ctx: BotContext) => {
    if (!isAdmin(ctx.person.actor)) {
      await ctx.reply(ctx.t("errors-forbidden"));
      return;
    }
    await ctx.reply(ctx.t("import-help"), {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard().text(ctx.t("btn-remove-examples"), "imx"),
    });
  };
  feature.command("import", explain);
  feature.callbackQuery("imp", async (ctx) => {
    await ctx.answerCallbackQuery();
    await explain(ctx);
  });

  feature.callbackQuery("imx", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("import-remove-examples-confirm"), {
      reply_markup: new InlineKeyboard().text(ctx.t("btn-remove-examples-yes"), "imxy").text(ctx.t("btn-cancel"), "impno"),
    });
  });
  feature.callbackQuery("imxy", async (ctx) => {
    const result = await ctx.services.unitImport.removeExampleUnits(ctx.person);
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await ctx.reply(ctx.t("import-examples-removed", result));
  });

  feature.on("message:document", async (ctx) => {
    if (!isAdmin(ctx.person.actor)) {
      await ctx.reply(ctx.t("import-files-admin-only"));
      return;
    }
    const doc = ctx.message.document;
    if ((doc.file_size ?? 0) > MAX_BYTES) {
      await ctx.reply(ctx.t("import-too-big", { mb: 5 }));
      return;
    }
    await ctx.replyWithChatAction("typing");
    const bytes = await files.download(ctx, doc.file_id);
    const preview = await ctx.services.unitImport.previewUnitImport(ctx.person, bytes);
    if (!preview.ok) {
      await ctx.reply(describeErrors(ctx, preview), { parse_mode: "HTML" });
      return;
    }
    ctx.session.pendingImport = doc.file_id;
    await ctx.reply(ctx.t("import-preview", { created: preview.created, updated: preview.updated, encoding: preview.encoding }), {
      reply_markup: new InlineKeyboard().text(ctx.t("btn-import-go"), "impgo").text(ctx.t("btn-cancel"), "impno"),
    });
  });

  feature.callbackQuery("impgo", async (ctx) => {
    const fileId = ctx.session.pendingImport;
    if (!fileId) {
      await ctx.answerCallbackQuery({ text: ctx.t("stale-button") });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    delete ctx.session.pendingImport;
    const outcome = await ctx.services.unitImport.importUnits(ctx.person, await files.download(ctx, fileId));
    if (!outcome.ok) await ctx.reply(describeErrors(ctx, outcome), { parse_mode: "HTML" });
    else await ctx.reply(ctx.t("import-done", { created: outcome.created, updated: outcome.updated }));
  });
  feature.callbackQuery("impno", async (ctx) => {
    delete ctx.session.pendingImport;
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await ctx.reply(ctx.t("flow-cancelled"));
  });
  return feature;
}
