// Sends the durable outbox (src/services/outbox.ts) at Telegram's rate limits.
//
// Rows are claimed with one atomic UPDATE … FOR UPDATE SKIP LOCKED, so two
// instances on one PostgreSQL never take the same row. A row is SENDING from
// its claim until its answer is written; a sender that dies in between leaves
// it SENDING, and after staleAfterMs any other sender puts it back to PENDING —
// the one case where a person may get a message twice. A sender never requeues
// its own claims (a slow answer is not a dead sender), so an instance id must
// be new at every start (app.ts adds a random part: a container restarted
// keeps its host name and pid 1).
//
// Pace: a token bucket at ratePerSecond overall (burst of BURST), at most one
// message per chat per perChatGapMs, and the bot's own replies (noted in a
// shared RateBudget) take tokens first, so people chatting with the bot keep
// priority. The api given here must have no auto-retry or throttler: this
// loop reads 429s and 5xx itself.
import { performance } from "node:perf_hooks";
import { GrammyError, HttpError, type Api, type Transformer } from "grammy";
import type { Logger } from "pino";
import type { Db } from "../db/database.ts";
import type { OutboxPayload } from "../services/outbox.ts";

/** Counts the bot's own replies; the outbox leaves room for them. */
export interface RateBudget {
  noteReply(): void;
  /** Replies noted since the budget was made (readers keep their own mark). */
  replies(): number;
}

export function createRateBudget(): RateBudget {
  let count = 0;
  return {
    noteReply: () => void count++,
    replies: () => count,
  };
}

/** A transformer for the bot's Api: every send…/edit… call is noted as a reply. */
export function replyCounter(budget: RateBudget): Transformer {
  return (prev, method, payload, signal) => {
    if (method.startsWith("send") || method.startsWith("edit")) budget.noteReply();
    return prev(method, payload, signal);
  };
}

export interface OutboxSenderOptions {
  db: Db;
  api: Api;
  log: Logger;
  now: () => Date;
  /** who claims rows (claimedBy), e.g. hostname + pid */
  instanceId: string;
  ratePerSecond?: number;
  perChatGapMs?: number;
  staleAfterMs?: number;
  maxAttempts?: number;
  budget?: RateBudget;
  onBlocked?: (chatId: number) => void | Promise<void>;
  /** how often to look for due rows when there were none (wake() looks at once) */
  idleMs?: number;
  /** requests in flight at once */
  maxInFlight?: number;
}

export interface OutboxSender {
  /** Look for due rows now (after enqueueing). */
  wake(): void;
  /** Finishes the messages in flight, hands queued ones back, and returns. */
  stop(): Promise<void>;
  /** Resolves when nothing due is left (rows waiting for a later notBefore do not count). */
  drained(): Promise<void>;
}

interface Claimed {
  id: number;
  batch: string;
  chatId: bigint;
  payload: OutboxPayload;
  attempts: number;
}

// 29.5/s with no burst: a window of 1 s then never holds more than 30 of our messages by our
// clock, and the ~17 ms of slack over 30 sends absorbs the jitter of the requests' travel.
// A burst of 2 at 28/s allows the same 30 but gives up 7% of the rate (measured with
// `npm run bench:broadcast`, whose fake enforces 30/s as a sliding window).
const BURST = 1;
const MAX_BACKOFF_MS = 60_000;

/** 1 s, 2 s, 4 s … capped at 60 s, for the attempt that just failed (1-based). */
export function backoffMs(attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempt - 1));
}

export function startOutboxSender(opts: OutboxSenderOptions): OutboxSender {
  const { db, api, log, now, instanceId, budget, onBlocked } = opts;
  const rate = opts.ratePerSecond ?? 29.5;
  const gapMs = opts.perChatGapMs ?? 1000;
  const staleAfterMs = opts.staleAfterMs ?? 60_000;
  const maxAttempts = opts.maxAttempts ?? 5;
  const idleMs = opts.idleMs ?? 1000;
  const maxInFlight = opts.maxInFlight ?? 16;
  const claimSize = Math.max(4, Math.ceil(rate / 2));
  const staleCheckMs = Math.max(1000, staleAfterMs / 2);

  const queue: Claimed[] = [];
  const inFlight = new Set<Promise<void>>();
  const lastSentTo = new Map<bigint, number>(); // chat → monotonic ms of the last send
  let tokens = BURST;
  let lastRefill = performance.now();
  let repliesSeen = budget?.replies() ?? 0;
  let pausedUntil = 0;
  let nextClaimAt = 0;
  let nextStaleCheck = 0;
  let stopping = false;
  let drainWaiters: (() => void)[] = [];
  let signal: (() => void) | undefined;

  // One wake-up signal: a poke while the loop is busy (not pausing) is kept for its next pause.
  let poked = false;
  const poke = () => {
    const s = signal;
    signal = undefined;
    if (s) s();
    else poked = true;
  };
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (poked || ms <= 0) {
        poked = false;
        return resolve();
      }
      const timer = setTimeout(() => {
        signal = undefined;
        resolve();
      }, ms);
      signal = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  // ---- database ------------------------------------------------------------------------
  const ts = (d: Date) => d.toISOString(); // cast to timestamp in SQL: the columns are UTC without zone

  async function requeueStale(): Promise<void> {
    const before = new Date(now().getTime() - staleAfterMs);
    const n = await db.$executeRaw`
      UPDATE "OutboxMessage" SET status = 'PENDING', "claimedBy" = NULL, "claimedAt" = NULL
      WHERE status = 'SENDING' AND "claimedAt" < ${ts(before)}::timestamp AND "claimedBy" <> ${instanceId}`;
    if (n > 0) log.warn({ rows: n }, "outbox: requeued messages left sending by a stopped sender");
  }

  async function claim(limit: number): Promise<Claimed[]> {
    const at = ts(now());
    const rows = await db.$queryRaw<Claimed[]>`
      UPDATE "OutboxMessage"
      SET status = 'SENDING', "claimedBy" = ${instanceId}, "claimedAt" = ${at}::timestamp, attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM "OutboxMessage"
        WHERE status = 'PENDING' AND "notBefore" <= ${at}::timestamp
        ORDER BY id LIMIT ${limit}::int
        FOR UPDATE SKIP LOCKED)
      RETURNING id, batch, "chatId", payload, attempts`;
    // RETURNING keeps no order (PostgreSQL returned a chat's second part first now and then):
    // in id order, the parts of one message go out as they were queued.
    return rows.sort((a, b) => Number(a.id) - Number(b.id));
  }

  /** Back to PENDING without counting the attempt (we never sent it, or Telegram said "wait"). */
  async function release(ids: number[], notBefore: Date): Promise<void> {
    if (ids.length === 0) return;
    await db.outboxMessage.updateMany({
      where: { id: { in: ids }, status: "SENDING", claimedBy: instanceId },
      data: { status: "PENDING", claimedBy: null, claimedAt: null, notBefore, attempts: { decrement: 1 } },
    });
  }

  async function settle(id: number, data: Parameters<Db["outboxMessage"]["updateMany"]>[0]["data"]): Promise<void> {
    await db.outboxMessage.updateMany({ where: { id, status: "SENDING", claimedBy: instanceId }, data });
  }

  // ---- sending ---------------------------------------------------------------------------
  async function send(row: Claimed): Promise<void> {
    const { method, params } = row.payload;
    const chatId = Number(row.chatId);
    try {
      const message = await api.raw[method]({ ...params, chat_id: chatId } as never);
      await settle(row.id, { status: "SENT", sentAt: now(), messageId: message.message_id, error: null });
    } catch (error) {
      await settleFailure(row, method, chatId, error);
    }
  }

  async function settleFailure(row: Claimed, method: string, chatId: number, error: unknown): Promise<void> {
    if (error instanceof GrammyError) {
      const text = `${method}: ${error.error_code} ${error.description}`.slice(0, 500);
      if (error.error_code === 429) {
        const waitS = error.parameters.retry_after ?? 1;
        pausedUntil = Math.max(pausedUntil, performance.now() + waitS * 1000);
        log.warn({ retryAfter: waitS }, "outbox: Telegram asked to slow down; pausing all sending");
        await release([row.id], new Date(now().getTime() + waitS * 1000));
        return;
      }
      if (error.error_code === 403) {
        await settle(row.id, { status: "BLOCKED", error: text });
        // Stop sending to them: the rest of this batch for the chat is not tried (another batch tries once more).
        await db.outboxMessage.updateMany({ where: { chatId: row.chatId, batch: row.batch, status: "PENDING" }, data: { status: "BLOCKED", error: text } });
        try {
          await onBlocked?.(chatId);
        } catch (e) {
          log.error({ err: e, chatId }, "outbox: onBlocked failed");
        }
        return;
      }
      if (error.error_code < 500) {
        log.warn({ id: row.id, error: text }, "outbox: message refused");
        await settle(row.id, { status: "FAILED", error: text });
        return;
      }
      await retryLater(row, text);
      return;
    }
    // HttpError (network) or anything else: its message or cause may hold the URL with the token.
    const text = error instanceof HttpError ? `${method}: network error` : `${method}: unexpected error`;
    await retryLater(row, text);
  }

  async function retryLater(row: Claimed, text: string): Promise<void> {
    if (row.attempts >= maxAttempts) {
      log.warn({ id: row.id, attempts: row.attempts, error: text }, "outbox: giving up on a message");
      await settle(row.id, { status: "FAILED", error: text });
      return;
    }
    await settle(row.id, {
      status: "PENDING", claimedBy: null, claimedAt: null, error: text,
      notBefore: new Date(now().getTime() + backoffMs(row.attempts)),
    });
  }

  function dispatch(row: Claimed): void {
    const p = send(row)
      .catch((e: unknown) => log.error({ err: e, id: row.id }, "outbox: could not record a send (the row will be requeued when stale)"))
      .finally(() => {
        inFlight.delete(p);
        poke();
      });
    inFlight.add(p);
  }

  // ---- the loop --------------------------------------------------------------------------
  function refill(t: number): void {
    tokens = Math.min(BURST, tokens + ((t - lastRefill) * rate) / 1000);
    lastRefill = t;
    if (budget) {
      const replies = budget.replies();
      // Replies already went out: they take the tokens first (not below a second's worth of debt).
      tokens = Math.max(-rate, tokens - (replies - repliesSeen));
      repliesSeen = replies;
    }
  }

  /** Claims more rows; a row for a chat already queued or in flight goes back for a gap. */
  async function fill(): Promise<void> {
    const rows = await claim(claimSize - queue.length);
    if (rows.length < claimSize - queue.length) nextClaimAt = performance.now() + idleMs;
    const busy = new Set(queue.map((r) => r.chatId));
    const later: number[] = [];
    for (const r of rows) {
      if (busy.has(r.chatId)) later.push(r.id);
      else {
        busy.add(r.chatId);
        queue.push(r);
      }
    }
    await release(later, new Date(now().getTime() + gapMs));
  }

  async function step(): Promise<void> {
    const t = performance.now();
    if (t >= nextStaleCheck) {
      nextStaleCheck = t + staleCheckMs;
      await requeueStale();
    }
    if (t < pausedUntil) {
      // Telegram said wait: hand back what is queued so another sender (or we, later) takes it.
      await release(queue.splice(0).map((r) => r.id), new Date(now().getTime() + (pausedUntil - t)));
      return pause(pausedUntil - t);
    }
    if (queue.length < claimSize && t >= nextClaimAt) await fill();
    if (queue.length === 0) {
      if (inFlight.size === 0 && t < nextClaimAt) {
        const waiters = drainWaiters;
        drainWaiters = [];
        for (const w of waiters) w();
      }
      return pause(nextClaimAt - performance.now());
    }
    if (inFlight.size >= maxInFlight) return pause(idleMs);
    refill(performance.now());
    if (tokens < 1) return pause(((1 - tokens) * 1000) / rate);
    const t2 = performance.now();
    const readyAt = (r: Claimed) => (lastSentTo.get(r.chatId) ?? -Infinity) + gapMs;
    const i = queue.findIndex((r) => readyAt(r) <= t2);
    if (i < 0) return pause(Math.min(...queue.map(readyAt)) - t2);
    const [row] = queue.splice(i, 1);
    if (!row) return;
    tokens -= 1;
    lastSentTo.set(row.chatId, t2);
    if (lastSentTo.size > 10_000) for (const [c, at] of lastSentTo) if (at + gapMs < t2) lastSentTo.delete(c);
    dispatch(row);
  }

  async function run(): Promise<void> {
    while (!stopping) {
      try {
        await step();
      } catch (e) {
        log.error({ err: e }, "outbox: sender step failed; trying again shortly");
        await pause(idleMs);
      }
    }
    await Promise.allSettled([...inFlight]);
    try {
      await release(queue.splice(0).map((r) => r.id), now());
    } catch (e) {
      log.error({ err: e }, "outbox: could not hand back queued messages (they will be requeued when stale)");
    }
  }

  const done = run();
  return {
    wake() {
      nextClaimAt = 0;
      poke();
    },
    async stop() {
      stopping = true;
      poke();
      await done;
      for (const w of drainWaiters.splice(0)) w();
    },
    drained() {
      return new Promise<void>((resolve) => {
        drainWaiters.push(resolve);
        nextClaimAt = 0;
        poke();
      });
    },
  };
}
