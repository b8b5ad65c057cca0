// Outgoing Bot API calls: Telegram's own "wait and retry" answers (429 with
// retry_after, 5xx) are handled by @grammyjs/auto-retry; network failures get
// a few quick retries here. auto-retry would retry those forever (doubling up
// to an hour), which would freeze one chat's queue and hang start-up when
// Telegram is unreachable.
import { autoRetry } from "@grammyjs/auto-retry";
import { HttpError, type Transformer } from "grammy";

export const NETWORK_RETRY_DELAYS_MS = [500, 2_000, 5_000];

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

/** The retry policy for every outgoing call (bot.api and inside flows). */
export function retryTransformers(): Transformer[] {
  return [autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true }), boundedNetworkRetry()];
}
