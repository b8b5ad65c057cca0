// Docker HEALTHCHECK. Webhook mode: asks the bot's own /healthz (database
// answering, not stopping). Polling mode (no HTTP server): healthy while the bot
// keeps its heartbeat file fresh (written by the running application while its
// database answers; see app.ts). No database access here: an embedded PGlite
// must not be opened by a second process.
import { statSync } from "node:fs";
import { HEARTBEAT_FILE, HEARTBEAT_STALE_MS } from "./heartbeat.ts";

async function webhookHealthy(port: string): Promise<void> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5000) });
    const body = await res.text();
    if (res.ok) process.exit(0);
    console.error(`unhealthy: /healthz answered ${res.status} ${body}`);
  } catch (error) {
    console.error(`unhealthy: /healthz did not answer (${error instanceof Error ? error.message : String(error)})`);
  }
  process.exit(1);
}

function heartbeatFresh(): void {
  try {
    const age = Date.now() - statSync(HEARTBEAT_FILE).mtimeMs;
    if (age > HEARTBEAT_STALE_MS) {
      console.error(`unhealthy: last heartbeat ${Math.round(age / 1000)} s ago`);
      process.exit(1);
    }
    process.exit(0);
  } catch {
    console.error("unhealthy: no heartbeat yet");
    process.exit(1);
  }
}

if (process.env.BOT_MODE?.trim() === "webhook") await webhookHealthy(process.env.PORT?.trim() || "8080");
else heartbeatFresh();
