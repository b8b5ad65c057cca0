// Idle memory and start time of the real bot with 10,000 members in the
// database, on a PostgreSQL server (bench/pg-server.ts: BENCH_DATABASE_URL or a
// throw-away server from the Debian packages) and on PGlite (a temp directory).
//  - fill: migrations, the example unit tree, shipped criteria/templates/calendar,
//    10,000 members (Vietnamese names, languages, ~1% COORDINATOR, ~3% REPORTER,
//    5% with a second unit) and 2,000 sessions, in bulk;
//  - start-up steps timed in this process against the filled database (which of
//    them costs what, without module loading);
//  - child processes, each polling its own FakeBotApi (src/sim/fake-bot-api.ts):
//      bot, production   as the Docker image runs it: `node dist/src/main.js`, the build of
//                    `npm run build` (scripts/build.ts, made here into a temp dir by
//                    bench/memory-build.ts) with the ENV of the Dockerfile's final stage
//                    (MALLOC_ARENA_MAX, NODE_OPTIONS=--max-semi-space-size=…, NODE_ENV) —
//                    the headline figures and the RESULT keys rss_mb_* / start_s_*
//      … without the Dockerfile's env  (PostgreSQL only) what those two knobs are worth
//      bot, development  `npm start` (`node --import tsx src/main.ts`), tsx cache warm
//      baseline      bench/memory-baseline.ts: bare grammY echo bot + the generated Prisma
//                    client on the same database and adapter, polling the same kind of fake,
//                    compiled and run like the production bot (same build, same env)
//    start = spawn → the first getUpdates reaching the fake (wall time, and the CPU seconds the
//    process tree used until then — steadier on a busy machine); then idle, RSS sampled from
//    /proc/<pid>/status (VmRSS; VmHWM = peak), and a breakdown from bench/memory-probe.ts.
// Targets (PostgreSQL): RSS < 150 MB, start < 3 s.
// Run: npm run bench:memory [-- --idle 10 --members 10000]
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { openDatabase, type Database, type DatabaseTarget } from "../src/db/database.ts";
import { migrate, prepareDatabase } from "../src/db/migrate.ts";
import { createServices } from "../src/services/index.ts";
import { seedExampleTree } from "../src/services/unit-import.ts";
import { vietnamToday } from "../src/domain/dates.ts";
import { FakeBotApi, type ApiCall } from "../src/sim/fake-bot-api.ts";
import { startPgServer, type PgServer } from "./pg-server.ts";
import { buildForBench, dockerfileEnv } from "./memory-build.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TOKEN = "1000:BENCHMARKBENCHMARKBENCHMARKBENCHMARK";
const { values } = parseArgs({ options: { idle: { type: "string", default: "10" }, members: { type: "string", default: "10000" } } });
const IDLE_S = Number(values.idle);
const MEMBERS = Number(values.members);
const SESSIONS = Math.round(MEMBERS / 5);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => bytes / 1024 / 1024;
const f1 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "–" : n.toFixed(1));
const f2 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "–" : n.toFixed(2));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

// ---- filling the database --------------------------------------------------------------
const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Hà", "Đinh", "Quách", "Bạch", "Xa"];
const MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Thu", "Minh", "Ngọc", "Quang", "Thanh", "Xuân", "Thị Thu", "Công"];
const GIVEN = ["An", "Bình", "Chiến", "Dũng", "Giang", "Hà", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Ngọc", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thắng", "Thảo", "Trang", "Tuấn", "Việt", "Yến", "Đạt", "Ánh"];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function target(url: string): DatabaseTarget {
  return url.startsWith("pglite:") ? { kind: "pglite", dir: url.slice("pglite:".length) } : { kind: "postgres", url };
}

interface Fill { seconds: number; units: number; members: number; memberships: number; coordinators: number; reporters: number; sessions: number }

async function fill(url: string): Promise<Fill> {
  const started = performance.now();
  const db = await openDatabase(target(url));
  try {
    await migrate(db);
    const now = () => new Date();
    const services = createServices({ db: db.prisma, adminTelegramIds: [], now });
    await seedExampleTree(services.deps);
    // What the first start of the bot would also do: every measured start is a restart.
    await services.criteria.syncShippedCriteria();
    await services.reports.syncShippedTemplates();
    const year = vietnamToday(now()).year;
    await services.deadlines.syncCalendar([year, year + 1]);
    const units = await db.prisma.unit.findMany({ select: { id: true, parentId: true }, orderBy: { id: "asc" } });
    const below = units.filter((u) => u.parentId !== null);
    const rand = rng(9);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const counts = { coordinators: 0, reporters: 0, memberships: 0 };
    for (let from = 0; from < MEMBERS; from += 1000) {
      const batch = Array.from({ length: Math.min(1000, MEMBERS - from) }, (_, k) => {
        const i = from + k;
        const r = rand();
        return {
          telegramId: BigInt(5_100_000_000 + i * 37),
          fullName: `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`,
          language: r < 0.6 ? "vi" : r < 0.7 ? "en" : null,
          phone: rand() < 0.5 ? `09${String(Math.floor(rand() * 1e8)).padStart(8, "0")}` : null,
          unreachableAt: rand() < 0.02 ? new Date() : null,
        };
      });
      const created = await db.prisma.member.createManyAndReturn({ data: batch, select: { id: true } });
      const rows = created.flatMap((m, k) => {
        const i = from + k;
        const role = i % 100 === 0 ? "COORDINATOR" as const : i % 100 <= 3 ? "REPORTER" as const : "MEMBER" as const;
        if (role === "COORDINATOR") counts.coordinators++;
        if (role === "REPORTER") counts.reporters++;
        const unit = i % 100 === 0 && i % 1000 === 0 ? units[0]! : pick(below); // a few coordinators at the province
        const out = [{ memberId: m.id, unitId: unit.id, role }];
        if (rand() < 0.05) {
          const other = pick(below);
          if (other.id !== unit.id) out.push({ memberId: m.id, unitId: other.id, role: "MEMBER" });
        }
        return out;
      });
      counts.memberships += (await db.prisma.membership.createMany({ data: rows })).count;
    }
    const state = JSON.stringify({ piggyOpening: [{ args: [], interrupts: [1], replay: { send: [{ payload: "đợt quyên góp tháng 9" }], receive: [{ update_id: 1 }] }, last: 1 }] });
    for (let from = 0; from < SESSIONS; from += 1000) {
      const data = Array.from({ length: Math.min(1000, SESSIONS - from) }, (_, k) => {
        const i = from + k;
        const value = i % 3 === 0 ? { __language_code: "vi", conversations: JSON.parse(state) as unknown } : { __language_code: i % 2 ? "vi" : "en" };
        return { key: String(5_100_000_000 + i * 37 * 5), value: JSON.stringify(value) };
      });
      await db.prisma.session.createMany({ data });
    }
    return { seconds: (performance.now() - started) / 1000, units: units.length, members: MEMBERS, ...counts, sessions: SESSIONS };
  } finally {
    await db.close();
  }
}

/** The start-up steps of src/app.ts, timed one by one in this process (modules already loaded). */
async function timeSteps(url: string): Promise<Record<string, number>> {
  const steps: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const n = performance.now();
    steps[name] = (n - t) / 1000;
    t = n;
  };
  const db: Database = await openDatabase(target(url));
  lap("open database");
  try {
    await prepareDatabase(db);
    lap("migrations check");
    const now = () => new Date();
    const services = createServices({ db: db.prisma, adminTelegramIds: [], now });
    await seedExampleTree(services.deps);
    lap("seed check");
    await services.criteria.syncShippedCriteria();
    lap("criteria sync");
    await services.reports.syncShippedTemplates();
    lap("templates sync");
    const year = vietnamToday(now()).year;
    await services.deadlines.syncCalendar([year, year + 1]);
    lap("calendar sync");
    const managers = await services.members.listManagers();
    lap("listManagers");
    for (const m of managers) await services.access.loadPerson(m.telegramId);
    lap(`loadPerson ×${managers.length}`);
  } finally {
    await db.close();
  }
  return steps;
}

// ---- measuring one child process -------------------------------------------------------
interface Probe { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number; malloced: number; spaces: Record<string, number> }
interface Run {
  label: string; db: string; ok: boolean; error?: string;
  startS: number; cpuS: number; rssMb: number; samples: number[]; hwmMb: number; anonMb: number; fileMb: number; treeMb: number;
  marks: Record<string, number>; // seconds after spawn
  chatCommands: number; probe?: Probe;
}

const children = new Set<ChildProcess>();

function procStatus(pid: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of readFileSync(`/proc/${pid}/status`, "utf8").matchAll(/^(\w+):\s+(\d+) kB$/gm)) out[m[1]!] = Number(m[2]) / 1024;
  return out;
}

/** RSS (MB) of a process's descendants (tsx's esbuild service, if it is running). */
function descendantsRss(pid: number): number {
  let total = 0;
  for (const task of safeList(`/proc/${pid}/task`)) {
    for (const child of safeRead(`/proc/${pid}/task/${task}/children`).split(/\s+/).filter(Boolean)) {
      const c = Number(child);
      total += (safeStatus(c).VmRSS ?? 0) + descendantsRss(c);
    }
  }
  return total;
}
function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
function safeRead(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
function safeStatus(pid: number): Record<string, number> {
  try {
    return procStatus(pid);
  } catch {
    return {};
  }
}

/** CPU seconds (user + system) a process and its living descendants have used (CLK_TCK = 100). */
function cpuSeconds(pid: number): number {
  const stat = safeRead(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  let total = (Number(fields[11]) + Number(fields[12])) / 100 || 0;
  for (const task of safeList(`/proc/${pid}/task`)) {
    for (const child of safeRead(`/proc/${pid}/task/${task}/children`).split(/\s+/).filter(Boolean)) total += cpuSeconds(Number(child));
  }
  return total;
}

async function measure(label: string, db: string, args: string[], opts: { cwd: string; url: string; idleS: number; env?: Record<string, string> }): Promise<Run> {
  const fake = new FakeBotApi({ token: TOKEN });
  await fake.start();
  const run: Run = { label, db, ok: false, startS: NaN, cpuS: NaN, rssMb: NaN, samples: [], hwmMb: NaN, anonMb: NaN, fileMb: NaN, treeMb: 0, marks: {}, chatCommands: 0 };
  const spawnAt = Date.now();
  const child = spawn(process.execPath, args, {
    cwd: opts.cwd,
    env: {
      ...process.env, BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_URL: opts.url, BOT_MODE: "polling", LOG_LEVEL: "info",
      HEARTBEAT_FILE: path.join(tempRoot, "heartbeat"), NODE_ENV: "production", ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  const mark = (name: string, at: number) => {
    if (!(name in run.marks)) run.marks[name] = (at - spawnAt) / 1000;
  };
  const tail: string[] = [];
  let probe: Probe | undefined;
  const lines = (stream: NodeJS.ReadableStream, onLine: (l: string) => void) => {
    let buf = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf("\n")) >= 0) {
        onLine(buf.slice(0, i));
        buf = buf.slice(i + 1);
      }
    });
  };
  lines(child.stdout!, (l) => {
    try {
      const o = JSON.parse(l) as { msg?: string; time?: number };
      if (o.msg && o.time) mark(o.msg, o.time);
    } catch {
      tail.push(l);
    }
  });
  lines(child.stderr!, (l) => {
    if (!l.startsWith("MEMPROBE ")) return void tail.push(l);
    const o = JSON.parse(l.slice(9)) as { kind: string; at: number; timeOrigin?: number } & Probe;
    if (o.kind === "loaded") {
      mark("node started", o.timeOrigin ?? o.at);
      mark("loader ready", o.at);
    } else probe = o;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((c) => (exitCode = c));
  try {
    const firstPoll = async (): Promise<ApiCall> => {
      const end = Date.now() + 90_000;
      for (;;) {
        const call = fake.calls.find((c) => c.method === "getUpdates");
        if (call) {
          run.cpuS = cpuSeconds(child.pid!);
          return call;
        }
        if (exitCode !== undefined) throw new Error(`exited with ${exitCode}: ${tail.slice(-5).join(" | ")}`);
        if (Date.now() > end) throw new Error("no getUpdates within 90 s");
        await sleep(5);
      }
    };
    const poll = await firstPoll();
    run.startS = (poll.at - spawnAt) / 1000;
    const firstOf = (method: string) => fake.calls.find((c) => c.method === method);
    const getMe = firstOf("getMe");
    if (getMe) mark("getMe", getMe.at);
    const commands = fake.calls.filter((c) => /^(set|delete)MyCommands$/.test(c.method));
    if (commands[0]) mark("first setMyCommands", commands[0].at);
    if (commands.at(-1)) mark("last (set|delete)MyCommands", commands.at(-1)!.at);
    run.chatCommands = commands.filter((c) => (c.payload.scope as { type?: string } | undefined)?.type === "chat").length;
    const dw = firstOf("deleteWebhook");
    if (dw) mark("deleteWebhook", dw.at);
    mark("first getUpdates", poll.at);
    // Idle, sampling RSS over the last seconds.
    const sampleFrom = Math.max(0, opts.idleS - 5);
    await sleep(sampleFrom * 1000);
    for (let s = sampleFrom; s < opts.idleS; s++) {
      await sleep(1000);
      if (exitCode !== undefined) throw new Error(`exited with ${exitCode} while idle: ${tail.slice(-5).join(" | ")}`);
      run.samples.push(procStatus(child.pid!).VmRSS ?? NaN);
    }
    const st = procStatus(child.pid!);
    run.rssMb = median(run.samples);
    run.hwmMb = st.VmHWM ?? NaN;
    run.anonMb = st.RssAnon ?? NaN;
    run.fileMb = st.RssFile ?? NaN;
    run.treeMb = descendantsRss(child.pid!);
    child.kill("SIGUSR2");
    const until = Date.now() + 2000;
    while (!probe && Date.now() < until) await sleep(20);
    run.probe = probe;
    run.ok = true;
  } catch (error) {
    run.error = error instanceof Error ? error.message : String(error);
  } finally {
    if (exitCode === undefined) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    children.delete(child);
    await fake.stop();
  }
  return run;
}

// ---- the run ---------------------------------------------------------------------------
const tempRoot = mkdtempSync(path.join(tmpdir(), "kh-bench-memory-"));
// The environment of the Docker image's final stage, read from the Dockerfile (the heartbeat file is the benchmark's own).
const { HEARTBEAT_FILE: _heartbeat, ...PROD_ENV } = dockerfileEnv(path.join(ROOT, "Dockerfile"));
const LABEL = {
  prod: "bot, production (dist/ + Dockerfile env)",
  noEnv: "… the same without the Dockerfile env",
  dev: "bot, development (npm start: tsx)",
  base: "baseline grammY+Prisma (as production)",
};
let pg: PgServer | null = null;
const runs: Run[] = [];
const fills: Record<string, Fill> = {};
const steps: Record<string, Record<string, number>> = {};
const benchStarted = performance.now();
try {
  // The production build (what `npm run build` makes, plus the probe and the baseline compiled
  // the same way), and tsx's disk cache filled for the development rows (as after a first `npm start`).
  const out = path.join(tempRoot, "build");
  const t0 = performance.now();
  const compiled = buildForBench(ROOT, out);
  console.log(`production build: ${compiled} files compiled in ${((performance.now() - t0) / 1000).toFixed(1)} s (scripts/build.ts)`);
  console.log(`the Dockerfile's env: ${Object.entries(PROD_ENV).map(([k, v]) => `${k}=${v}`).join(" ")}`);
  // Stops right after loading every module: no token / no database (exit code ≠ 0 expected).
  await new Promise<void>((resolve, reject) => {
    const warm = spawn(process.execPath, ["--import", "tsx", "--import", "./bench/memory-probe.ts", "src/main.ts"], {
      cwd: ROOT, stdio: "ignore", env: { ...process.env, BOT_TOKEN: "", DATABASE_URL: "postgres://127.0.0.1:1/none" },
    });
    children.add(warm);
    warm.once("exit", () => (children.delete(warm), resolve()));
    warm.once("error", reject);
  });
  console.log(`load average at start: ${loadavg().map((x) => x.toFixed(1)).join(" ")} (${cpus().length} CPUs)`);

  pg = await startPgServer();
  const databases: { name: string; url: string }[] = [];
  if (pg) databases.push({ name: "pg", url: await pg.freshDatabaseUrl() });
  else console.log("no PostgreSQL server (no BENCH_DATABASE_URL, no /usr/lib/postgresql): PGlite only");
  databases.push({ name: "pglite", url: `pglite:${path.join(tempRoot, "pglite")}` });

  for (const { name, url } of databases) {
    fills[name] = await fill(url);
    steps[name] = await timeSteps(url);
    const tsx = ["--import", "tsx", "--import", "./bench/memory-probe.ts"];
    const js = ["--import", "./bench/memory-probe.js"];
    const short = Math.min(IDLE_S, 5);
    runs.push(await measure(LABEL.prod, name, [...js, "src/main.js"], { cwd: out, url, idleS: IDLE_S, env: PROD_ENV }));
    if (name === "pg") runs.push(await measure(LABEL.noEnv, name, [...js, "src/main.js"], { cwd: out, url, idleS: short }));
    runs.push(await measure(LABEL.dev, name, [...tsx, "src/main.ts"], { cwd: ROOT, url, idleS: short }));
    runs.push(await measure(LABEL.base, name, [...js, "bench/memory-baseline.js"], { cwd: out, url, idleS: short, env: PROD_ENV }));
  }
} finally {
  for (const c of children) c.kill("SIGKILL");
  pg?.stop();
  rmSync(tempRoot, { recursive: true, force: true });
}

// ---- report ----------------------------------------------------------------------------
for (const [name, f] of Object.entries(fills)) {
  console.log(`\n[${name}] filled in ${f.seconds.toFixed(1)} s: ${f.units} units, ${f.members} members, ${f.memberships} memberships (${f.coordinators} COORDINATOR, ${f.reporters} REPORTER), ${f.sessions} sessions`);
  console.log(`[${name}] start-up steps timed in-process (s): ${Object.entries(steps[name] ?? {}).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(" · ")}`);
}
console.log(`\nidle ${IDLE_S} s for the bot (shorter for the comparison rows); RSS = median of 1-s samples over the last ≤5 s; MB = MiB`);
console.log("db      process                                    start s  cpu s  RSS MB  peak MB  anon  file  heapUsed heapTot  external(arrayBuf)  code sp  malloc  +children");
for (const r of runs) {
  const p = r.probe;
  if (!r.ok) {
    console.log(`${r.db.padEnd(7)} ${r.label.padEnd(42)} FAILED: ${r.error}`);
    continue;
  }
  console.log(
    `${r.db.padEnd(7)} ${r.label.padEnd(42)} ${f2(r.startS).padStart(7)} ${f2(r.cpuS).padStart(6)} ${f1(r.rssMb).padStart(7)} ${f1(r.hwmMb).padStart(8)} ${f1(r.anonMb).padStart(5)} ${f1(r.fileMb).padStart(5)}` +
      ` ${f1(p && mb(p.heapUsed)).padStart(8)} ${f1(p && mb(p.heapTotal)).padStart(7)} ${`${f1(p && mb(p.external))}(${f1(p && mb(p.arrayBuffers))})`.padStart(19)}` +
      ` ${f1(p && mb(p.spaces.code_space ?? 0)).padStart(8)} ${f1(p && mb(p.malloced)).padStart(7)} ${f1(r.treeMb).padStart(10)}`,
  );
}
console.log("\nwhere the start time goes (seconds after spawn):");
for (const r of runs.filter((x) => x.ok)) {
  const marks = Object.entries(r.marks).sort((a, b) => a[1] - b[1]).map(([k, v]) => `${v.toFixed(2)} ${k}`);
  console.log(`${r.db.padEnd(7)} ${r.label}: ${marks.join(" → ")}${r.chatCommands ? ` (chat-scoped setMyCommands: ${r.chatCommands})` : ""}`);
  const m = r.marks;
  const span = (a: string | undefined, b: string | undefined) => (a && b && m[a] !== undefined && m[b] !== undefined ? (m[b] - m[a]).toFixed(2) : "–");
  if (m.starting !== undefined) {
    console.log(
      `        = node+loader ${span("node started", "loader ready")} · loading modules ${span("loader ready", "starting")} · db open+migrations check+seed/criteria/templates ${span("starting", "shipped report templates stored")}` +
        ` · calendar+getMe ${span("shipped report templates stored", "getMe")} · setMyCommands ${span("getMe", "last (set|delete)MyCommands")} · to first poll ${span("last (set|delete)MyCommands", "first getUpdates")}`,
    );
  }
}
const find = (db: string, label: string) => runs.find((r) => r.ok && r.db === db && r.label === label);
const bot = { pg: find("pg", LABEL.prod), pglite: find("pglite", LABEL.prod) };
const base = { pg: find("pg", LABEL.base), pglite: find("pglite", LABEL.base) };
const dev = { pg: find("pg", LABEL.dev), pglite: find("pglite", LABEL.dev) };
const noEnv = find("pg", LABEL.noEnv);
console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
console.log(`\nwhole run: ${((performance.now() - benchStarted) / 1000).toFixed(0)} s; targets on PostgreSQL (production rows): RSS < 150 MB, start < 3 s`);
const ratio = (a: number | undefined, b: number | undefined) => f2(a !== undefined && b !== undefined ? a / b : NaN);
console.log(
  `RESULT rss_mb_pg=${f1(bot.pg?.rssMb)} start_s_pg=${f2(bot.pg?.startS)} rss_mb_pglite=${f1(bot.pglite?.rssMb)} start_s_pglite=${f2(bot.pglite?.startS)}` +
    ` cpu_s_to_poll_pg=${f2(bot.pg?.cpuS)} rss_ratio_pg_baseline=${ratio(bot.pg?.rssMb, base.pg?.rssMb)} start_ratio_pg_baseline=${ratio(bot.pg?.startS, base.pg?.startS)}` +
    ` rss_ratio_pglite_baseline=${ratio(bot.pglite?.rssMb, base.pglite?.rssMb)}` +
    ` rss_mb_pg_no_env=${f1(noEnv?.rssMb)} start_s_pg_no_env=${f2(noEnv?.startS)}` +
    ` rss_mb_pg_tsx=${f1(dev.pg?.rssMb)} start_s_pg_tsx=${f2(dev.pg?.startS)} rss_mb_pglite_tsx=${f1(dev.pglite?.rssMb)} start_s_pglite_tsx=${f2(dev.pglite?.startS)}`,
);
if (runs.some((r) => !r.ok)) process.exitCode = 1;
