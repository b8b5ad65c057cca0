// Outgoing Bot API calls and Telegram's "wait and retry" answers (429 with
// retry_after, 5xx).
//
// They are retried at the level of `fetch` (retryingFetch), below grammY's
// transformers. Inside a conversation, a flow's Api records every call's answer
// in the replay log at the transformer level; a retry installed above the log
// waited again for every recorded 429 or 500 each time the flow replayed (one
// 500 early in a form added 3 s to every later step). Below the log, the log
// only holds the final answer.
//
// Uploads (a stream body cannot be sent twice) are left to @grammyjs/auto-retry
// at the transformer level. Network failures get a few quick retries
// (boundedNetworkRetry): auto-retry would retry those forever (doubling up to
// an hour), which would freeze one chat's queue and hang start-up when
// Telegram is unreachable.
import { createRequire } from "node:module";
import { autoRetry } from "@grammyjs/auto-retry";
import { HttpError, InputFile, type ApiClientOptions, type Transformer } from "grammy";

export const NETWORK_RETRY_DELAYS_MS = [500, 2_000, 5_000];

type Fetch = NonNullable<ApiClientOptions["fetch"]>;
type FetchInit = { body?: unknown; signal?: AbortSignal | null } | undefined;
type FetchResponse = { status: number; clone(): { json(): Promise<unknown> } };

export interface FetchRetryOptions {
  /** retries after the first answer (default 3: four tries in all) */
  maxRetries?: number;
  /** a 429 asking for a longer wait is not retried (default 60 s) */
  maxDelaySeconds?: number;
  /** waits before each retry after a 5xx (the last one repeats; default 3, 6, 12 s like auto-retry) */
  serverErrorDelaysMs?: number[];
  /** waiting, replaceable in tests; rejects when the request is aborted */
  sleep?: (ms: number, signal?: AbortSignal | null) => Promise<void>;
}

function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error("request aborted while waiting to retry"));
    const abort = () => {
      clearTimeout(timer);
      reject(new Error("request aborted while waiting to retry"));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", abort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", abort, { once: true });
  });
}

/** grammY's own fetch on Node (node-fetch, resolved the way grammY resolves it). */
export function grammyDefaultFetch(): Fetch {
  const fromGrammy = createRequire(createRequire(import.meta.url).resolve("grammy"));
  return fromGrammy("node-fetch") as Fetch;
}

/** `base` with Telegram's 429 (after retry_after) and 5xx answers retried, for JSON calls. */
export function retryingFetch(base: Fetch, opts: FetchRetryOptions = {}): Fetch {
  const maxRetries = opts.maxRetries ?? 3;
  const maxDelaySeconds = opts.maxDelaySeconds ?? 60;
  const serverDelays = opts.serverErrorDelaysMs ?? [3_000, 6_000, 12_000];
  const wait = opts.sleep ?? sleep;
  return (async (url: unknown, init: FetchInit) => {
    const call = base as unknown as (url: unknown, init: FetchInit) => Promise<FetchResponse>;
    if (typeof init?.body !== "string") return call(url, init); // an upload: see the top of the file
    let serverErrors = 0;
    for (let attempt = 0; ; attempt++) {
      const res = await call(url, init);
      if ((res.status !== 429 && res.status < 500) || attempt >= maxRetries) return res;
      let delayMs: number;
      if (res.status === 429) {
        const body = (await res.clone().json().catch(() => null)) as { parameters?: { retry_after?: unknown } } | null;
        const after = body?.parameters?.retry_after;
        if (typeof after !== "number" || after > maxDelaySeconds) return res;
        delayMs = after * 1000;
      } else {
        delayMs = serverDelays[Math.min(serverErrors++, serverDelays.length - 1)] ?? 3_000;
      }
      await wait(delayMs, init.signal);
    }
  }) as unknown as Fetch;
}

export function boundedNetworkRetry(delays = NETWORK_RETRY_DELAYS_MS): Transformer {
  return async (prev, method, payload, signal) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await prev(method, payload, signal);
      } catch (error) {
        const delay = delays[attempt];
        if (!(error instanceof HttpError) || delay === undefined || signal?.aborted) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  };
}

/** A file among the call's parameters (sendDocument, sendPhoto, a media group…): sent as a stream. */
function hasUpload(payload: unknown): boolean {
  if (payload === null || typeof payload !== "object") return false;
  return Object.values(payload).some(
    (v) => v instanceof InputFile || (Array.isArray(v) && v.some((m) => m instanceof InputFile || (typeof m === "object" && m !== null && (m as { media?: unknown }).media instanceof InputFile))),
  );
}

/** The transformer part of the retry policy (bot.api and inside flows); the rest is retryingFetch in the client. */
export function retryTransformers(): Transformer[] {
  const uploads = autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true });
  const uploadsOnly: Transformer = (prev, method, payload, signal) => (hasUpload(payload) ? uploads(prev, method, payload, signal) : prev(method, payload, signal));
  return [uploadsOnly, boundedNetworkRetry()];
}
