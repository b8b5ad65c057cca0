// The durable outbox at Telegram's rate limits, against a local fake Bot API
// that enforces 30 messages/s overall and 1/s per chat with 429s:
//  1. rate run: N rows sent by the outbox sender with its default pacing —
//     achieved rate as a share of 30/s, 429s as a share of sends, duplicates, losses;
//  2. crash run: the sender in a child process, killed with SIGKILL at a random
//     moment and restarted — duplicates and losses across the crash;
//  3. reply run: the real bot's answer time to /start while a broadcast runs,
//     against the same /starts with no broadcast (median over 40 each).
// Database: PGlite in a temp directory (one per run), or the PostgreSQL server
// of DATABASE_URL (postgres://…, migrated; its OutboxMessage table is emptied).
// Run: npm run bench:broadcast -- --recipients N   (N defaults to 10,000)
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Api } from "grammy";
import pino from "pino";
import { createBot } from "../src/bot/index.ts";
import { openDatabase, type Database } from "../src/db/database.ts";
import { prepareDatabase } from "../src/db/migrate.ts";
import { createRateBudget, replyCounter, startOutboxSender } from "../src/delivery/outbox-sender.ts";
import { createServices, type Services } from "../src/services/index.ts";
import type { OutboxRow } from "../src/services/outbox.ts";
import { seedExampleTree } from "../src/services/unit-import.ts";
import { FakeBotApi, type FakeUser } from "../src/sim/fake-bot-api.ts";

const LIMIT = 30; // messages per second, all chats together
const { values } = parseArgs({ options: { recipients: { type: "string", default: "10000" } } });
const N = Number(values.recipients);
if (!Number.isInteger(N) || N < 10) throw new Error("--recipients must be a whole number ≥ 10");
const expectedS = N / LIMIT;
const silent = pino({ level: "silent" });
const now = () => new Date();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Like sleep, but does not keep the process alive (for a time limit raced against something). */
const deadline = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
const serverUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL : undefined;
const tempRoot = serverUrl ? undefined : mkdtempSync(path.join(tmpdir(), "kh-bench-broadcast-"));
const TEXT = "Kính gửi anh/chị: Hội Khuyến học xã họp vào 8 giờ sáng Chủ nhật tại nhà văn hóa. Trân trọng!";

// ---- helpers -------------------------------------------------------------------------
/** The DATABASE_URL form of a run's database (a child process opens the same). */
function databaseUrl(run: string): string {
  return serverUrl ?? `pglite:${path.join(tempRoot!, run)}`;
}

async function openRunDatabase(run: string, fresh: boolean): Promise<Database> {
  const url = databaseUrl(run);
  const db = await openDatabase(url.startsWith("pglite:") ? { kind: "pglite", dir: url.slice(7) } : { kind: "postgres", url });
  await prepareDatabase(db);
  if (fresh && db.kind === "postgres") await db.prisma.outboxMessage.deleteMany();
  return db;
}

const chatsOf = (base: number) => Array.from({ length: N }, (_, i) => base + i);

async function enqueue(services: Services, batch: string, chats: number[]): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < chats.length; i += 1000) {
    const rows: OutboxRow[] = chats.slice(i, i + 1000).map((chatId) => ({
      batch, dedupeKey: `${batch}:${chatId}:0`, chatId, payload: { method: "sendMessage", params: { text: TEXT } },
    }));
    await services.outbox.enqueue(rows);
  }
  return (performance.now() - started) / 1000;
}

/** What the fake saw for a set of chats: deliveries (with times) and 429s. */
function track(fake: FakeBotApi, chats: number[]) {
  const wanted = new Set(chats);
  const t = { perChat: new Map<number, number>(), times: [] as number[], calls: 0, limited: 0, replies: 0, replies429: 0 };
  fake.on("call", (c) => {
    if (!c.method.startsWith("send")) return;
    const chat = Number(c.payload.chat_id);
    if (!wanted.has(chat)) {
      t.replies++;
      if (c.error?.error_code === 429) t.replies429++;
      return;
    }
    t.calls++;
    if (c.error?.error_code === 429) t.limited++;
    if (c.result === undefined) return;
    t.times.push(performance.now());
    t.perChat.set(chat, (t.perChat.get(chat) ?? 0) + 1);
  });
  return {
    get delivered() { return t.times.length; },
    get calls() { return t.calls; },
    get limited() { return t.limited; },
    get replies() { return t.replies; },
    get replies429() { return t.replies429; },
    dup: () => [...t.perChat.values()].reduce((sum, n) => sum + n - 1, 0),
    lost: () => chats.filter((c) => !t.perChat.has(c)).length,
    /** messages per second between the first and the last delivery */
    rate: (from = 0, to = t.times.length) => {
      const slice = t.times.slice(from, to);
      return slice.length < 2 ? 0 : ((slice.length - 1) * 1000) / (slice.at(-1)! - slice[0]!);
    },
    elapsedS: () => (t.times.length < 2 ? 0 : (t.times.at(-1)! - t.times[0]!) / 1000),
  };
}

async function statuses(db: Database): Promise<string> {
  const groups = await db.prisma.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
  return groups.map((g) => `${g.status} ${g._count._all}`).join(", ") || "none";
}

async function untilFinal(db: Database, timeoutS: number): Promise<boolean> {
  const end = performance.now() + timeoutS * 1000;
  while (performance.now() < end) {
    if ((await db.prisma.outboxMessage.count({ where: { status: { in: ["PENDING", "SENDING"] } } })) === 0) return true;
    await sleep(500);
  }
  return false;
}

async function newFake(): Promise<FakeBotApi> {
  const fake = new FakeBotApi({ rateLimit: { overallPerSecond: LIMIT, perChatPerSecond: 1, retryAfter: 1 } });
  await fake.start();
  return fake;
}

const pct = (a: number, b: number) => (b === 0 ? 0 : (100 * a) / b);
const f = (n: number, d = 2) => n.toFixed(d);

// ---- 1. rate run ---------------------------------------------------------------------
async function rateRun() {
  console.log(`1. rate run: ${N} rows, sender with its default pacing`);
  const fake = await newFake();
  const db = await openRunDatabase("rate", true);
  try {
    const services = createServices({ db: db.prisma, adminTelegramIds: [], now });
    const chats = chatsOf(1_000_000);
    const enqueueS = await enqueue(services, "bench:rate", chats);
    console.log(`   enqueued in ${f(enqueueS, 1)} s`);
    const seen = track(fake, chats);
    const sender = startOutboxSender({ db: db.prisma, api: new Api(fake.token, { apiRoot: fake.apiRoot }), log: silent, now, instanceId: "bench" });
    const final = await untilFinal(db, expectedS * 3 + 60);
    await sender.stop();
    const rate = seen.rate();
    const r = { rate_ratio: rate / LIMIT, r429_pct: pct(seen.limited, seen.calls), dup: seen.dup(), lost: seen.lost() };
    console.log(`   delivered ${seen.delivered} in ${f(seen.elapsedS(), 1)} s (first → last): ${f(rate)} msg/s = ${f(r.rate_ratio, 3)} of ${LIMIT}/s (target ≥ 0.95)`);
    console.log(`   send calls ${seen.calls}, answered 429: ${seen.limited} = ${f(r.r429_pct)}% (target < 1%)`);
    console.log(`   duplicates ${r.dup}, lost ${r.lost} (targets 0); rows: ${await statuses(db)}${final ? "" : " — TIMED OUT before every row was final"}`);
    return r;
  } finally {
    await db.close();
    await fake.stop();
  }
}

// ---- 2. crash run --------------------------------------------------------------------
const children: ChildProcess[] = [];
function child(fake: FakeBotApi, instance: string, staleMs?: number): { proc: ChildProcess; exited: Promise<number | null> } {
  const args = ["--import", "tsx", "bench/broadcast-child.ts", "--database", databaseUrl("crash"), "--api-root", fake.apiRoot, "--token", fake.token, "--instance", instance];
  if (staleMs !== undefined) args.push("--stale-ms", String(staleMs));
  const proc = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"] });
  children.push(proc);
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  return { proc, exited };
}

async function crashRun(): Promise<{ crash_dup: number | "n/a"; crash_lost: number | "n/a" }> {
  console.log(`2. crash run: ${N} rows, the sender in a child process, SIGKILL at a random moment, then a new sender`);
  const fake = await newFake();
  const chats = chatsOf(2_000_000);
  const seen = track(fake, chats);
  let db: Database | undefined = await openRunDatabase("crash", true);
  try {
    await enqueue(createServices({ db: db.prisma, adminTelegramIds: [], now }), "bench:crash", chats);
    if (db.kind === "pglite") {
      await db.close(); // one process at a time on a PGlite directory
      db = undefined;
    }
    const first = child(fake, "bench-crash-1");
    await fake.waitFor((c) => c.method === "sendMessage" && c.result !== undefined, { timeoutMs: 120_000 });
    const fraction = 0.2 + Math.random() * 0.5;
    await Promise.race([sleep(fraction * expectedS * 1000), first.exited]);
    if (first.proc.exitCode !== null) throw new Error("the first sender finished (or failed) before it could be killed");
    first.proc.kill("SIGKILL");
    await first.exited;
    const atKill = seen.delivered;
    console.log(`   killed with SIGKILL ${f(fraction * expectedS, 1)} s after its first delivery (${Math.round(fraction * 100)}% of the expected ${f(expectedS, 1)} s), ${atKill} delivered`);
    if (!db) {
      try {
        db = await openRunDatabase("crash", false);
        console.log(`   PGlite directory after SIGKILL: opens and reads fine; rows: ${await statuses(db)}`);
        await db.close();
        db = undefined;
      } catch (error) {
        console.log(`   PGlite directory did NOT survive SIGKILL: ${String(error)}`);
        console.log("   (set DATABASE_URL to a PostgreSQL server to run the crash part)");
        return { crash_dup: "n/a", crash_lost: "n/a" };
      }
    } else console.log(`   rows at the kill: ${await statuses(db)}`);
    const staleMs = 2500;
    const started = performance.now();
    const second = child(fake, "bench-crash-2", staleMs);
    const code = await Promise.race([second.exited, deadline((expectedS * 3 + 60) * 1000).then(() => "timeout" as const)]);
    if (code === "timeout") {
      second.proc.kill("SIGKILL");
      await second.exited;
    }
    console.log(`   second sender (staleAfterMs ${staleMs}) ${code === 0 ? "finished" : `ended (${code})`} after ${f((performance.now() - started) / 1000, 1)} s`);
    db ??= await openRunDatabase("crash", false);
    const r = { crash_dup: seen.dup(), crash_lost: seen.lost() };
    console.log(`   deliveries ${seen.delivered} to ${N} chats, 429s ${seen.limited}: duplicates ${r.crash_dup} (target ≤ 1), lost ${r.crash_lost} (target 0); rows: ${await statuses(db)}`);
    return r;
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await db?.close();
    await fake.stop();
  }
}

// ---- 3. reply run --------------------------------------------------------------------
const MEMBERS = 5; // /starts go round them: the throttler and Telegram allow one message a second per chat
const STARTS = 40;
const SPACING_MS = 250;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function replyRun() {
  console.log(`3. reply run: the bot answering /start (${STARTS}, every ${SPACING_MS} ms, round ${MEMBERS} members), without and with a broadcast of ${N}`);
  const fake = await newFake();
  const db = await openRunDatabase("reply", true);
  try {
    const services = createServices({ db: db.prisma, adminTelegramIds: [], now });
    await seedExampleTree(services.deps);
    const unit = await db.prisma.unit.findUniqueOrThrow({ where: { code: "HB-TL-MD-01" } });
    const users: FakeUser[] = [];
    for (let i = 1; i <= MEMBERS; i++) {
      const id = 7_000_000 + i;
      users.push({ id, first_name: `Thành viên ${i}`, language_code: "vi" });
      await db.prisma.member.upsert({
        where: { telegramId: BigInt(id) }, update: {},
        create: { telegramId: BigInt(id), fullName: `Nguyễn Văn Thử ${i}`, language: "vi", memberships: { create: { unitId: unit.id, role: "MEMBER" } } },
      });
    }
    const budget = createRateBudget();
    const bot = createBot(fake.token, { db: db.prisma, services, log: silent, adminTelegramIds: [], botInfo: fake.botInfo, client: { apiRoot: fake.apiRoot } });
    bot.api.config.use(replyCounter(budget));

    async function starts(count: number): Promise<number[]> {
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        const began = performance.now();
        await bot.handleUpdate(fake.sendText(users[i % MEMBERS]!, "/start"));
        times.push(performance.now() - began);
        await sleep(began + SPACING_MS - performance.now());
      }
      return times;
    }
    const chats = chatsOf(3_000_000);
    const seen = track(fake, chats);
    await starts(MEMBERS); // warm up: code paths, sessions
    await sleep(1100);
    const base = await starts(STARTS);
    const repliesBefore = seen.replies, limitedBefore = seen.replies429;

    await enqueue(services, "bench:reply", chats);
    const sender = startOutboxSender({ db: db.prisma, api: new Api(fake.token, { apiRoot: fake.apiRoot }), log: silent, now, instanceId: "bench", budget });
    const ramp = performance.now() + 60_000;
    while (seen.delivered < 2 * LIMIT && performance.now() < ramp) await sleep(50); // the broadcast at full pace
    const from = seen.delivered, from429 = seen.limited, fromCalls = seen.calls;
    const during = await starts(STARTS);
    const to = seen.delivered;
    await sender.stop();
    const stillRunning = to < N;
    const b = median(base), d = median(during);
    console.log(`   no broadcast:     median ${f(b, 1)} ms (max ${f(Math.max(...base), 1)} ms)`);
    console.log(`   broadcast running: median ${f(d, 1)} ms (max ${f(Math.max(...during), 1)} ms); broadcast meanwhile ${f(seen.rate(from, to))} msg/s, ${seen.limited - from429} of ${seen.calls - fromCalls} sends answered 429${stillRunning ? "" : " — the broadcast ENDED during the measurement: use more recipients"}`);
    console.log(`   bot replies ${seen.replies - repliesBefore} during the broadcast, answered 429: ${seen.replies429 - limitedBefore}`);
    console.log(`   reply_slowdown ${f(d / b)} (target ≤ 2)`);
    return { reply_slowdown: d / b };
  } finally {
    await db.close();
    await fake.stop();
  }
}

// ---- main ----------------------------------------------------------------------------
console.log(`broadcast benchmark: ${N} recipients; database ${serverUrl ? "PostgreSQL (DATABASE_URL)" : "PGlite in a temp directory"}; fake Bot API: ${LIMIT} msg/s overall, 1/s per chat, 429 retry_after 1 s`);
async function timed<T>(run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  console.log(`   (${f((performance.now() - started) / 1000, 1)} s in all)`);
  return result;
}
try {
  const rate = await timed(rateRun);
  const crash = await timed(crashRun);
  const reply = await timed(replyRun);
  console.log(
    `RESULT rate_ratio=${f(rate.rate_ratio, 3)} r429_pct=${f(rate.r429_pct)} dup=${rate.dup} lost=${rate.lost} ` +
      `crash_dup=${crash.crash_dup} crash_lost=${crash.crash_lost} reply_slowdown=${f(reply.reply_slowdown)}`,
  );
} finally {
  if (tempRoot) rmSync(tempRoot, { recursive: true, force: true });
}
