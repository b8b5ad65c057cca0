// Helpers for the end-to-end tests: run a program of this repository as a child process
// (`node --import tsx <script>`), read its output, stop it; find the bot's messages in a
// FakeBotApi and press their buttons; match texts against the locale files.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { InlineKeyboardButton, Message } from "grammy/types";
import { createI18n } from "../../src/bot/i18n.ts";
import { FakeBotApi, type FakeUser } from "../helpers/fake-bot-api.ts";
import { createPostgresDatabase } from "../helpers/db.ts";
import { afterAll, beforeAll } from "vitest";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Variables that would change what a child does if they leaked in from the developer's shell. */
const CONTROLLED = ["BOT_TOKEN", "DATABASE_URL", "TELEGRAM_API_ROOT", "ADMIN_TELEGRAM_IDS", "BOT_MODE", "WEBHOOK_URL", "WEBHOOK_SECRET", "PORT", "LOG_LEVEL", "SIM_LANG", "SIM_LOG_FILE", "HEARTBEAT_FILE", "TEST_DATABASE_URL", "OUTBOX_STALE_SECONDS", "OUTBOX_RATE_PER_SECOND"];

export interface Child {
  proc: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** stdout and stderr together, in arrival order */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when the output matches (rejects on timeout or if the process ends first). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends a signal and resolves with the exit; SIGKILLs after `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

const children = new Set<Child>();

export function runTsx(script: string, opts: { env?: Record<string, string>; args?: string[]; stdin?: string } = {}): Child {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CONTROLLED) delete env[name];
  Object.assign(env, { NO_COLOR: "1", FORCE_COLOR: "0" }, opts.env);
  const proc = spawn(process.execPath, ["--import", "tsx", script, ...(opts.args ?? [])], { cwd: ROOT, env, stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  let err = "";
  let all = "";
  const listeners = new Set<() => void>();
  proc.stdout.setEncoding("utf8").on("data", (d: string) => ((out += d), (all += d), listeners.forEach((l) => l())));
  proc.stderr.setEncoding("utf8").on("data", (d: string) => ((err += d), (all += d), listeners.forEach((l) => l())));
  if (opts.stdin !== undefined) proc.stdin.end(opts.stdin);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once("close", (code, signal) => {
      children.delete(child);
      listeners.forEach((l) => l());
      resolve({ code, signal });
    }),
  );
  let done = false;
  void exited.then(() => (done = true));
  const child: Child = {
    proc,
    stdout: () => out,
    stderr: () => err,
    output: () => all,
    exited,
    waitForOutput(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(all);
          if (m) finish(() => resolve(m[0]));
          else if (done) finish(() => reject(new Error(`process ended before its output matched ${pattern}; output:\n${all}`)));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`no output matching ${pattern} within ${timeoutMs} ms; output:\n${all}`))), timeoutMs);
        const finish = (then: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          then();
        };
        listeners.add(check);
        check();
      });
    },
    async stop(signal = "SIGTERM", timeoutMs = 10_000) {
      const started = Date.now();
      if (!done) proc.kill(signal);
      const timer = setTimeout(() => proc.kill("SIGKILL"), timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return { ...result, ms: Date.now() - started };
    },
  };
  children.add(child);
  return child;
}

/** For afterAll: no child may outlive the tests. */
export async function killAll(): Promise<void> {
  await Promise.all([...children].map((c) => c.stop("SIGKILL", 1000)));
}

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// ---- The bot's messages and buttons -------------------------------------------------------
const i18n = createI18n();
export type Locale = "vi" | "en";
export const t = (locale: Locale, key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);

/**
 * A locale message as a pattern: the text around its variables must appear in order (the
 * variables' values may be anything). Catches the language and the message without copying
 * its wording into the test.
 */
export function fromLocale(locale: Locale, key: string, vars: Record<string, string | number> = {}): RegExp {
  const sentinel = "\u0000";
  const all: Record<string, string | number> = {};
  for (const name of variablesOf(locale, key)) all[name] = vars[name] ?? sentinel;
  const parts = t(locale, key, all).split(sentinel).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (parts.join("").trim() === "") throw new Error(`locale ${locale} has no text for ${key}`);
  return new RegExp(parts.join("[\\s\\S]*?"));
}

/** The variables a message of locales/<locale>.ftl uses (its first line and what follows up to the next entry or comment). */
function variablesOf(locale: Locale, key: string): string[] {
  const lines = readFileSync(path.join(ROOT, "locales", `${locale}.ftl`), "utf8").split(/\r?\n/);
  const start = lines.findIndex((l) => new RegExp(`^${key}\\s*=`).test(l));
  if (start < 0) throw new Error(`locales/${locale}.ftl has no message ${key}`);
  let block = lines[start] ?? "";
  // Up to the next entry or comment (a line starting "}" still closes a selector of this message).
  for (let i = start + 1; i < lines.length && !/^[A-Za-z#]/.test(lines[i] ?? ""); i++) block += `\n${lines[i]}`;
  return [...new Set([...block.matchAll(/\$([A-Za-z][\w-]*)/g)].map((m) => m[1] ?? ""))];
}

export const buttonsOf = (m: Message): InlineKeyboardButton.CallbackButton[] =>
  (m.reply_markup?.inline_keyboard ?? []).flat().filter((b): b is InlineKeyboardButton.CallbackButton => "callback_data" in b);
export const labelsOf = (m: Message): string[] => buttonsOf(m).map((b) => b.text);
export const hasButton = (label: string) => (m: Message) => labelsOf(m).includes(label);

/** The first message the bot sends to `chatId` (at or after call index `since`) that matches. */
export async function botSends(api: FakeBotApi, chatId: number, match: RegExp | ((m: Message) => boolean), since: number, timeoutMs = 20_000): Promise<Message> {
  const test = typeof match === "function" ? match : (m: Message) => match.test(m.text ?? "");
  const call = await api.waitFor((c) => {
    const m = c.result as Message | undefined;
    return c.method === "sendMessage" && !c.error && m?.chat.id === chatId && test(m);
  }, { since, timeoutMs });
  return call.result as Message;
}

/** Presses the button with this label (or whose data matches) on a message; returns the call index to wait from. */
export function press(api: FakeBotApi, user: FakeUser, m: Message, button: string | RegExp): number {
  const b = buttonsOf(m).find((x) => (typeof button === "string" ? x.text === button : button.test(x.callback_data)));
  if (!b) throw new Error(`no button ${String(button)} on message ${m.message_id}: ${JSON.stringify(labelsOf(m))}`);
  const since = api.calls.length;
  api.pressButton(user, { message_id: m.message_id, chat_id: m.chat.id }, b.callback_data);
  return since;
}

/** Sends text as the user; returns the call index to wait from. */
export function say(api: FakeBotApi, user: FakeUser, text: string): number {
  const since = api.calls.length;
  api.sendText(user, text);
  return since;
}

/**
 * Starts the real bot (`src/main.ts`) against `api` on a new embedded
 * database in `dir`, and waits until it polls (it deletes the webhook just
 * before); fails with the bot's output when it exits during start-up.
 */
export async function startBot(api: FakeBotApi, dir: string, adminId: number): Promise<Child> {
  const bot = runTsx("src/main.ts", {
    env: {
      BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      DATABASE_URL: `pglite:${dir}/db`,
      ADMIN_TELEGRAM_IDS: String(adminId),
      LOG_LEVEL: "warn",
      HEARTBEAT_FILE: `${dir}/heartbeat`,
    },
  });
  await Promise.race([
    api.waitFor((c) => c.method === "deleteWebhook", 60_000),
    bot.exited.then(() => Promise.reject(new Error(`the bot exited during start-up:\n${bot.output()}`))),
  ]);
  return bot;
}

/**
 * A suite's fake Bot API and its bot as a child process on a fresh data directory, started
 * before the suite's tests and stopped after them; user 1 is the administrator. `suite.bot`
 * may be replaced (a restart on the same directory: stop the old process first).
 */
export function botSuite(name: string) {
  const admin: FakeUser = { id: 1, first_name: "Lan", last_name: "Nguyễn", language_code: "vi" };
  const api = new FakeBotApi({ token: `123456:E2E-fake-token-for-the-${name}-tests` });
  const tmp = tempDir(`e2e-${name}-`);
  const suite = { admin, api, dir: tmp.dir, bot: undefined as unknown as Child };
  beforeAll(async () => {
    await api.start();
    suite.bot = await startBot(api, tmp.dir, admin.id);
  }, 70_000);
  afterAll(async () => {
    await killAll();
    await api.stop();
    tmp.remove();
  });
  return suite;
}

// ---- reading the simulator's transcript ----

/** A translated text as the simulator prints it: without <b> and <i>. */
export const plainHtml = (html: string) => html.replace(/<\/?(b|i)>/g, "");
/** The simulator indents the lines of a bot message under "bot: "; undone, a message reads as sent. */
export const simTranscript = (out: string) => out.replace(/\n {5}/g, "\n");
/** A Vietnamese text as the simulator prints it. */
export const simVi = (key: string, vars?: Record<string, string | number>) => plainHtml(t("vi", key, vars));
/** How many times `part` occurs in `text`. */
export const occurrences = (text: string, part: string) => text.split(part).length - 1;

// ---- webhook mode and a PostgreSQL server (issue 9) ----

/** A TCP port free right now on 127.0.0.1 (for a child's PORT). */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real bot (`src/main.ts`) in webhook mode on `port` against `api`, on `databaseUrl`
 * (`pglite:<dir>` or `postgres://…`), and waits until its /healthz answers 200; fails with the
 * bot's output when it exits first. WEBHOOK_URL is what it registers with setWebhook (the public
 * address; `api.deliverByWebhook({ route })` decides where updates really go).
 */
export async function startWebhookBot(
  api: FakeBotApi,
  opts: { port: number; secret: string; databaseUrl: string; adminId: number; heartbeatFile: string; webhookUrl?: string; env?: Record<string, string> },
): Promise<Child> {
  const bot = runTsx("src/main.ts", {
    env: {
      BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      DATABASE_URL: opts.databaseUrl,
      ADMIN_TELEGRAM_IDS: String(opts.adminId),
      LOG_LEVEL: "warn",
      HEARTBEAT_FILE: opts.heartbeatFile,
      BOT_MODE: "webhook",
      WEBHOOK_URL: opts.webhookUrl ?? `http://127.0.0.1:${opts.port}/telegram`,
      WEBHOOK_SECRET: opts.secret,
      PORT: String(opts.port),
      ...opts.env,
    },
  });
  const deadline = Date.now() + 60_000;
  let ended = false;
  void bot.exited.then(() => (ended = true));
  for (;;) {
    if (ended) throw new Error(`the bot exited during start-up:\n${bot.output()}`);
    if (Date.now() > deadline) throw new Error(`no /healthz on port ${opts.port} within 60 s:\n${bot.output()}`);
    const ok = await fetch(`http://127.0.0.1:${opts.port}/healthz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (ok) return bot;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** A new, empty database on the TEST_DATABASE_URL server (not migrated): its URL, and drop() to remove it. */
export async function freshPostgresUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  return createPostgresDatabase(base, "e2e");
}
