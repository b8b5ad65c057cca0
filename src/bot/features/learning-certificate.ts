// 🏅 The certificate of a recognised learning family, clan, community or unit
// (giấy chứng nhận): a PNG picture sent in the chat, in the language of the
// person who asks. The services decide who may have it (whoever may see the
// evaluation) and that it was recognised; this file only words and draws it.
//
// Callback data: "lz:<evaluationId>".
import { Composer, InlineKeyboard, InputFile } from "grammy";
import { vietnamToday } from "../../domain/dates.ts";
import { searchKey } from "../../domain/text.ts";
import type { CertificateTexts } from "../../render/certificate.ts";
import type { EvaluationSummary } from "../../services/learning.ts";
import type { BotContext } from "../context.ts";
import { inLocale, modelLabel, type Locale, type T } from "../conversations/learning-text.ts";
import { localeOf, politely } from "./replies.ts";

/** The unit as the certificate's issuer: "Hội Khuyến học xã Mãn Đức", unless its name already says so. */
function issuerLine(t: T, locale: Locale, unit: string): string {
  const named = searchKey(unit).includes("khuyen hoc");
  return (named ? unit : t("certificate-issuer", { unit })).toLocaleUpperCase(locale);
}

export function certificateTexts(t: T, locale: Locale, e: EvaluationSummary, issuer: string): CertificateTexts {
  const r = e.registration;
  const when = vietnamToday(e.recognisedAt ? new Date(e.recognisedAt) : new Date());
  const monthName = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2000, when.month - 1, 1)));
  const grade = inLocale(e.gradeLabel, locale);
  const result = {
    total: e.total, max: e.max, grade, set: inLocale(e.set.title, locale), basis: e.set.legalBasis, version: e.set.version,
  };
  return {
    issuer: issuerLine(t, locale, issuer),
    heading: t("certificate-heading"),
    lead: t(`certificate-lead-${r.model}`),
    name: r.name,
    details: [r.village, r.unitName].filter((x): x is string => Boolean(x)).join(" · "),
    titleLead: t("certificate-title-lead"),
    title: modelLabel(t, r.model).toLocaleUpperCase(locale),
    year: t("certificate-year", { year: r.year }),
    result: t(grade ? "certificate-result" : "certificate-result-no-grade", result),
    date: t("certificate-date", { day: when.day, month: when.month, monthName, year: when.year }),
    serial: t("certificate-serial", { id: e.id, year: r.year }),
    footer: t("certificate-footer"),
  };
}

async function sendCertificate(ctx: BotContext, evaluationId: number): Promise<void> {
  const { evaluation: e, issuer } = await ctx.services.learning.certificateOf(ctx.person, evaluationId);
  const locale = await localeOf(ctx);
  await ctx.replyWithChatAction("upload_photo");
  // The drawing library (native) is loaded on the first certificate, not at start.
  const { renderCertificate } = await import("../../render/certificate.ts");
  const png = renderCertificate(certificateTexts(ctx.t, locale, e, issuer));
  const caption = ctx.t("certificate-caption", { title: modelLabel(ctx.t, e.registration.model), name: e.registration.name, year: e.registration.year });
  await ctx.replyWithPhoto(new InputFile(png, `${ctx.t("certificate-file")}-${e.id}.png`), {
    caption,
    reply_markup: new InlineKeyboard().text(ctx.t("btn-learning-review-details"), `lv:${e.id}`).text(ctx.t("btn-learning-home"), "lh"),
  });
}

export function learningCertificateFeature() {
  const feature = new Composer<BotContext>();
  feature.callbackQuery(/^lz:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => sendCertificate(ctx, Number(ctx.match[1])), (error) =>
      ctx.reply(ctx.t(`errors-${error.code}`, error.params), { reply_markup: new InlineKeyboard().text(ctx.t("btn-learning-home"), "lh") }));
  });
  return feature;
}
