// The command list in Telegram's menu (setMyCommands), in Vietnamese (the
// default) and English, and wider for members (their unit's piggy banks,
// their sponsorship cases), coordinators and administrators: their private
// chat gets its own list (a chat scope) in their language.
import type { Api } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import type { Logger } from "pino";
import { isAdmin, roleRank } from "../domain/permissions.ts";
import type { Services } from "../services/index.ts";
import type { BaseContext } from "./context.ts";
import { LOCALES, DEFAULT_LOCALE, toLocale } from "./i18n.ts";
import { describe } from "./middlewares/index.ts";
import { ADMIN_COMMANDS, COORDINATOR_COMMANDS, EVERYONE_COMMANDS, MEMBER_COMMANDS } from "./command-names.ts";

export { ADMIN_COMMANDS, COORDINATOR_COMMANDS, EVERYONE_COMMANDS, MEMBER_COMMANDS };

export type CommandSync = ReturnType<typeof createCommandSync>;

export function createCommandSync(api: Api, i18n: I18n<BaseContext>, services: Services, log: Logger) {
  const list = (names: readonly string[], locale: string) =>
    names.map((command) => ({ command, description: i18n.t(locale, `cmd-${command}`) }));

  async function syncFor(telegramId: number, language: string | null): Promise<void> {
    const person = await services.access.loadPerson(telegramId);
    const locale = toLocale(language) ?? toLocale(person.language) ?? DEFAULT_LOCALE;
    const scope = { type: "chat" as const, chat_id: telegramId };
    try {
      if (isAdmin(person.actor)) await api.setMyCommands(list(ADMIN_COMMANDS, locale), { scope });
      else if (person.actor.roles.some((r) => roleRank(r.role) >= roleRank("COORDINATOR"))) {
        await api.setMyCommands(list(COORDINATOR_COMMANDS, locale), { scope });
      } else if (person.actor.roles.length > 0) await api.setMyCommands(list(MEMBER_COMMANDS, locale), { scope });
      else await api.deleteMyCommands({ scope });
    } catch (error) {
      // A person who never opened the chat cannot have a chat scope yet; harmless.
      log.debug({ err: describe(error), telegramId }, "command list not set for chat");
    }
  }

  return {
    /** The default list for everyone, per language (Vietnamese is the fallback). */
    async registerDefaults(): Promise<void> {
      for (const locale of LOCALES) {
        const options = locale === DEFAULT_LOCALE ? {} : { language_code: locale as "en" };
        await api.setMyCommands(list(EVERYONE_COMMANDS, locale), { scope: { type: "all_private_chats" }, ...options });
        await api.setMyCommands(list(EVERYONE_COMMANDS, locale), options);
      }
    },
    syncFor,
    /** At start-up: every coordinator and administrator gets their wider list. */
    async syncManagers(): Promise<void> {
      for (const m of await services.members.listManagers()) await syncFor(m.telegramId, m.language);
    },
  };
}
