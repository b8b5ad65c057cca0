import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config.ts";

const TOKEN = "123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("defaults: polling, embedded PGlite in ./data/pglite, no admins, info logs", () => {
    const config = parseConfig({ BOT_TOKEN: TOKEN });
    expect(config.mode).toEqual({ kind: "polling" });
    expect(config.database).toEqual({ kind: "pglite", dir: "./data/pglite" });
    expect(config.adminTelegramIds).toEqual([]);
    expect(config.logLevel).toBe("info");
    expect(config.apiRoot).toBeUndefined();
    expect([config.outboxStaleSeconds, config.outboxRatePerSecond]).toEqual([60, 29.5]);
  });

  it("the outbox's settings: a rate per instance within Telegram's 30 a second, a stale wait in whole seconds", () => {
    expect(parseConfig({ BOT_TOKEN: TOKEN, OUTBOX_RATE_PER_SECOND: "14.5", OUTBOX_STALE_SECONDS: "5" })).toMatchObject({ outboxRatePerSecond: 14.5, outboxStaleSeconds: 5 });
    for (const env of [{ OUTBOX_RATE_PER_SECOND: "31" }, { OUTBOX_RATE_PER_SECOND: "0" }, { OUTBOX_STALE_SECONDS: "1.5" }]) {
      expect(() => parseConfig({ BOT_TOKEN: TOKEN, ...env })).toThrow(ConfigError);
    }
  });

  it("reads every database form", () => {
    expect(parseConfig({ BOT_TOKEN: TOKEN, DATABASE_URL: "pglite:/var/lib/kh" }).database).toEqual({ kind: "pglite", dir: "/var/lib/kh" });
    expect(parseConfig({ BOT_TOKEN: TOKEN, DATABASE_URL: "pglite:memory" }).database).toEqual({ kind: "pglite", dir: null });
    const url = "postgresql://bot:pw@db:5432/khuyenhoc";
    expect(parseConfig({ BOT_TOKEN: TOKEN, DATABASE_URL: url }).database).toEqual({ kind: "postgres", url });
    expect(parseConfig({ BOT_TOKEN: TOKEN, DATABASE_URL: "postgres://x@y/z" }).database.kind).toBe("postgres");
  });

  it("treats empty strings as missing", () => {
    const config = parseConfig({ BOT_TOKEN: TOKEN, DATABASE_URL: "", ADMIN_TELEGRAM_IDS: " ", BOT_MODE: "", LOG_LEVEL: "" });
    expect(config.database.kind).toBe("pglite");
    expect(config.mode.kind).toBe("polling");
  });

  it("parses admin ids, comma-separated with spaces", () => {
    expect(parseConfig({ BOT_TOKEN: TOKEN, ADMIN_TELEGRAM_IDS: "12345, 678 ,9" }).adminTelegramIds).toEqual([12345, 678, 9]);
  });

  it("webhook mode needs its URL and a long enough secret; port defaults to 8080", () => {
    const config = parseConfig({ BOT_TOKEN: TOKEN, BOT_MODE: "webhook", WEBHOOK_URL: "https://bot.example.org/tg", WEBHOOK_SECRET: "s3cret-s3cret-s3cret" });
    expect(config.mode).toEqual({ kind: "webhook", url: "https://bot.example.org/tg", secret: "s3cret-s3cret-s3cret", port: 8080 });
    const listed = problems({ BOT_TOKEN: TOKEN, BOT_MODE: "webhook", WEBHOOK_SECRET: "short", PORT: "70000" });
    expect(listed.some((p) => p.startsWith("WEBHOOK_URL"))).toBe(true);
    expect(listed.some((p) => p.startsWith("WEBHOOK_SECRET"))).toBe(true);
    expect(listed.some((p) => p.startsWith("PORT"))).toBe(true);
  });

  it("lists every problem at once and never echoes the values", () => {
    const secretish = "999:not-a-token";
    const listed = problems({ BOT_TOKEN: secretish, DATABASE_URL: "mysql://x", ADMIN_TELEGRAM_IDS: "1,abc", LOG_LEVEL: "loud", TELEGRAM_API_ROOT: "nope" });
    expect(listed.map((p) => p.split(":")[0])).toEqual(
      expect.arrayContaining(["BOT_TOKEN", "DATABASE_URL", "ADMIN_TELEGRAM_IDS", "LOG_LEVEL", "TELEGRAM_API_ROOT"]),
    );
    expect(listed.join("\n")).not.toContain(secretish);
  });

  it("a missing token says where to get one", () => {
    const listed = problems({});
    expect(listed.join("\n")).toMatch(/BOT_TOKEN: is required.*@BotFather/);
  });

  it("an unknown BOT_MODE is reported with the other problems", () => {
    const listed = problems({ BOT_MODE: "carrier-pigeon" });
    expect(listed[0]).toMatch(/^BOT_MODE/);
    expect(listed.some((p) => p.startsWith("BOT_TOKEN"))).toBe(true);
  });
});
