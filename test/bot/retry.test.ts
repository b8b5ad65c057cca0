import { HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { boundedNetworkRetry, retryingFetch } from "../../src/bot/retry.ts";

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

describe("retryingFetch", () => {
  type Answer = { status: number; body: unknown };
  function server(answers: Answer[]) {
    const bodies: unknown[] = [];
    const fetch = (async (_url: unknown, init?: { body?: unknown }) => {
      bodies.push(init?.body);
      const a = answers.shift() ?? { status: 200, body: { ok: true, result: true } };
      return new Response(JSON.stringify(a.body), { status: a.status });
    }) as unknown as Parameters<typeof retryingFetch>[0];
    return { fetch, bodies };
  }
  const waits: number[] = [];
  const sleep = async (ms: number) => void waits.push(ms);
  const call = (f: ReturnType<typeof retryingFetch>, body: unknown = '{"chat_id":1}') =>
    (f as unknown as (u: string, i: unknown) => Promise<Response>)("https://api/sendMessage", { method: "POST", body });
  const tooMany = (after: number) => ({ status: 429, body: { ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after: after } } });
  const serverError = { status: 502, body: { ok: false, error_code: 502, description: "Bad Gateway" } };

  it("waits retry_after after a 429 and 3, 6 s after 5xx, then returns the success", async () => {
    waits.length = 0;
    const s = server([tooMany(2), serverError, serverError]);
    const res = await call(retryingFetch(s.fetch, { sleep }));
    expect(await res.json()).toEqual({ ok: true, result: true });
    expect(waits).toEqual([2000, 3000, 6000]);
    expect(s.bodies).toHaveLength(4);
    expect(new Set(s.bodies)).toEqual(new Set(['{"chat_id":1}'])); // the same request each time
  });

  it("gives up after three retries with no wait after the last, and returns Telegram's answer", async () => {
    waits.length = 0;
    const s = server([serverError, serverError, serverError, serverError, serverError]);
    const res = await call(retryingFetch(s.fetch, { sleep }));
    expect(res.status).toBe(502);
    expect(s.bodies).toHaveLength(4);
    expect(waits).toEqual([3000, 6000, 12000]);
  });

  it("does not retry a 429 asking for too long, other errors, or an upload (a stream cannot be sent twice)", async () => {
    waits.length = 0;
    const long = server([tooMany(120)]);
    expect((await call(retryingFetch(long.fetch, { sleep }))).status).toBe(429);
    const bad = server([{ status: 400, body: { ok: false, error_code: 400, description: "Bad Request" } }]);
    expect((await call(retryingFetch(bad.fetch, { sleep }))).status).toBe(400);
    const upload = server([serverError]);
    expect((await call(retryingFetch(upload.fetch, { sleep }), { stream: true })).status).toBe(502);
    expect([long.bodies.length, bad.bodies.length, upload.bodies.length, waits.length]).toEqual([1, 1, 1, 0]);
  });
});
