// Shared setup for the bot's conversation tests: a fresh PGlite database with
// the example tree of Hòa Bình, the fake Telegram, the real createBot wired to
// both, chats for pretend people, and translations with the bot's own keys.
import type { Bot } from "grammy";
import type { User } from "grammy/types";
import { pino } from "pino";
import { createBot } from "../../src/bot/index.ts";
import type { BotContext } from "../../src/bot/context.ts";
import { createI18n } from "../../src/bot/i18n.ts";
import type { Role } from "../../src/domain/permissions.ts";
import type { Person } from "../../src/services/index.ts";
import { seedExampleTree } from "../../src/services/unit-import.ts";
import { freshServices, type TestEnv } from "./db.ts";
import { BOT_INFO, FakeTelegram, TestChat, TOKEN } from "./telegram.ts";

export const ADMIN_ID = 1;

const i18n = createI18n();

/** The bot's own text for a key, to compare with what it sent. */
export function t(locale: "vi" | "en", key: string, vars?: Record<string, string | number>): string {
  return i18n.t(locale, key, vars);
}

/** The visible part of a translated text: without HTML tags, for `toContain`. */
export function plain(text: string): string {
  return text.replace(/<[^>]+>/g, "");
}

export class BotHarness {
  bot: Bot<BotContext>;
  private nextUserId = 100;

  constructor(
    readonly env: TestEnv,
    readonly tg: FakeTelegram,
  ) {
    this.bot = this.build();
  }

  get services() {
    return this.env.services;
  }

  get prisma() {
    return this.env.db.prisma;
  }

  /** A new bot instance on the same database and fake Telegram (as after a restart). */
  build(): Bot<BotContext> {
    return createBot(TOKEN, {
      db: this.env.db.prisma,
      services: this.env.services,
      log: pino({ level: "silent" }),
      adminTelegramIds: [ADMIN_ID],
      botInfo: BOT_INFO,
      client: { fetch: this.tg.fetch },
      throttle: false,
      files: this.tg.files,
    });
  }

  restart(): void {
    this.bot = this.build();
  }

  /** A person's chat; `id` defaults to a fresh one. */
  chat(opts: { id?: number; lang?: string; first_name?: string; last_name?: string } = {}): TestChat {
    const id = opts.id ?? this.nextUserId++;
    const user: User = {
      id, is_bot: false, first_name: opts.first_name ?? `Người ${id}`,
      ...(opts.last_name ? { last_name: opts.last_name } : {}),
      language_code: opts.lang ?? "vi",
    };
    return new TestChat(this.tg, () => this.bot, user);
  }

  adminChat(lang = "vi"): TestChat {
    return this.chat({ id: ADMIN_ID, lang, first_name: "Quản trị" });
  }

  person(telegramId: number): Promise<Person> {
    return this.services.access.loadPerson(telegramId);
  }

  async unit(code: string) {
    return this.prisma.unit.findUniqueOrThrow({ where: { code } });
  }

  async unitByName(name: string) {
    return this.prisma.unit.findFirstOrThrow({ where: { name } });
  }

  /** An invite the administrator made through the services. */
  async invite(unitCode: string, opts: { role?: Role; maxUses?: number | null; expiresAt?: Date | null } = {}) {
    const unit = await this.unit(unitCode);
    return this.services.invites.createInvite(await this.person(ADMIN_ID), {
      unitId: unit.id, role: opts.role ?? "MEMBER", maxUses: opts.maxUses === undefined ? 5 : opts.maxUses, expiresAt: opts.expiresAt ?? null,
    });
  }

  /** Makes someone a member of a unit directly through the services (an invite the admin made). */
  async makeMember(telegramId: number, unitCode: string, role: Role, fullName = "Thành Viên Thử", language = "vi") {
    const unit = await this.unit(unitCode);
    const invite = await this.invite(unitCode, { role, maxUses: 1 });
    await this.services.invites.acceptInvite(invite.code, { telegramId, fullName, phone: null, language });
    return this.prisma.membership.findFirstOrThrow({ where: { unitId: unit.id, member: { telegramId: BigInt(telegramId) } } });
  }

  async membershipsOf(telegramId: number) {
    return this.prisma.membership.findMany({ where: { member: { telegramId: BigInt(telegramId) } }, include: { unit: true } });
  }

  async close(): Promise<void> {
    await this.env.db.close();
  }
}

/** A fresh database seeded with the example tree, and a bot on it. */
export async function startHarness(): Promise<BotHarness> {
  const env = await freshServices("pglite", [ADMIN_ID]);
  await seedExampleTree(env.services.deps);
  return new BotHarness(env, new FakeTelegram());
}

/** The invite link in a text, and its code. */
export function findInviteLink(text: string | undefined): { link: string; code: string } {
  const match = /https:\/\/t\.me\/(\w+)\?start=([a-z0-9]+)/.exec(text ?? "");
  if (!match) throw new Error(`no invite link in: ${text}`);
  return { link: match[0], code: match[2]! };
}
