// The typed context: grammY's Context plus each plugin's flavour and what we
// inject per update (config, logger, services, the person behind the update).
import type { Context, SessionFlavor } from "grammy";
import type { ConversationFlavor, Conversation } from "@grammyjs/conversations";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Logger } from "pino";
import type { Services, Person } from "../services/index.ts";

export interface SessionData {
  /** the language the person chose with /lang (read by the i18n plugin) */
  __language_code?: string;
  /** conversation state, kept in the session row (one read and one write per update) */
  conversations?: Record<string, unknown>;
  /** file_id of a unit CSV waiting for the administrator's confirmation */
  pendingImport?: string;
}

export interface AppInfo {
  botUsername: string;
  adminTelegramIds: readonly number[];
}

interface Injected {
  services: Services;
  log: Logger;
  app: AppInfo;
  /** loaded once per update for updates that come from a user */
  person: Person;
}

export type BaseContext = Context & SessionFlavor<SessionData> & I18nFlavor & Injected;
export type BotContext = ConversationFlavor<BaseContext>;

/** Inside conversations: no session, but translations (see bot/i18n.ts). */
export type FlowContext = Context & {
  t: (key: string, vars?: Record<string, string | number>) => string;
  locale: "vi" | "en";
};
export type Flow = Conversation<BotContext, FlowContext>;
