// Measures the cold start of the real bot process on the embedded database:
// time until it answers a first /start (sent to a fake Bot API before the
// process starts), for a new PGlite directory and for an existing one, and
// the process's resident memory then.
// Run: node --import tsx bench/startup.ts
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { FakeBotApi } from "../src/sim/fake-bot-api.ts";

const TOKEN = "1000:BENCHMARKBENCHMARKBENCHMARKBENCHMARK";

async function startOnce(api: FakeBotApi, dir: string): Promise<{ ms: number; rssMb: number }> {
  const started = performance.now();
  const since = api.calls.length;
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: { ...process.env, BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_URL: `pglite:${dir}`, LOG_LEVEL: "warn" },
    stdio: "ignore",
  });
  api.sendText({ id: 4242, first_name: "Bench" }, "/start");
  await api.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === 4242, { since, timeoutMs: 120_000 });
  const ms = performance.now() - started;
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  const rssMb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
  return { ms, rssMb };
}

const api = new FakeBotApi({ token: TOKEN });
await api.start();
const dir = path.join(mkdtempSync(path.join(tmpdir(), "kh-bench-")), "pglite");
try {
  const cold = await startOnce(api, dir);
  const warm = await startOnce(api, dir);
  console.log(`new database:      ${(cold.ms / 1000).toFixed(1)} s to the first answer, RSS ${cold.rssMb.toFixed(0)} MB`);
  console.log(`existing database: ${(warm.ms / 1000).toFixed(1)} s to the first answer, RSS ${warm.rssMb.toFixed(0)} MB`);
  console.log(`RESULT cold_start_s=${(cold.ms / 1000).toFixed(2)} warm_start_s=${(warm.ms / 1000).toFixed(2)} rss_mb=${warm.rssMb.toFixed(0)} warm_over_cold=${(warm.ms / cold.ms).toFixed(2)}`);
} finally {
  await api.stop();
  rmSync(path.dirname(dir), { recursive: true, force: true });
}
