// `npm run sim`: the real application, in this process, against a local fake of the Telegram
// Bot API, with a terminal to chat with it as a few pretend users (one of them an administrator).
// No token, no Telegram; the embedded database in ./data/sim unless DATABASE_URL says otherwise.
// The bot's log goes to a file so that it does not garble the chat. SIM_LANG=en: English texts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { ConfigError, parseConfig } from "../config.ts";
import { createLogger, startApp, type App } from "../app.ts";
import { describeTarget, parseDatabaseUrl } from "../db/database.ts";
import { createI18n } from "../bot/i18n.ts";
import { redact } from "../bot/middlewares/index.ts";
import { FakeBotApi, type FakeUser } from "./fake-bot-api.ts";
import { DEFAULT_SIM_TEXTS, fillText, runTerminal, type SimTexts, type SimUser } from "./terminal.ts";
import { parseSimTime, showSimTime } from "./clock.ts";
import { normalizePhone } from "../domain/text.ts";
import type { Role } from "../domain/permissions.ts";

/** Looks like a real token (the configuration checks its shape) but only the fake accepts it. */
const SIM_TOKEN = "1000:SIMULATOR-not-a-real-bot-token-000";
const SIM_BOT_USERNAME = "khuyenhoc_sim_bot";
const DEFAULT_SIM_DATABASE = "pglite:./data/sim";
const DEFAULT_SIM_LOG = "./data/sim/bot.log";

type SimLang = "vi" | "en";

/** The launcher's own texts (the terminal's are SimTexts). */
interface LauncherTexts {
  starting: string; banner: string; userLine: string; failed: string; logHint: string; stopping: string;
  timeHelp: string; timeSet: string; timeNow: string; timeBad: string;
  blockHelp: string; blocked: string; unblocked: string; blockBad: string;
}

const DEFAULT_LAUNCHER_TEXTS: LauncherTexts = {
  starting: "Starting the bot on {db} (the first start of a new database takes about 10 seconds)…",
  banner: [
    "== Khuyen hoc bot: chat simulator ==",
    "The real bot runs on this computer and talks to a pretend Telegram: no bot token is needed and nothing is sent to Telegram.",
    "Database: {db}    Bot log: {log}",
    "",
    "Pretend users (switch with :as <key>):",
    "{users}",
    "",
    "To try joining through an invite:",
    "  1. As Lan, type /menu, then press (type the number of) «{manage}», pick a unit, «{invites}», «{create}».",
    "  2. Copy the link the bot sends (https://t.me/{bot}?start=…).",
    "  3. Type :as minh (or :as hoa), paste the link and press Enter: it works like tapping it.",
    "Press a button by typing its number. :help lists the simulator's commands; :quit (or Ctrl-D) leaves.",
    "",
  ].join("\n"),
  userLine: "  {key}  {label}",
  failed: "The bot could not start: {error}",
  logHint: "Details are in the log: {log}",
  stopping: "Stopping the bot…",
  timeHelp: "  :time 08/06/2026 08:00   move the clock (Vietnam time) and run the reminders; :time now goes back",
  timeSet: "(the clock is now {time}, Vietnam time; the reminders ran)",
  timeNow: "(the clock: {time}, Vietnam time)",
  timeBad: "Write the time as :time 08/06/2026 08:00 (Vietnam time), or :time now.",
  blockHelp: "  :block <key>             that pretend user blocks the bot (Telegram answers 403 to messages for them); :unblock <key> undoes it",
  blocked: "({user} has blocked the bot: messages to them now fail)",
  unblocked: "({user} has unblocked the bot)",
  blockBad: "Write :block <key> or :unblock <key> with a pretend user's key: {keys}",
};


interface UserFile {
  users: {
    key: string; id: number; first_name: string; last_name?: string; username?: string; language_code?: string; phone?: string; admin?: boolean;
    role?: { unit: string; role: Role }; label: Record<SimLang, string>;
  }[];
}

const here = path.dirname(fileURLToPath(import.meta.url));
const readJson = <T>(name: string): T => JSON.parse(readFileSync(path.join(here, name), "utf8")) as T;

/** Texts of a JSON section over the English defaults; a list of strings is one text of several lines. */
function merge<T extends object>(defaults: T, section: Record<string, unknown> | undefined): T {
  const out: Record<string, string> = { ...(defaults as Record<string, string>) };
  for (const key of Object.keys(out)) {
    const value = section?.[key];
    if (typeof value === "string") out[key] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === "string")) out[key] = value.join("\n");
  }
  return out as T;
}

function loadSimTexts(lang: SimLang): { terminal: SimTexts; launcher: LauncherTexts } {
  if (lang === "en") return { terminal: DEFAULT_SIM_TEXTS, launcher: DEFAULT_LAUNCHER_TEXTS };
  const vi = readJson<{ terminal?: Record<string, unknown>; launcher?: Record<string, unknown> }>("texts.vi.json");
  return { terminal: merge(DEFAULT_SIM_TEXTS, vi.terminal), launcher: merge(DEFAULT_LAUNCHER_TEXTS, vi.launcher) };
}

interface SimRole { unit: string; role: Role; telegramId: number; fullName: string; phone: string | null; language: "vi" | "en" }

function loadSimUsers(lang: SimLang): { users: SimUser[]; adminIds: number[]; roles: SimRole[] } {
  const file = readJson<UserFile>("users.json");
  const users = file.users.map((u): SimUser => {
    const user: FakeUser = { id: u.id, first_name: u.first_name };
    if (u.last_name) user.last_name = u.last_name;
    if (u.username) user.username = u.username;
    if (u.language_code) user.language_code = u.language_code;
    return { key: u.key, label: u.label[lang], user, ...(u.phone ? { phone: u.phone } : {}) };
  });
  const roles = file.users.flatMap((u) => (u.role ? [{ ...u.role, telegramId: u.id, fullName: u.first_name, phone: u.phone ? normalizePhone(u.phone) : null, language: u.language_code === "en" ? ("en" as const) : ("vi" as const) }] : []));
  return { users, adminIds: file.users.filter((u) => u.admin).map((u) => u.id), roles };
}

/** Gives the pretend users their roles (as if they had joined with an invite), once per database. */
async function giveRoles(app: App, adminId: number, roles: SimRole[]): Promise<void> {
  const { services } = app;
  const admin = await services.access.loadPerson(adminId);
  for (const r of roles) {
    if ((await services.access.loadPerson(r.telegramId)).actor.roles.length > 0) continue;
    const unit = await app.db.prisma.unit.findUnique({ where: { code: r.unit } });
    if (!unit) continue;
    const invite = await services.invites.createInvite(admin, { unitId: unit.id, role: r.role, maxUses: 1, expiresAt: null });
    await services.invites.acceptInvite(invite.code, { telegramId: r.telegramId, fullName: r.fullName, phone: r.phone, language: r.language });
  }
}

async function main(): Promise<number> {
  const lang: SimLang = (process.env.SIM_LANG ?? "").toLowerCase().startsWith("en") ? "en" : "vi";
  const { terminal: texts, launcher } = loadSimTexts(lang);
  const { users, adminIds, roles } = loadSimUsers(lang);
  const databaseUrl = process.env.DATABASE_URL?.trim() || DEFAULT_SIM_DATABASE;
  const logFile = process.env.SIM_LOG_FILE?.trim() || DEFAULT_SIM_LOG;

  const api = new FakeBotApi({ token: SIM_TOKEN, botUsername: SIM_BOT_USERNAME });
  await api.start();
  let config;
  try {
    config = parseConfig({
      BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      DATABASE_URL: databaseUrl,
      ADMIN_TELEGRAM_IDS: adminIds.join(","),
      LOG_LEVEL: process.env.LOG_LEVEL?.trim() || "warn",
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    await api.stop();
    return 2;
  }
  const db = describeTarget(parseDatabaseUrl(databaseUrl));
  const destination = pino.destination({ dest: logFile, mkdir: true, sync: true });
  const log = createLogger(config.logLevel, destination);

  console.log(fillText(launcher.starting, { db }));
  // The simulator's clock: the real one, moved by :time (SIM_TIME sets where it starts).
  let offset = 0;
  const startAt = process.env.SIM_TIME ? parseSimTime(process.env.SIM_TIME) : null;
  if (startAt) offset = startAt.getTime() - Date.now();
  const clock = () => new Date(Date.now() + offset);
  let app: App;
  try {
    app = await startApp(config, { log, now: clock });
    await giveRoles(app, adminIds[0] ?? 0, roles);
  } catch (error) {
    log.error({ err: error instanceof Error ? redact(error.stack ?? error.message) : String(error) }, "simulator: start failed");
    console.error(fillText(launcher.failed, { error: redact(error instanceof Error ? error.message : String(error)) }));
    console.error(fillText(launcher.logHint, { log: logFile }));
    await api.stop();
    return 1;
  }

  const i18n = createI18n();
  const width = Math.max(...users.map((u) => u.key.length));
  console.log(
    fillText(launcher.banner, {
      db, log: logFile, bot: api.botInfo.username,
      users: users.map((u) => fillText(launcher.userLine, { key: u.key.padEnd(width), label: u.label })).join("\n"),
      manage: i18n.t(lang, "btn-manage-units"), invites: i18n.t(lang, "btn-unit-invites"), create: i18n.t(lang, "btn-create-invite"),
    }),
  );

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      console.log(launcher.stopping);
      await app.stop().catch((error: unknown) => log.error({ err: String(error) }, "simulator: app.stop failed"));
      await api.stop();
      destination.flushSync();
    })());
  // Piped input (a script, a test): wait for the bot's answer before reading the next line. The
  // bot's throttler spaces messages to one chat a second apart, so "done" means quiet for longer.
  const settleMs = process.stdin.isTTY ? 0 : 1500;
  const signal = () => void stop().then(() => process.exit(0));
  process.once("SIGTERM", signal);
  if (!process.stdin.isTTY) process.once("SIGINT", signal); // at a terminal, readline turns Ctrl-C into :quit
  const time = async (arg: string): Promise<string> => {
    if (arg === "") return fillText(launcher.timeNow, { time: showSimTime(clock()) });
    const at = arg.toLowerCase() === "now" ? new Date() : parseSimTime(arg);
    if (!at) return launcher.timeBad;
    offset = at.getTime() - Date.now();
    await app.runJobs();
    return fillText(launcher.timeSet, { time: showSimTime(clock()) });
  };
  // A pretend user blocks the bot: the fake Telegram refuses messages to them as the real one does.
  const block = (blocked: boolean) => async (arg: string): Promise<string> => {
    const user = users.find((u) => u.key === arg.trim());
    if (!user) return fillText(launcher.blockBad, { keys: users.map((u) => u.key).join(", ") });
    api.setBlocked(user.user.id, blocked);
    return fillText(blocked ? launcher.blocked : launcher.unblocked, { user: user.key });
  };
  await runTerminal({
    api, users, settleMs,
    texts: { ...texts, help: `${texts.help}\n${launcher.timeHelp}\n${launcher.blockHelp}` },
    saveFilesTo: path.join(path.dirname(logFile), "received"),
    extraCommands: { ":time": time, ":block": block(true), ":unblock": block(false) },
  });
  await stop();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    // Nothing should be left running; if something is, do not hang the trainer's terminal.
    setTimeout(() => process.exit(code), 3000).unref();
  },
  (error: unknown) => {
    console.error(redact(error instanceof Error ? (error.stack ?? error.message) : String(error)));
    process.exit(1);
  },
);
