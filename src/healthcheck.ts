// Docker HEALTHCHECK: healthy while the bot keeps its heartbeat file fresh
// (written by the running application; see app.ts). No database access here:
// an embedded PGlite must not be opened by a second process.
import { statSync } from "node:fs";
import { HEARTBEAT_FILE, HEARTBEAT_STALE_MS } from "./heartbeat.ts";

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
