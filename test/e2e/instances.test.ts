// Production mode (issue 9) end to end: the real bot (`src/main.ts`) as child processes in
// webhook mode, with the fake Bot API POSTing updates to them the way Telegram does after
// setWebhook (one at a time, the secret header, sent again on anything but 2xx).
// - Always (embedded database, one instance): the webhook registered with the secret and the
//   update types; requests without the secret or with a wrong one answered 401 and logged
//   without it; an oversized body 413; /healthz; SIGTERM with an update in flight finishes it.
// - On a PostgreSQL server (TEST_DATABASE_URL, as in CI): TWO instances on one database behind
//   a round-robin "load balancer": a newcomer joins with an invite and records a piggy-bank drive
//   and an opening with every step landing on the other instance (each record saved once and
//   right); a broadcast goes out once to every recipient with both instances sending; one
//   instance stopped, the other takes every update.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Message, Update } from "grammy/types";
import { ALLOWED_UPDATES } from "../../src/app.ts";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { schoolYearLabel, schoolYearOf, vietnamToday, formatDate } from "../../src/domain/dates.ts";
import { formatAmount } from "../../src/domain/money.ts";
import { createServices, type Services } from "../../src/services/index.ts";
import { FakeBotApi, type FakeUser } from "../helpers/fake-bot-api.ts";
import { TEST_DATABASES, type TestEnv } from "../helpers/db.ts";
import { peopleMaker } from "../helpers/people.ts";
import { chatDriver, withButton } from "./chat.ts";
import {
  botSends, fromLocale, freePort, freshPostgresUrl, killAll, labelsOf, press, runTsx, say, startWebhookBot, t, tempDir, type Child,
} from "./support.ts";

const ADMIN: FakeUser = { id: 1, first_name: "Lan", last_name: "Nguyễn", language_code: "vi" };
const vi = (key: string, vars?: Record<string, string | number>) => t("vi", key, vars);
/** 16–256 of A–Z a–z 0–9 _ - (config.ts) */
const newSecret = () => `whsec_${randomBytes(24).toString("hex")}`;

function sampleUpdate(userId: number, text: string): Update {
  const from = { id: userId, is_bot: false, first_name: "Mallory" };
  return {
    update_id: 900_000 + userId,
    message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: userId, type: "private", first_name: "Mallory" }, from, text },
  } as Update;
}

/** Resolves when the fake's webhook POST of this update was answered 200. */
function delivered(api: FakeBotApi, updateId: number, timeoutMs = 20_000): Promise<void> {
  if (api.deliveries.some((d) => d.updateId === updateId && d.status === 200)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      api.off("delivery", on);
      reject(new Error(`update ${updateId} not answered 200 within ${timeoutMs} ms`));
    }, timeoutMs);
    const on = (d: { updateId: number; status: number | "error" }) => {
      if (d.updateId !== updateId || d.status !== 200) return;
      clearTimeout(timer);
      api.off("delivery", on);
      resolve();
    };
    api.on("delivery", on);
  });
}

interface HealthBody { ok: boolean; mode: string; database: string; lastUpdateAt: string | null; inFlight: number; stopping: boolean }
async function healthz(port: number): Promise<{ status: number; body: HealthBody }> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, body: (await res.json()) as HealthBody };
}

describe("webhook mode, one instance on the embedded database", () => {
  const api = new FakeBotApi({ token: "123456:E2E-fake-token-for-the-webhook-tests" });
  const tmp = tempDir("e2e-webhook-");
  const secret = newSecret();
  let port = 0;
  let bot: Child;

  beforeAll(async () => {
    await api.start();
    port = await freePort();
    api.deliverByWebhook(); // to the URL the bot registers: itself
    bot = await startWebhookBot(api, { port, secret, databaseUrl: `pglite:${tmp.dir}/db`, adminId: ADMIN.id, heartbeatFile: `${tmp.dir}/heartbeat` });
  }, 70_000);
  afterAll(async () => {
    await killAll();
    await api.stop();
    tmp.remove();
  });

  it("registers its webhook on start with the secret and the update types it handles, keeping pending updates", async () => {
    const call = await api.waitFor((c) => c.method === "setWebhook");
    expect(call.payload).toMatchObject({ url: `http://127.0.0.1:${port}/telegram`, secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
    expect(call.payload.drop_pending_updates ?? false).toBe(false);
    expect(bot.output()).not.toContain(secret);
  });

  it("refuses requests without the secret or with a wrong one (401, logged with the address, not the secret), an oversized body (413) and a body that is not JSON (400)", async () => {
    const url = `http://127.0.0.1:${port}/telegram`;
    const wrong = newSecret();
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    const intruder = 4242;
    const update = JSON.stringify(sampleUpdate(intruder, "/start"));
    expect((await post(update)).status).toBe(401);
    const refused = await post(update, { "X-Telegram-Bot-Api-Secret-Token": wrong });
    expect(refused.status).toBe(401);
    expect(await refused.text()).not.toContain(secret);
    expect((await post(update, { "X-Telegram-Bot-Api-Secret-Token": secret.slice(0, -1) })).status).toBe(401); // a prefix
    expect((await post("x".repeat(2 * 1024 * 1024), { "X-Telegram-Bot-Api-Secret-Token": secret })).status).toBe(413);
    expect((await post("{not json", { "X-Telegram-Bot-Api-Secret-Token": secret })).status).toBe(400);

    await bot.waitForOutput(/secret token missing or wrong[\s\S]*secret token missing or wrong[\s\S]*secret token missing or wrong/, 10_000);
    const lines = bot.output().split("\n").filter((l) => l.includes("secret token missing or wrong"));
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => (JSON.parse(l) as { secretToken: string }).secretToken)).toEqual(["missing", "wrong", "wrong"]);
    for (const l of lines) expect((JSON.parse(l) as { remote?: string }).remote).toMatch(/127\.0\.0\.1/);
    const out = bot.output();
    expect(out).not.toContain(secret);
    expect(out).not.toContain(secret.slice(0, -1));
    expect(out).not.toContain(wrong);
    // Refused before anything was handled: the intruder's /start got no answer.
    expect(api.calls.filter((c) => c.payload.chat_id === intruder)).toEqual([]);
  });

  it("/healthz: the database reachable, and when the last update was handled", async () => {
    const before = await healthz(port);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ ok: true, mode: "webhook", database: "reachable", inFlight: 0, stopping: false });
    const sentAt = Date.now();
    const user: FakeUser = { id: 501, first_name: "Minh", language_code: "vi" };
    const since = say(api, user, "/start");
    const update = api.pendingUpdates.at(-1);
    await botSends(api, user.id, fromLocale("vi", "start-intro"), since);
    await delivered(api, update?.update_id ?? -1); // answered: handled to the end
    const after = await healthz(port);
    expect(after.status).toBe(200);
    expect(after.body.lastUpdateAt).not.toBeNull();
    expect(Date.parse(after.body.lastUpdateAt ?? "")).toBeGreaterThanOrEqual(sentAt - 1000);
    // The heartbeat file (the container's check in polling mode) says the same.
    expect(JSON.parse(readFileSync(`${tmp.dir}/heartbeat`, "utf8"))).toMatchObject({ mode: "webhook" });
  });

  it("SIGTERM (twice) with an update in flight: the update is finished, its reply arrives, Telegram gets its 200, exit code 0", async () => {
    const user: FakeUser = { id: 502, first_name: "Hoa", language_code: "vi" };
    const hold = api.holdNext("sendMessage", (p) => p.chat_id === user.id);
    say(api, user, "/start");
    const update = api.pendingUpdates.at(-1);
    const call = await hold.arrived; // the bot is waiting for Telegram's answer to its reply
    const exit = bot.stop("SIGTERM", 30_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    bot.proc.kill("SIGTERM"); // a second signal changes nothing
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bot.proc.exitCode).toBeNull(); // still finishing the update
    const releasedAt = Date.now();
    hold.release();
    const { code, signal } = await exit;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(call.result).toMatchObject({ chat: { id: user.id } });
    expect((call.result as Message).text).toMatch(fromLocale("vi", "start-intro"));
    const answered = api.deliveries.filter((d) => d.updateId === update?.update_id);
    expect(answered.at(-1)).toMatchObject({ status: 200 });
    expect(answered.at(-1)?.at).toBeGreaterThanOrEqual(releasedAt);
    expect(bot.output()).toMatch(/already stopping/);
    expect(bot.output()).not.toMatch(/stopping failed|"level":50/);
  }, 40_000);
});

// ---- several instances on one PostgreSQL -----------------------------------------------------

describe.each(TEST_DATABASES.filter((k) => k === "postgres"))("two instances in webhook mode on one %s database", () => {
  const api = new FakeBotApi({ token: "123456:E2E-fake-token-for-the-instances-tests" });
  const tmp = tempDir("e2e-instances-");
  const secret = newSecret();
  const ports: number[] = [];
  const bots: Child[] = [];
  let database: { url: string; drop(): Promise<void> };
  let db: Database;
  let services: Services;
  /** the instance each POST went to, in order; while true, round robin */
  let alternate = true;
  let posts = 0;
  const { reply, send, tap, join } = chatDriver(api, ADMIN);

  beforeAll(async () => {
    database = await freshPostgresUrl();
    // The production step: migrations run explicitly before the instances start.
    const migrate = runTsx("src/db/migrate-cli.ts", { env: { DATABASE_URL: database.url } });
    expect((await migrate.exited).code, migrate.output()).toBe(0);
    await api.start();
    ports.push(await freePort(), await freePort());
    // The load balancer: the next instance for each POST (after a failure too, as a proxy would).
    api.deliverByWebhook({
      route: () => `http://127.0.0.1:${ports[alternate ? posts++ % 2 : 1]}/telegram`,
      retryMs: 100,
    });
    // Both at once, like `docker compose up --scale bot=2` on an empty database.
    bots.push(
      ...(await Promise.all(
        ports.map((port, i) =>
          startWebhookBot(api, { port, secret, databaseUrl: database.url, adminId: ADMIN.id, heartbeatFile: `${tmp.dir}/heartbeat-${i}`, webhookUrl: "https://bot.example.org/telegram" }),
        ),
      )),
    );
    db = await openDatabase({ kind: "postgres", url: database.url });
    services = createServices({ db: db.prisma, adminTelegramIds: [ADMIN.id], now: () => new Date() });
  }, 80_000);
  afterAll(async () => {
    await killAll();
    await api.stop();
    await db?.close();
    await database?.drop();
    tmp.remove();
  });

  const unitByCode = async (code: string) => {
    const unit = await db.prisma.unit.findFirst({ where: { code } });
    if (!unit) throw new Error(`no unit ${code}`);
    return unit;
  };
  /** The instance (port) that answered each of these updates 2xx, in order. */
  const handledBy = (updateIds: number[]) =>
    updateIds.map((id) => api.deliveries.find((d) => d.updateId === id && d.status === 200)?.url.replace(/^.*:(\d+)\/.*$/, "$1") ?? "none");

  it("started together on an empty database: the example tree seeded once, both healthy", async () => {
    expect(await db.prisma.unit.count({ where: { code: "HB-MC-CC-01" } })).toBe(1);
    for (const port of ports) expect((await healthz(port)).body).toMatchObject({ ok: true, database: "reachable" });
    expect(api.calls.filter((c) => c.method === "setWebhook")).toHaveLength(2);
  });

  it("a newcomer joins with an invite, starts a piggy-bank drive and records an opening, every step on the other instance: each record saved once", async () => {
    const user: FakeUser = { id: 701, first_name: "Hoa", last_name: "Bùi", language_code: "vi" };
    const ids: number[] = [];
    const onUpdate = (u: Update) => {
      if ((u.message?.from ?? u.callback_query?.from)?.id === user.id) ids.push(u.update_id);
    };
    api.on("update", onUpdate);
    try {
      const branch = await unitByCode("HB-MC-CC-01");
      const admin = await services.access.loadPerson(ADMIN.id);
      const invite = await services.invites.createInvite(admin, { unitId: branch.id, role: "REPORTER", maxUses: 1, expiresAt: null });
      const { menu } = await join("vi", user, invite.code, "Bùi Thị Hoa", branch.name, "role-reporter", vi("btn-piggy"));

      const year = schoolYearOf(vietnamToday(new Date())).start;
      const yearLabel = schoolYearLabel(year);
      const cardTitle = vi("piggy-card-title", { unit: branch.name, year: yearLabel });
      let m = await tap(user, menu, vi("btn-piggy"), withButton(`${cardTitle}\n\n${vi("piggy-card-none")}`, vi("btn-piggy-start")));
      m = await tap(user, m, vi("btn-piggy-start"), vi("piggy-drive-ask-year", { unit: branch.name }));
      m = await tap(user, m, vi("piggy-year-current", { year: yearLabel }), vi("piggy-drive-ask-kind"));
      await tap(user, m, vi("piggy-kind-household"), vi("piggy-drive-ask-banks"));
      m = await send(user, "120", vi("piggy-drive-ask-note"));
      const confirm = vi("piggy-drive-confirm", { unit: branch.name, year: yearLabel, kind: vi("piggy-kind-household"), banks: "120", note: vi("piggy-none") });
      m = await tap(user, m, vi("btn-skip"), confirm);
      let since = press(api, user, m, vi("btn-piggy-drive-save"));
      await reply(user, since, vi("piggy-drive-started", { unit: branch.name, year: yearLabel, banks: "120" }));
      m = await reply(user, since, (x) => labelsOf(x).includes(vi("btn-piggy-record")));

      since = press(api, user, m, vi("btn-piggy-record"));
      m = await reply(user, since, withButton(vi("piggy-ask-date"), vi("btn-today")));
      await tap(user, m, vi("btn-today"), vi("piggy-ask-opened", { handed: "120" }));
      await send(user, "40", vi("piggy-ask-collected"));
      await send(user, "1tr5", vi("piggy-ask-scholarship-count", { collected: formatAmount(1_500_000, "vi") }));
      await send(user, "3", vi("piggy-ask-scholarship-amount", { count: "3", left: formatAmount(1_500_000, "vi") }));
      await send(user, "900k", vi("piggy-ask-supplies", { left: formatAmount(600_000, "vi") }));
      await send(user, "300.000", vi("piggy-ask-fund", { left: formatAmount(300_000, "vi") }));
      m = await send(user, "200k", vi("piggy-ask-other", { left: formatAmount(100_000, "vi") }));
      m = await tap(user, m, vi("btn-zero"), vi("piggy-ask-photo"));
      m = await tap(user, m, vi("btn-skip"), (x) => x.text?.startsWith(vi("piggy-opening-confirm")) === true && labelsOf(x).includes(vi("btn-piggy-send")));
      since = press(api, user, m, vi("btn-piggy-send"));
      await reply(user, since, vi("piggy-opening-saved", { date: formatDate(vietnamToday(new Date())), collected: formatAmount(1_500_000, "vi") }));
    } finally {
      api.off("update", onUpdate);
    }

    // Every step alternated between the two instances (the conversation lives in the database).
    await Promise.all(ids.map((id) => delivered(api, id)));
    const by = handledBy(ids);
    expect(ids.length).toBeGreaterThan(20);
    expect(new Set(by)).toEqual(new Set(ports.map(String)));
    for (let i = 1; i < by.length; i++) expect(by[i], `update ${i} on the other instance than update ${i - 1}`).not.toBe(by[i - 1]);

    // Saved once, and right.
    const member = await db.prisma.member.findMany({ where: { telegramId: BigInt(user.id) }, include: { memberships: true } });
    expect(member).toHaveLength(1);
    expect(member[0]?.fullName).toBe("Bùi Thị Hoa");
    expect(member[0]?.memberships.map((x) => x.role)).toEqual(["REPORTER"]);
    const drives = await db.prisma.piggyBankDrive.findMany({ where: { createdByTelegramId: BigInt(user.id) }, include: { openings: true } });
    expect(drives).toHaveLength(1);
    expect(drives[0]).toMatchObject({ banksHandedOut: 120, recipientKind: "HOUSEHOLD" });
    expect(drives[0]?.openings).toHaveLength(1);
    expect(drives[0]?.openings[0]).toMatchObject({
      banksOpened: 40, amountCollected: 1_500_000n, scholarshipCount: 3, scholarshipAmount: 900_000n, suppliesAmount: 300_000n, fundAmount: 200_000n, otherAmount: 0n, status: "SUBMITTED",
    });
    expect(await db.prisma.session.count({ where: { key: String(user.id) } })).toBe(1);
  }, 60_000);

  it("a broadcast to 12 members goes out exactly once to each with both instances sending, and is summarised once", async () => {
    const unit = await unitByCode("HB-LS");
    const admin = await services.access.loadPerson(ADMIN.id);
    const env: TestEnv = { db, services, clock: { now: new Date() } };
    const { joinWith } = peopleMaker(() => env, () => admin, 8100);
    const recipients: number[] = [];
    for (let i = 0; i < 12; i++) recipients.push(await joinWith("MEMBER", unit.id));
    const text = `Họp chi hội tối thứ Sáu ${randomBytes(3).toString("hex")}`;
    const since = api.calls.length;
    const view = await services.broadcasts.createBroadcast(
      admin,
      { unitIds: [unit.id], audience: "EVERYONE", content: { text, entities: [], media: null }, askAck: false, scheduledAt: null },
      { vi: vi("btn-broadcast-ack"), en: t("en", "btn-broadcast-ack") },
    );
    expect(view.progress.recipients).toBe(12);
    const summary = fromLocale("vi", "broadcast-summary-done");
    await botSends(api, ADMIN.id, summary, since, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 3500)); // a tracker round more on each instance: no second summary
    const sends = api.calls.slice(since).filter((c) => c.method === "sendMessage" && !c.error);
    for (const id of recipients) {
      expect(sends.filter((c) => c.payload.chat_id === id && String(c.payload.text).includes(text)), `messages to ${id}`).toHaveLength(1);
    }
    expect(sends.filter((c) => c.payload.chat_id === ADMIN.id && summary.test(String(c.payload.text)))).toHaveLength(1);
    const rows = await db.prisma.outboxMessage.findMany({ where: { batch: `broadcast:${view.id}` } });
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => "SENT"));
    expect(rows).toHaveLength(12);
  }, 45_000);

  it("two updates of one chat arriving at once on the two instances are handled one after the other (a lock per chat in the database)", async () => {
    const chatId = 703;
    const post = (port: number, update: Update) =>
      fetch(`http://127.0.0.1:${port}/telegram`, {
        method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret }, body: JSON.stringify(update),
      });
    const update = (n: number): Update => ({ ...sampleUpdate(chatId, "/start"), update_id: 990_000 + n });
    const hold = api.holdNext("sendMessage", (p) => p.chat_id === chatId);
    const first = post(ports[0]!, update(1));
    const held = await hold.arrived; // instance 1 is in the middle of this chat's update
    const second = post(ports[1]!, update(2));
    await new Promise((resolve) => setTimeout(resolve, 1000)); // room for instance 2 to (wrongly) go ahead
    const releasedAt = Date.now();
    hold.release();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    const replies = api.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === chatId);
    expect(replies).toHaveLength(2);
    expect(replies[0]).toBe(held);
    expect(replies[1]!.at, "the second instance's reply was asked for only after the first update was finished").toBeGreaterThanOrEqual(releasedAt);
  }, 30_000);

  it("one instance stopped (SIGTERM): the other takes every update, nothing is lost", async () => {
    const first = bots[0]!;
    expect((await first.stop("SIGTERM", 20_000)).code).toBe(0);
    const user: FakeUser = { id: 702, first_name: "Nam", language_code: "vi" };
    const ids: number[] = [];
    const onUpdate = (u: Update) => ids.push(u.update_id);
    api.on("update", onUpdate);
    try {
      for (let i = 0; i < 3; i++) await send(user, "/start", fromLocale("vi", "start-intro"));
    } finally {
      api.off("update", onUpdate);
    }
    await Promise.all(ids.map((id) => delivered(api, id)));
    expect(handledBy(ids)).toEqual(ids.map(() => String(ports[1])));
    // Those routed to the stopped one failed and were sent again (as Telegram does).
    expect(api.deliveries.filter((d) => ids.includes(d.updateId) && d.status !== 200).length).toBeGreaterThan(0);
    alternate = false;
  }, 40_000);
});
