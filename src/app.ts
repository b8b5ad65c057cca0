// Starting and stopping the whole application: database (migrated and, when
// empty, seeded with the example tree), services, bot, and polling or the
// webhook server. main.ts and the simulator both use it.
//
// Several instances may share one PostgreSQL in webhook mode: sessions and
// conversations live in the database, outbox rows, reminders and broadcast
// start/finish are claimed there, and the start-up writes (seeding, shipped
// files) run under an advisory lock. Polling must stay one instance: Telegram
// serves getUpdates to one consumer.
import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { hostname } from "node:os";
import { run, type RunnerHandle } from "@grammyjs/runner";
import { Api, GrammyError, HttpError } from "grammy";
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
import { databaseChatLocks, trackUpdates, webhookServer } from "./webhook.ts";

const STARTUP_TIMEOUT_MS = 30_000;
/** How long stop() waits for the updates being handled before it closes the rest anyway. */
const IN_FLIGHT_WAIT_MS = 10_000;
/** /healthz: the database must answer `SELECT 1` within this. */
const HEALTH_DB_TIMEOUT_MS = 2_000;
// Any constant: keeps two instances starting at once from seeding the same rows twice (migrate.ts uses …001).
const STARTUP_LOCK_KEY = 72_616_002;

export const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;

/** What /healthz answers (and the heartbeat file holds, without the database check). */
export interface Health {
  ok: boolean;
  mode: Config["mode"]["kind"];
  /** the database answered `SELECT 1` in time */
  database: "reachable" | "unreachable";
  /** when this instance last finished handling an update (ISO), null before the first */
  lastUpdateAt: string | null;
  /** updates being handled right now */
  inFlight: number;
  stopping: boolean;
}

export interface App {
  db: Database;
  log: Logger;
  services: Services;
  /** runs every timed job now, at the app's clock (the simulator after moving its clock; tests) */
  runJobs(): Promise<void>;
  /** the durable outbox's sender (broadcasts, reminders) */
  outbox: OutboxSender;
  /** the same as /healthz: database reachable, last update handled, updates in flight */
  health(): Promise<Health>;
  /** Stops taking updates, lets those in flight finish (bounded), then stops the timers, the outbox and the database. Idempotent. */
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
    await underStartupLock(db, () => syncShippedData(services, log, now));
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
    // The coordinators' own command lists (one call each) go out while the bot already serves:
    // against Telegram that is a round trip per coordinator, seconds before the first update.
    const managersSynced = commands.syncManagers().catch((error: unknown) => log.warn({ err: describe(error) }, "could not set the coordinators' command lists"));

    // sequentialize keeps one chat's updates in order inside a process; with several instances
    // behind one PostgreSQL, a lock per chat in the database does it across them.
    const chatLocks = config.mode.kind === "webhook" && config.database.kind === "postgres" ? await databaseChatLocks(config.database.url, bot) : null;
    const updates = trackUpdates(bot, chatLocks?.around);
    let stopping = false;
    const health = async (): Promise<Health> => {
      const reachable = await answersWithin(db.query("SELECT 1"), HEALTH_DB_TIMEOUT_MS);
      const s = updates.status();
      return { ok: reachable && !stopping, mode: config.mode.kind, database: reachable ? "reachable" : "unreachable", ...s, stopping };
    };
    let runner: RunnerHandle | null = null;
    let server: Server | null = null;
    if (config.mode.kind === "polling") {
      await bot.api.deleteWebhook();
      runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
      log.info({ bot: bot.botInfo.username }, "polling for updates");
    } else {
      const mode = config.mode;
      server = webhookServer(bot, { secret: mode.secret, log, health, stopping: () => stopping });
      const listening = server;
      await new Promise<void>((resolve, reject) => {
        listening.once("error", reject);
        listening.listen(mode.port, () => {
          listening.off("error", reject);
          resolve();
        });
      });
      // Updates Telegram holds while no instance answers are kept (delivered once one does).
      await bot.api.setWebhook(mode.url, { secret_token: mode.secret, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false });
      log.info({ port: mode.port }, "webhook server listening");
    }

    // The outbox reads 429s and 5xx itself: its Api has no retries and no throttler.
    const outbox = startOutboxSender({
      db: db.prisma, api: new Api(config.botToken, client), log, now, instanceId: `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`, budget, staleAfterMs: config.outboxStaleSeconds * 1000, ratePerSecond: config.outboxRatePerSecond,
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
      () => ({ mode: config.mode.kind, ...updates.status() }),
    );

    async function shutdown(): Promise<void> {
      log.info("stopping");
      stopping = true;
      stopHeartbeat();
      // No new updates: the runner stops fetching (it does not wait for those it handed out);
      // the server takes no new connections and answers 503 on open ones (Telegram retries,
      // perhaps on another instance).
      const closed = server ? new Promise<void>((resolve) => server?.close(() => resolve())) : Promise.resolve();
      server?.closeIdleConnections();
      if (runner) await runner.stop();
      if (!(await updates.idle(IN_FLIGHT_WAIT_MS))) {
        log.warn({ inFlight: updates.status().inFlight, waitedMs: IN_FLIGHT_WAIT_MS }, "stopping with updates still being handled (Telegram sends them again)");
      }
      await managersSynced;
      await scheduler.stop();
      await tracker.stop();
      await outbox.stop();
      await chatLocks?.close();
      server?.closeAllConnections();
      await closed;
      await db.close();
      log.info("stopped");
    }
    let stopped: Promise<void> | null = null;

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
      health,
      stop() {
        stopped ??= shutdown();
        return stopped;
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

/** The seeding and syncing of shipped files, once per database even when instances start together. */
async function syncShippedData(services: Services, log: Logger, now: () => Date): Promise<void> {
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
}

/** On PostgreSQL, runs `fn` holding a session advisory lock (one instance at a time); PGlite has one process anyway. */
async function underStartupLock(db: Database, fn: () => Promise<void>): Promise<void> {
  if (db.kind !== "postgres") return fn();
  await db.exclusive(async (session) => {
    await session.query("SELECT pg_advisory_lock($1)", [STARTUP_LOCK_KEY]);
    try {
      await fn();
    } finally {
      await session.query("SELECT pg_advisory_unlock($1)", [STARTUP_LOCK_KEY]);
    }
  });
}

function answersWithin(query: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([query.then(() => true, () => false), late]).finally(() => clearTimeout(timer));
}
