// Configuration from environment variables, validated by one zod schema.
// The names are a contract (README, Dockerfile, compose file rely on them).
import { z } from "zod";
import { parseDatabaseUrl, type DatabaseTarget } from "./db/database.ts";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const common = {
  BOT_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string({ error: "is required: get one from @BotFather (or try `npm run sim` without a token)" })
      .regex(/^\d+:[A-Za-z0-9_-]{30,}$/, "does not look like a bot token (digits:letters, from @BotFather)"),
  ),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .optional()
      .transform((value, ctx): DatabaseTarget => {
        try {
          return parseDatabaseUrl(value);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
          return z.NEVER;
        }
      }),
  ),
  TELEGRAM_API_ROOT: z.preprocess(emptyToUndefined, z.url({ error: "must be a URL such as http://localhost:8081" }).optional()),
  ADMIN_TELEGRAM_IDS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .optional()
      .transform((value, ctx) => {
        const ids: number[] = [];
        for (const part of (value ?? "").split(",").map((p) => p.trim()).filter(Boolean)) {
          if (!/^\d{1,15}$/.test(part)) {
            ctx.addIssue({ code: "custom", message: `"${part}" is not a Telegram user id (digits only, comma-separated)` });
            return z.NEVER;
          }
          ids.push(Number(part));
        }
        return ids;
      }),
  ),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(LOG_LEVELS).default("info")),
  // How long a message claimed by a sender that vanished (killed) waits before another sends it.
  OUTBOX_STALE_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(3600).default(60)),
  // Messages a second this instance's outbox sends (Telegram allows about 30 per bot: divide among instances).
  OUTBOX_RATE_PER_SECOND: z.preprocess(emptyToUndefined, z.coerce.number().min(0.1).max(30).default(29.5)),
};

const polling = z.object({
  ...common,
  BOT_MODE: z.preprocess(emptyToUndefined, z.literal("polling").default("polling")),
});

const webhook = z.object({
  ...common,
  BOT_MODE: z.literal("webhook"),
  WEBHOOK_URL: z.preprocess(emptyToUndefined, z.url({ error: "is required in webhook mode (https://…)" })),
  WEBHOOK_SECRET: z.preprocess(
    emptyToUndefined,
    z
      .string({ error: "is required in webhook mode" })
      .regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16–256 characters of A–Z, a–z, 0–9, _ or -"),
  ),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(8080)),
});

export type Config = {
  botToken: string;
  database: DatabaseTarget;
  apiRoot: string | undefined;
  adminTelegramIds: number[];
  logLevel: (typeof LOG_LEVELS)[number];
  outboxStaleSeconds: number;
  outboxRatePerSecond: number;
  mode: { kind: "polling" } | { kind: "webhook"; url: string; secret: string; port: number };
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Pure: reads an environment object, returns a Config or throws ConfigError listing every problem. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const requested = emptyToUndefined(env.BOT_MODE);
  if (requested !== undefined && requested !== "polling" && requested !== "webhook") {
    // Validate the rest too so that every problem is listed at once.
    const rest = polling.safeParse({ ...env, BOT_MODE: undefined });
    const problems = rest.success ? [] : formatIssues(rest.error);
    throw new ConfigError(['BOT_MODE: must be "polling" or "webhook"', ...problems]);
  }
  const parsed = (requested === "webhook" ? webhook : polling).safeParse(env);
  if (!parsed.success) throw new ConfigError(formatIssues(parsed.error));
  const c = parsed.data;
  const mode: Config["mode"] =
    "WEBHOOK_URL" in c ? { kind: "webhook", url: c.WEBHOOK_URL, secret: c.WEBHOOK_SECRET, port: c.PORT } : { kind: "polling" };
  return {
    botToken: c.BOT_TOKEN,
    database: c.DATABASE_URL,
    apiRoot: c.TELEGRAM_API_ROOT,
    adminTelegramIds: c.ADMIN_TELEGRAM_IDS,
    logLevel: c.LOG_LEVEL,
    outboxStaleSeconds: c.OUTBOX_STALE_SECONDS,
    outboxRatePerSecond: c.OUTBOX_RATE_PER_SECOND,
    mode,
  };
}

function formatIssues(error: z.ZodError): string[] {
  // Never echo values: a mistyped token must not end up in a log.
  return error.issues.map((i) => `${i.path.join(".") || "(environment)"}: ${i.message}`);
}

