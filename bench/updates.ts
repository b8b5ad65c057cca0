// The update path under load (issue 9): simulated reporters record piggy-bank
// openings (11 steps: /piggy, Record, date, banks, collected, scholarships,
// supplies, fund, other, photo, confirm) at 1, 50 and 200 chats at once,
// through the real bot (createBot, real services, Telegram faked in-process at
// client.fetch), against two baselines at the same concurrency and number of
// steps: (a) the unavoidable persistence of a step through Prisma alone and
// (b) a bare grammY bot that echoes. On PGlite (a temp directory, as in
// production; --pglite-memory for in memory) and on a PostgreSQL server
// (BENCH_DATABASE_URL, or one started from the Debian packages, bench/pg-server.ts).
// Then a profile: the SQL queries of each step of the bot, by what caused them.
// Run: npm run bench:updates [-- --reps 3 --scale 1 --pglite-memory --only pglite|postgres]
import { parseArgs } from "node:util";
import { pino } from "pino";
import { createBot } from "../src/bot/index.ts";
import type { Db } from "../src/db/database.ts";
import { createServices, type Services } from "../src/services/index.ts";
import { BOT_INFO, FakeTelegram, TestChat, TOKEN, type UpdateHandler } from "../test/helpers/telegram.ts";
import { startPgServer, type PgServer } from "./pg-server.ts";
import {
  STEPS_PER_OPENING, clearFake, echoBot, openingSteps, runBot, runEcho, runPersistence, summarize, userOf, type RunResult, type Variant,
} from "./updates-runs.ts";
import { ADMIN_ID, openPgliteBench, openPostgresBench, prepare, resetOpenings, type BenchDb, type Reporter } from "./updates-setup.ts";

const { values } = parseArgs({
  options: {
    reps: { type: "string", default: "1" },
    scale: { type: "string", default: "1" },
    "pglite-memory": { type: "boolean", default: false },
    only: { type: "string" },
    conc: { type: "string", default: "1,50,200" },
    reporters: { type: "string" },
  },
});
const REPS = Number(values.reps);
const SCALE = Number(values.scale);
const CONCURRENCIES = values.conc.split(",").map(Number);
/** reporters (= openings) per run at each concurrency: c=1 is slow per step, so fewer */
const usersFor = (c: number) => Math.max(c, Math.round((c === 1 ? 20 : c === 50 ? 100 : 200) * SCALE));
const REPORTERS = Math.max(50, ...CONCURRENCIES.map(usersFor));
const VARIANTS: Variant[] = ["bot", "a", "b"];

interface Problems {
  errors: number;
  last?: string;
}

function countingLogger(problems: Problems) {
  return pino({ level: "warn" }, {
    write(line: string) {
      problems.errors++;
      problems.last = line.slice(0, 300);
    },
  });
}

interface Cell {
  db: string;
  c: number;
  runs: Record<Variant, RunResult[]>;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function figures(runs: RunResult[]) {
  const each = runs.map(summarize);
  return { stepsPerS: median(each.map((e) => e.stepsPerS)), p50: median(each.map((e) => e.p50)), p99: median(each.map((e) => e.p99)) };
}

/** Length of the bot's session value after each step of one opening (baseline (a) writes as much). */
async function sessionSizes(bot: UpdateHandler, tg: FakeTelegram, db: Db, r: Reporter): Promise<number[]> {
  const chat = new TestChat(tg, () => bot, userOf(r.telegramId));
  const sizes: number[] = [];
  for (const step of openingSteps(r)) {
    if (step.kind === "send") await chat.send(step.value);
    else await chat.press(step.value);
    const row = await db.session.findFirst({ where: { key: String(r.telegramId) } });
    sizes.push(row?.value.length ?? 0);
  }
  return sizes;
}

interface StepProfile {
  step: string;
  session: number;
  person: number;
  flow: number;
  commits: number;
  tables: string[];
}

/** One opening by one reporter on the logging client: the queries of each step, by cause. */
async function profile(bench: BenchDb, tg: FakeTelegram, r: Reporter, problems: Problems): Promise<{ bot: StepProfile[]; a: number[] }> {
  const services: Services = createServices({ db: bench.logged, adminTelegramIds: [ADMIN_ID], now: () => new Date() });
  let phase = "";
  const load = services.access.loadPerson;
  services.access.loadPerson = async (id) => {
    phase = "person";
    try {
      return await load(id);
    } finally {
      phase = "";
    }
  };
  let current: StepProfile | null = null;
  bench.onQuery((sql) => {
    if (!current) return;
    const table = /(?:FROM|INTO|UPDATE)\s+(?:"public"\.)?"(\w+)"/.exec(sql)?.[1] ?? sql.slice(0, 30);
    if (/COMMIT/.test(sql)) current.commits++;
    else if (table === "Session") current.session++;
    else if (phase === "person") current.person++;
    else current.flow++;
    if (!/COMMIT/.test(sql)) current.tables.push(table);
  });
  const bot = createBot(TOKEN, {
    db: bench.logged, services, log: countingLogger(problems), adminTelegramIds: [ADMIN_ID], botInfo: BOT_INFO,
    client: { fetch: tg.fetch }, throttle: false,
  });
  const chat = new TestChat(tg, () => bot, userOf(r.telegramId));
  const out: StepProfile[] = [];
  for (const step of openingSteps(r)) {
    current = { step: step.value, session: 0, person: 0, flow: 0, commits: 0, tables: [] };
    if (step.kind === "send") await chat.send(step.value);
    else await chat.press(step.value);
    out.push(current);
  }
  // Baseline (a) on the same client: its queries per step.
  current = { step: "(a)", session: 0, person: 0, flow: 0, commits: 0, tables: [] };
  await runPersistence(bench.logged, [r], 1, []);
  const a = [(current.session + current.flow + current.commits) / STEPS_PER_OPENING];
  current = null;
  return { bot: out, a };
}

async function benchDatabase(bench: BenchDb, cells: Cell[], profiles: Map<string, { bot: StepProfile[]; a: number[] }>): Promise<void> {
  const t0 = performance.now();
  const { services, reporters } = await prepare(bench, REPORTERS);
  console.log(`${bench.label}: ${REPORTERS} reporters in branches of their own, each with a drive (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const tg = new FakeTelegram();
  const problems: Problems = { errors: 0 };
  const bot = createBot(TOKEN, {
    db: bench.db.prisma, services, log: countingLogger(problems), adminTelegramIds: [ADMIN_ID], botInfo: BOT_INFO,
    client: { fetch: tg.fetch }, throttle: false,
  });
  const echo = echoBot(tg);
  const prisma = bench.db.prisma;

  const sizes = await sessionSizes(bot, tg, prisma, reporters[0]!);
  await resetOpenings(bench.db);
  console.log(`  session value after each step (chars): ${sizes.join(" ")}`);

  const run = async (v: Variant, c: number, users: Reporter[]): Promise<RunResult> => {
    clearFake(tg);
    const before = problems.errors;
    const result = v === "bot" ? await runBot(bot, tg, users, c) : v === "a" ? await runPersistence(prisma, users, c, sizes) : await runEcho(echo, tg, users, c);
    if (v !== "b") {
      const saved = await prisma.piggyBankOpening.count();
      if (saved !== users.length) throw new Error(`${bench.label} ${v} c=${c}: ${saved} openings saved of ${users.length}`);
    }
    if (problems.errors > before) throw new Error(`${bench.label} ${v} c=${c}: the bot logged a problem: ${problems.last}`);
    if (result.steps !== users.length * STEPS_PER_OPENING) throw new Error(`${v} c=${c}: ${result.steps} steps`);
    await resetOpenings(bench.db);
    return result;
  };

  // Warm-up: JIT, the connection pool, Prisma's caches.
  for (const v of VARIANTS) await run(v, 50, reporters.slice(0, 50));
  for (let rep = 0; rep < REPS; rep++) {
    for (const c of CONCURRENCIES) {
      let cell = cells.find((x) => x.db === bench.label && x.c === c);
      if (!cell) {
        cell = { db: bench.label, c, runs: { bot: [], a: [], b: [] } };
        cells.push(cell);
        // Warm-up of the cell itself (short).
        for (const v of VARIANTS) await run(v, c, reporters.slice(0, Math.min(c, 20)));
      }
      const users = reporters.slice(0, usersFor(c));
      // Interleaved, the order turning each repetition.
      const order = VARIANTS.map((_, i) => VARIANTS[(i + rep) % VARIANTS.length]!);
      for (const v of order) cell.runs[v].push(await run(v, c, users));
      const f = figures(cell.runs.bot);
      process.stdout.write(`  rep ${rep + 1} c=${c}: bot ${f.stepsPerS.toFixed(0)} steps/s (so far)\n`);
    }
  }
  profiles.set(bench.label, await profile(bench, tg, reporters[1]!, problems));
  await resetOpenings(bench.db);
}

function printTable(cells: Cell[]) {
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(`\n${"database".padEnd(20)} ${pad("c", 4)} | ${pad("bot st/s", 9)} ${pad("p50", 6)} ${pad("p99", 6)} | ${pad("(a) st/s", 9)} ${pad("p50", 6)} ${pad("p99", 6)} | ${pad("(b) st/s", 9)} ${pad("p50", 6)} ${pad("p99", 6)} | ${pad("bot/a", 6)} ${pad("bot/b", 6)} ${pad("p99/p50", 7)}`);
  const worst = { db: Infinity, echo: Infinity, tail: 0 };
  for (const cell of cells) {
    const [bot, a, b] = (["bot", "a", "b"] as const).map((v) => figures(cell.runs[v]));
    const ra = bot!.stepsPerS / a!.stepsPerS;
    const rb = bot!.stepsPerS / b!.stepsPerS;
    const tail = bot!.p99 / bot!.p50;
    worst.db = Math.min(worst.db, ra);
    worst.echo = Math.min(worst.echo, rb);
    worst.tail = Math.max(worst.tail, tail);
    const f = (x: { stepsPerS: number; p50: number; p99: number }) => `${pad(x.stepsPerS.toFixed(0), 9)} ${pad(x.p50.toFixed(2), 6)} ${pad(x.p99.toFixed(1), 6)}`;
    console.log(`${cell.db.padEnd(20)} ${pad(cell.c, 4)} | ${f(bot!)} | ${f(a!)} | ${f(b!)} | ${pad(ra.toFixed(2), 6)} ${pad(rb.toFixed(3), 6)} ${pad(tail.toFixed(1), 7)}`);
  }
  return worst;
}

function printProfile(label: string, p: { bot: StepProfile[]; a: number[] }) {
  console.log(`\nQueries per step of the bot on ${label} (one opening, one chat; session = Session row, person = loadPerson, flow = the rest, commits = transactions):`);
  let total = 0;
  for (const s of p.bot) {
    const n = s.session + s.person + s.flow + s.commits;
    total += n;
    const flowTables = s.tables.filter((t) => t !== "Session");
    console.log(`  ${s.step.padEnd(12)} ${String(n).padStart(3)}  session ${s.session}  person ${s.person}  flow ${s.flow}  commits ${s.commits}  ${flowTables.join(",")}`);
  }
  console.log(`  total ${total} for ${p.bot.length} steps = ${(total / p.bot.length).toFixed(1)} per step; baseline (a): ${p.a[0]!.toFixed(2)} per step`);
}

const cells: Cell[] = [];
const profiles = new Map<string, { bot: StepProfile[]; a: number[] }>();
let server: PgServer | null = null;
const started = performance.now();
try {
  if (values.only !== "postgres") {
    const bench = await openPgliteBench(values["pglite-memory"]);
    try {
      await benchDatabase(bench, cells, profiles);
    } finally {
      await bench.close();
    }
  }
  if (values.only !== "pglite") {
    server = await startPgServer();
    if (!server) console.log("No PostgreSQL server (no BENCH_DATABASE_URL, no Debian packages): PGlite only.");
    else {
      const bench = await openPostgresBench(await server.freshDatabaseUrl());
      try {
        await benchDatabase(bench, cells, profiles);
      } finally {
        await bench.close();
      }
    }
  }
  console.log(`\nCommand: npm run bench:updates -- --reps ${REPS} --scale ${SCALE}${values["pglite-memory"] ? " --pglite-memory" : ""}${values.only ? ` --only ${values.only}` : ""}`);
  console.log(`Median of ${REPS} interleaved repetitions; a step = one update (bot, b) or one step's queries (a); ${STEPS_PER_OPENING} steps per opening; reporters per run at c=1/50/200: ${CONCURRENCIES.map(usersFor).join("/")}; latencies in ms.`);
  const worst = printTable(cells);
  for (const [label, p] of profiles) printProfile(label, p);
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s in all)`);
  console.log(`RESULT step_ratio_db=${worst.db.toFixed(2)} step_ratio_echo=${worst.echo.toFixed(3)} p99_over_p50=${worst.tail.toFixed(1)}`);
} finally {
  server?.stop();
}
