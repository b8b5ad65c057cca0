import { HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { boundedNetworkRetry } from "../../src/bot/retry.ts";

type Prev = Parameters<ReturnType<typeof boundedNetworkRetry>>[0];

function flaky(failures: number, error: () => Error = () => new HttpError("Network request for 'sendMessage' failed!", new Error("ECONNRESET"))) {
  let calls = 0;
  const prev = (async () => {
    calls++;
    if (calls <= failures) throw error();
    return { ok: true, result: true };
  }) as unknown as Prev;
  return { prev, calls: () => calls };
}

describe("boundedNetworkRetry", () => {
  it("retries network failures a bounded number of times, then succeeds", async () => {
    const { prev, calls } = flaky(2);
    const result = await boundedNetworkRetry([1, 1, 1])(prev, "sendMessage", { chat_id: 1, text: "x" });
    expect(result).toEqual({ ok: true, result: true });
    expect(calls()).toBe(3);
  });

  it("gives up after the last delay and throws the network error", async () => {
    const { prev, calls } = flaky(10);
    await expect(boundedNetworkRetry([1, 1])(prev, "sendMessage", { chat_id: 1, text: "x" })).rejects.toBeInstanceOf(HttpError);
    expect(calls()).toBe(3);
  });

  it("does not retry other errors", async () => {
    const { prev, calls } = flaky(1, () => new Error("bug"));
    await expect(boundedNetworkRetry([1, 1])(prev, "sendMessage", { chat_id: 1, text: "x" })).rejects.toThrow("bug");
    expect(calls()).toBe(1);
  });
});
