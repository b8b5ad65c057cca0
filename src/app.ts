// Starting and stopping the whole application: database (migrated and, when
// empty, seeded with the example tree), services, bot, and polling or the
// webhook server. main.ts and the simulator both use it.
import { createServer, type Server } from "node:http";
import { hostname } from "node:os";
import { run, type RunnerHandle } from "@grammyjs/runner";
import { Api, webhookCallback, GrammyError, HttpError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import pino, { type Logger } from "pino";
import type { Config } from "./config.ts";
import { describeTarget, openDatabase, type Database } from "./db/database.ts";
import { PendingMigrationsError, prepareDatabase } from "./db/migrate.ts";
import { createServices, type Services } from "./services/index.ts";
import { seedExampleTree } from "./services/unit-import.ts";
import { createBot, createCommandSync } from "./bot/index.ts";
import { createI18n } from "./bot/i18n.ts";
import { describe, redact } from "./bot/middlewares/index.ts";
import { startHeartbeat } from "./heartbeat.ts";
import { checkInNotifier, queuer } from "./bot/notify.ts";
import { startScheduler } from "./jobs/scheduler.ts";
import { checkInReminderJob } from "./jobs/check-in-reminders.ts";
import { deadlineReminderJob } from "./jobs/deadline-reminders.ts";
import { createDeadlineNotifier } from "./bot/notify-deadlines.ts";
import { vietnamToday } from "./domain/dates.ts";
import { createRateBudget, startOutboxSender, type OutboxSender } from "./delivery/outbox-sender.ts";
import { startBroadcastTracker } from "./bot/broadcast-tracker.ts";

const STARTUP_TIMEOUT_MS = 30_000;

export const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;

export interface App {
  db: Database;
  log: Logger;
  services: Services;
  /** runs every timed job now, at the app's clock (the simulator after moving its clock; tests) */
  runJobs(): Promise<void>;
  /** the durable outbox's sender (broadcasts, reminders) */
  outbox: OutboxSender;
  stop(): Promise<void>;
}

export class StartupError extends Error {}

/** `destination`: where the log goes (default stdout); the simulator writes to a file. */
export function createLogger(level: Config["logLevel"], destination?: pino.DestinationStream): Logger {
  const options = { level, redact: { paths: ["token", "*.token", "config.botToken"], censor: "<secret>" } };
  return destination ? pino(options, destination) : pino(options);
}

/** `now`: the clock of the services and the timed jobs (the simulator moves it; default the real one). */
export async function startApp(config: Config, opts: { log?: Logger; botInfo?: UserFromGetMe; now?: () => Date } = {}): Promise<App> {
  const log = opts.log ?? createLogger(config.logLevel);
  const now = opts.now ?? (() => new Date());
  log.info({ database: describeTarget(config.database), mode: config.mode.kind }, "starting");
  const db = await openDatabase(config.database);
  try {
    const migrated = await prepareDatabase(db).catch((error: unknown) => {
      throw error instanceof PendingMigrationsError ? new StartupError(error.message) : error;
    });
    if (migrated.applied.length > 0) log.info({ applied: migrated.applied }, "database migrated");
    const services = createServices({ db: db.prisma, adminTelegramIds: config.adminTelegramIds, now });
    const seeded = await seedExampleTree(services.deps);
    if (seeded?.ok) log.info({ units: seeded.created }, "empty database: seeded the example unit tree of Hoa Binh");
    const criteria = await services.criteria.syncShippedCriteria();
    log.info({ added: criteria.added.length, unchanged: criteria.unchanged.length }, "shipped criteria sets stored");
    if (!criteria.folderFound) log.warn("no criteria/ folder: no shipped criteria sets were stored");
    for (const c of criteria.conflicts) log.warn(c, "a shipped criteria file differs from the same version already stored: the stored one is kept (give the file a higher version)");
    for (const bad of criteria.invalid) log.warn({ file: bad.file, errors: bad.errors }, "a shipped criteria file is invalid and was not stored");
    const templates = await services.reports.syncShippedTemplates();
    log.info({ added: templates.added.length, unchanged: templates.unchanged.length }, "shipped report templates stored");
    for (const c of templates.conflicts) log.warn({ template: c }, "a shipped report template differs from the same version already stored: the stored one is kept (give the file a higher version)");
    for (const bad of templates.invalid) log.warn(bad, "a shipped report template is invalid and was not stored");
    const thisYear = vietnamToday(now()).year;
    const calendar = await services.deadlines.syncCalendar([thisYear, thisYear + 1]);
    if (calendar.created > 0) log.info({ created: calendar.created }, "deadlines made from the shipped calendar");
    for (const bad of calendar.invalid) log.warn(bad, "a shipped calendar file is invalid: its deadlines were not made");
    const client = config.apiRoot ? { apiRoot: config.apiRoot } : undefined;
    // The bot's replies are counted so that the outbox leaves them room under Telegram's limit.
    const budget = createRateBudget();
    const bot = createBot(config.botToken, { db: db.prisma, services, log, adminTelegramIds: config.adminTelegramIds, botInfo: opts.botInfo, client, budget });
    // Bounded: grammY retries getMe until it succeeds, which hangs when there is no route to Telegram.
    const startup = AbortSignal.timeout(STARTUP_TIMEOUT_MS);
    await bot.init(startup as Parameters<typeof bot.init>[0]).catch((error: unknown) => {
      if (startup.aborted) throw new StartupError(`Cannot reach the Telegram Bot API (no answer within ${STARTUP_TIMEOUT_MS / 1000} s): check the network.`);
      if (error instanceof GrammyError && error.error_code === 401) throw new StartupError("Telegram rejected BOT_TOKEN (401 Unauthorized): check the token from @BotFather.");
      if (error instanceof HttpError) throw new StartupError(`Cannot reach the Telegram Bot API: ${redact(String(error.error))}`);
      throw error;
    });
    const commands = createCommandSync(bot.api, createI18n(), services, log);
    await commands.registerDefaults();
    await commands.syncManagers();

    let runner: RunnerHandle | null = null;
    let server: Server | null = null;
    if (config.mode.kind === "polling") {
      await bot.api.deleteWebhook();
      runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
      log.info({ bot: bot.botInfo.username }, "polling for updates");
    } else {
      const mode = config.mode;
      const callback = webhookCallback(bot, "http", { secretToken: mode.secret });
      server = createServer((req, res) => {
        if (req.method === "GET" && req.url === "/healthz") {
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true }));
          return;
        }
        if (req.method !== "POST") {
          res.writeHead(404).end();
          return;
        }
        callback(req, res).catch((error: unknown) => {
          log.warn({ err: describe(error) }, "webhook request failed");
          if (!res.headersSent) res.writeHead(500).end();
        });
      });
      await new Promise<void>((resolve) => server?.listen(mode.port, resolve));
      await bot.api.setWebhook(mode.url, { secret_token: mode.secret, allowed_updates: [...ALLOWED_UPDATES] });
      log.info({ port: mode.port }, "webhook server listening");
    }

    // The outbox reads 429s and 5xx itself: its Api has no retries and no throttler.
    const outbox = startOutboxSender({
      db: db.prisma, api: new Api(config.botToken, client), log, now, instanceId: `${hostname()}:${process.pid}`, budget, staleAfterMs: config.outboxStaleSeconds * 1000,
      onBlocked: (chatId) => services.members.setReachable(chatId, false),
    });
    // Reminders are queued in the outbox, which sends them at Telegram's rate (a 403 marks the person unreachable).
    const i18n = createI18n();
    const queue = queuer(services, () => outbox.wake());
    const jobs = [checkInReminderJob(services, checkInNotifier(queue, i18n)), deadlineReminderJob(services, createDeadlineNotifier(queue, i18n))];
    const scheduler = startScheduler(jobs, { log, now });
    const tracker = startBroadcastTracker({ services, api: bot.api, i18n, log });

    const stopHeartbeat = startHeartbeat(
      async () => {
        await db.query("SELECT 1");
      },
      (error) => log.warn({ err: describe(error) }, "heartbeat: database not reachable"),
    );

    return {
      db,
      log,
      services,
      outbox,
      async runJobs() {
        for (const job of jobs) await scheduler.runNow(job.name);
        await tracker.tick();
        await outbox.drained(); // the reminders the jobs queued have gone out (the simulator shows them before its next line)
      },
      async stop() {
        log.info("stopping");
        stopHeartbeat();
        await scheduler.stop();
        if (runner?.isRunning()) await runner.stop();
        await tracker.stop();
        await outbox.stop();
        if (server) await new Promise<void>((resolve) => server?.close(() => resolve()));
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
