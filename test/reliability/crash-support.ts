// Helpers for the kill -9 tests (crash.test.ts): a database the bot child process can open
// (a PGlite directory, or a fresh database on the PostgreSQL server of TEST_DATABASE_URL),
// seeded through the services before the child starts; the real bot (`src/main.ts`) started
// on it; and a small HTTP proxy between the bot and the fake Bot API that can hold a request
// (the bot is then provably in the middle of handling an update) or delay responses (sends
// in flight), so that SIGKILL lands at a chosen moment.
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { migrate } from "../../src/db/migrate.ts";
import type { FakeBotApi } from "../helpers/fake-bot-api.ts";
import { createPostgresDatabase, type DbKind } from "../helpers/db.ts";
import { runTsx, type Child } from "../e2e/support.ts";

// ---- the database ----------------------------------------------------------------------

export interface ChildDatabase {
  /** DATABASE_URL for the child */
  url: string;
  /** Opens it in this process (PGlite: only while no child has the directory open). */
  open(): Promise<Database>;
  /** Drops the server database (PGlite: the directory goes with the temp dir). */
  drop(): Promise<void>;
}

/** A migrated, empty database the child can open: PGlite in `dir`, or a new database on the server. */
export async function childDatabase(kind: DbKind, dir: string): Promise<ChildDatabase> {
  if (kind === "pglite") {
    const target = { kind: "pglite" as const, dir: `${dir}/db` };
    const db = await openDatabase(target);
    await migrate(db);
    await db.close();
    return { url: `pglite:${target.dir}`, open: () => openDatabase(target), drop: async () => undefined };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  const { url, drop } = await createPostgresDatabase(base, "t_crash");
  const db = await openDatabase({ kind: "postgres", url });
  await migrate(db);
  await db.close();
  return {
    url,
    open: () => openDatabase({ kind: "postgres", url }),
    drop,
  };
}

/** Opens the database, runs `fn`, closes it again (PGlite: never while a child has it open). */
export async function withDatabase<T>(cdb: ChildDatabase, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await cdb.open();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

// ---- the bot as a child process ----------------------------------------------------------

/**
 * Starts `src/main.ts` polling the fake Bot API through `apiRoot` (the proxy) on `databaseUrl`,
 * logging at debug level (its "update handled" line is written after the chat's session row:
 * see waitHandled); resolves once it polls, fails with its output if it exits first.
 */
export async function startBotChild(api: FakeBotApi, opts: { apiRoot: string; databaseUrl: string; adminId: number; dir: string; env?: Record<string, string> }): Promise<Child> {
  const bot = runTsx("src/main.ts", {
    env: {
      BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: opts.apiRoot,
      DATABASE_URL: opts.databaseUrl,
      ADMIN_TELEGRAM_IDS: String(opts.adminId),
      LOG_LEVEL: "debug",
      HEARTBEAT_FILE: `${opts.dir}/heartbeat`,
      ...opts.env,
    },
  });
  await Promise.race([
    bot.waitForOutput(/"msg":"polling for updates"/, 60_000),
    bot.exited.then(() => Promise.reject(new Error(`the bot exited during start-up:\n${bot.output()}`))),
  ]);
  return bot;
}

/**
 * Resolves when the child has finished handling this update: logPerUpdate (src/bot/middlewares)
 * logs "update handled" after everything below it, the session write included.
 */
export function waitHandled(bot: Child, updateId: number, timeoutMs = 20_000): Promise<string> {
  return bot.waitForOutput(new RegExp(`"update_id":${updateId},"ms":\\d+,"msg":"update handled"`), timeoutMs);
}

/** Whether the child logged "update handled" for this update. */
export function wasHandled(bot: Child, updateId: number): boolean {
  return new RegExp(`"update_id":${updateId},"ms":\\d+,"msg":"update handled"`).test(bot.output());
}

/** SIGKILL, and wait until the process is gone (its PGlite directory is then free). */
export async function kill9(bot: Child): Promise<void> {
  const { signal } = await bot.stop("SIGKILL", 5000);
  if (signal !== "SIGKILL") throw new Error(`the bot ended by itself (${String(signal)}) before the kill:\n${bot.output().slice(-3000)}`);
}

// ---- the proxy -----------------------------------------------------------------------------

export interface ProxiedCall {
  method: string;
  payload: Record<string, unknown>;
  /** passed on to the fake Bot API (a held call is not, until released) */
  forwarded: boolean;
  /** the fake's answer was given back to the bot */
  answered: boolean;
}

export interface Hold {
  /** the first call caught (it is kept from the fake until release(), or dropped when the bot dies) */
  arrived: Promise<ProxiedCall>;
  release(): void;
  /** stop catching further calls (the ones caught stay held) */
  off(): void;
}

interface HoldRule { match: (c: ProxiedCall) => boolean; active: boolean; caught: (c: ProxiedCall) => void; released: Promise<void> }
interface DelayRule { match: (c: ProxiedCall) => boolean; ms: number }

/**
 * Sits between the bot and the fake Bot API (JSON calls only, which is all these tests make).
 * A request whose client goes away while held or delayed is dropped (a held one never reaches
 * the fake), like a request of a process that was killed.
 */
export class BotApiProxy extends EventEmitter<{ call: [call: ProxiedCall] }> {
  readonly calls: ProxiedCall[] = [];
  private server?: Server;
  private port = 0;
  private holds: HoldRule[] = [];
  private delays: DelayRule[] = [];

  constructor(private readonly target: () => string) {
    super();
    this.setMaxListeners(0);
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  start(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) res.writeHead(502).end();
    }));
    this.server = server;
    return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
      this.port = (server.address() as AddressInfo).port;
      resolve();
    }));
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const h of this.holds) h.active = false;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Holds the calls that match (not passed on) from now until release(). */
  hold(match: (c: ProxiedCall) => boolean): Hold {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let caught!: (c: ProxiedCall) => void;
    const arrived = new Promise<ProxiedCall>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("proxy: the call to hold did not come within 20 s")), 20_000);
      caught = (c) => {
        clearTimeout(timer);
        resolve(c);
      };
    });
    arrived.catch(() => undefined); // a hold nobody waits for is not an unhandled rejection
    const rule: HoldRule = { match, active: true, caught, released };
    this.holds.push(rule);
    return {
      arrived,
      release: () => {
        rule.active = false;
        release();
      },
      off: () => void (rule.active = false),
    };
  }

  /** Passes matching calls on at once but gives the answer back to the bot only `ms` later. */
  delay(match: (c: ProxiedCall) => boolean, ms: number): () => void {
    const rule = { match, ms };
    this.delays.push(rule);
    return () => void (this.delays = this.delays.filter((d) => d !== rule));
  }

  /** Forgets every hold and delay (held calls of a dead bot are gone already). */
  reset(): void {
    for (const h of this.holds) h.active = false;
    this.holds = [];
    this.delays = [];
  }

  /** The first call (already seen or still to come) that matches. */
  waitFor(predicate: (c: ProxiedCall) => boolean, timeoutMs = 10_000): Promise<ProxiedCall> {
    const found = this.calls.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const on = (c: ProxiedCall) => {
        if (!predicate(c)) return;
        clearTimeout(timer);
        this.off("call", on);
        resolve(c);
      };
      const timer = setTimeout(() => {
        this.off("call", on);
        reject(new Error(`proxy: no matching call within ${timeoutMs} ms`));
      }, timeoutMs);
      this.on("call", on);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = /\/bot[^/]+\/([A-Za-z]+)$/.exec(new URL(req.url ?? "/", "http://proxy").pathname)?.[1] ?? "";
    let payload: Record<string, unknown> = {};
    if (String(req.headers["content-type"]).includes("application/json") && body.length > 0) payload = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
    const call: ProxiedCall = { method, payload, forwarded: false, answered: false };
    this.calls.push(call);
    this.emit("call", call);

    let gone = false;
    const closed = new Promise<void>((resolve) => res.on("close", () => {
      if (!res.writableFinished) gone = true;
      resolve();
    }));
    const hold = this.holds.find((h) => h.active && h.match(call));
    if (hold) {
      hold.caught(call);
      await Promise.race([hold.released, closed]);
      if (gone) return;
    }
    const abort = new AbortController();
    void closed.then(() => gone && abort.abort());
    call.forwarded = true;
    let status: number;
    let text: string;
    try {
      const answer = await fetch(`${this.target()}${req.url ?? ""}`, {
        method: req.method,
        headers: { "content-type": String(req.headers["content-type"] ?? "application/json") },
        body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
        signal: abort.signal,
      });
      status = answer.status;
      text = await answer.text();
    } catch (error) {
      if (gone) return;
      throw error;
    }
    const delay = this.delays.find((d) => d.match(call));
    if (delay) await Promise.race([new Promise((r) => setTimeout(r, delay.ms)), closed]);
    if (gone || res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
    call.answered = true;
  }
}
