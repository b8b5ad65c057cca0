// Translations: Vietnamese by default, English second. Until a person
// chooses with /lang, a Telegram set to English gets English.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import type { MiddlewareFn } from "grammy";
import type { BaseContext, Flow, FlowContext } from "./context.ts";

export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "vi";

const LOCALES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../locales");

export function toLocale(value: string | null | undefined): Locale | null {
  if (!value) return null;
  return (LOCALES as readonly string[]).includes(value) ? (value as Locale) : null;
}

/** The language for someone who has not chosen: English Telegram → en, everyone else vi. */
export function defaultLocaleFor(languageCode: string | undefined): Locale {
  return languageCode?.toLowerCase().startsWith("en") ? "en" : DEFAULT_LOCALE;
}

export function createI18n(): I18n<BaseContext> {
  const i18n = new I18n<BaseContext>({
    defaultLocale: DEFAULT_LOCALE,
    directory: LOCALES_DIR,
    useSession: true,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) =>
      toLocale(ctx.session?.__language_code) ?? toLocale(ctx.person?.language) ?? defaultLocaleFor(ctx.from?.language_code),
  });
  return i18n;
}

/**
 * Conversations do not see the session, so they ask the outside context for
 * its locale (recorded once per update by `external`) and translate with it.
 */
export function flowI18n(i18n: I18n<BaseContext>) {
  return (conversation: Flow): MiddlewareFn<FlowContext>[] => [
    async (ctx, next) => {
      const locale = await conversation.external(async (outside) => toLocale(await outside.i18n.getLocale()) ?? DEFAULT_LOCALE);
      ctx.locale = locale;
      ctx.t = (key, vars) => i18n.t(locale, key, vars);
      await next();
    },
  ];
}

/** Translate for someone other than the sender (notifications). */
export function translator(i18n: I18n<BaseContext>, language: string | null | undefined) {
  const locale = toLocale(language) ?? DEFAULT_LOCALE;
  return (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);
}
