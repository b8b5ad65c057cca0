// The update path around the bot in production: counting the updates being handled (for
// /healthz and a graceful stop), one chat at a time across instances (a lock per chat in
// PostgreSQL), and the webhook's HTTP server (secret checked, /healthz, bounded bodies).
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { BotError, Context, webhookCallback, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import { sessionKey } from "./bot/index.ts";
import type { BotContext } from "./bot/context.ts";
import { describe } from "./bot/middlewares/index.ts";

/** Telegram's updates are a few kilobytes; anything bigger is not from Telegram. */
const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;
/** A webhook request is answered after this even if its update is still being handled (it goes on). */
const WEBHOOK_ANSWER_MS = 10_000;
/** The advisory-lock space of the per-chat locks (pg_advisory_lock(space, hash of the chat)). */
const CHAT_LOCK_SPACE = 72_616_003;

export interface UpdateTracker {
  status(): { lastUpdateAt: string | null; inFlight: number };
  /** resolves true once no update is being handled, false after `ms` */
  idle(ms: number): Promise<boolean>;
}

/** Counts the updates being handled and notes when the last one finished, around bot.handleUpdate (the runner and the webhook both call it). */
export function trackUpdates(bot: Bot<BotContext>, around?: (update: Update, fn: () => Promise<void>) => Promise<void>): UpdateTracker {
  let inFlight = 0;
  let lastUpdateAt: Date | null = null;
  const waiters = new Set<() => void>();
  const handle = bot.handleUpdate.bind(bot);
  bot.handleUpdate = async (update, envelope) => {
    inFlight++;
    try {
      if (around) await around(update, () => handle(update, envelope));
      else await handle(update, envelope);
    } catch (error) {
      // A handler's error (outside the error boundary, e.g. a group's stale button) goes to
      // bot.catch in both modes: rethrown, the webhook would answer 500 and Telegram would send
      // the same update again and again. Anything else (the database gone) still fails the request.
      if (!(error instanceof BotError)) throw error;
      await bot.errorHandler(error);
    } finally {
      inFlight--;
      lastUpdateAt = new Date();
      if (inFlight === 0) for (const wake of [...waiters]) wake();
    }
  };
  return {
    status: () => ({ lastUpdateAt: lastUpdateAt?.toISOString() ?? null, inFlight }),
    idle(ms) {
      if (inFlight === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const done = (result: boolean) => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(result);
        };
        const wake = () => done(true);
        const timer = setTimeout(() => done(false), ms);
        waiters.add(wake);
      });
    },
  };
}

/**
 * One chat's updates one at a time across instances: a session-level advisory lock keyed by
 * the chat (the session's key) is held while its update is handled, on connections of their
 * own (never the Prisma pool's, which the handler needs). Different chats rarely share a lock
 * number; when they do they merely wait for each other.
 */
export async function databaseChatLocks(url: string, bot: Bot<BotContext>) {
  const pg = (await import("pg")).default; // loaded only here: a bot on PGlite never needs it
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on("error", () => undefined); // a dropped idle connection: the next connect() reports real trouble
  return {
    async around(update: Update, fn: () => Promise<void>): Promise<void> {
      const key = sessionKey(new Context(update, bot.api, bot.botInfo));
      if (key === undefined) return fn();
      const lock = createHash("sha256").update(key).digest().readInt32BE(0);
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query("SELECT pg_advisory_lock($1, $2)", [CHAT_LOCK_SPACE, lock]);
        try {
          await fn();
        } finally {
          await client.query("SELECT pg_advisory_unlock($1, $2)", [CHAT_LOCK_SPACE, lock]).catch(() => (broken = true));
        }
      } finally {
        client.release(broken); // a connection that could not unlock is closed, which frees the lock
      }
    },
    close: () => pool.end(),
  };
}

/** sha256 first: equal lengths for timingSafeEqual, and the time taken says nothing about the secret. */
function secretMatches(given: string | undefined, secret: string): boolean {
  if (given === undefined) return false;
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(given), digest(secret));
}

/** Reads the body up to `limit` bytes; null when it is longer (the rest is discarded). */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The webhook's HTTP server: GET /healthz; POST (any path) with Telegram's secret header → the
 * update, answered once handled (Telegram sends it again on anything but 2xx). The secret is
 * checked before the body is read; a missing or wrong one is answered 401 and logged with the
 * caller's address, never the header's value.
 */
export function webhookServer(bot: Bot<BotContext>, opts: { secret: string; log: Logger; health: () => Promise<{ ok: boolean }>; stopping: () => boolean }): Server {
  const { secret, log } = opts;
  const callback = webhookCallback(bot, "callback", {
    secretToken: secret,
    timeoutMilliseconds: WEBHOOK_ANSWER_MS,
    // Answered 200 while the update goes on: a retry by Telegram would handle it twice.
    onTimeout: () => log.warn({ ms: WEBHOOK_ANSWER_MS }, "webhook update still being handled: answered early"),
  });
  const end = (res: ServerResponse, status: number, body?: string, headers: Record<string, string> = {}) => {
    if (res.headersSent) return;
    res.writeHead(status, body === undefined ? headers : { "content-type": "application/json", ...headers }).end(body);
  };
  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/healthz") {
      const h = await opts.health();
      return end(res, h.ok ? 200 : 503, JSON.stringify(h), { "cache-control": "no-store" });
    }
    if (req.method !== "POST") return end(res, 404);
    if (opts.stopping()) return end(res, 503, undefined, { connection: "close", "retry-after": "1" });
    const header = req.headers["x-telegram-bot-api-secret-token"];
    const given = Array.isArray(header) ? header[0] : header;
    if (!secretMatches(given, secret)) {
      const forwardedFor = req.headers["x-forwarded-for"];
      log.warn(
        { remote: req.socket.remoteAddress, ...(forwardedFor ? { forwardedFor } : {}), secretToken: given === undefined ? "missing" : "wrong" },
        "webhook request refused: secret token missing or wrong",
      );
      req.resume();
      return end(res, 401, undefined, { connection: "close" });
    }
    const body = await readBody(req, MAX_WEBHOOK_BODY_BYTES);
    if (body === null) {
      log.warn({ remote: req.socket.remoteAddress, limit: MAX_WEBHOOK_BODY_BYTES }, "webhook request refused: body too large");
      req.resume(); // discarded, not kept: the sender reads the 413 once it has sent it
      return end(res, 413);
    }
    let update: Update;
    try {
      update = JSON.parse(body.toString("utf8")) as Update;
    } catch {
      log.warn({ remote: req.socket.remoteAddress }, "webhook request refused: body is not JSON");
      return end(res, 400);
    }
    await callback(update, (json: string) => end(res, 200, json), given);
    end(res, 200);
  }
  return createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      log.warn({ err: describe(error) }, "webhook request failed");
      end(res, 500);
    });
  });
}
