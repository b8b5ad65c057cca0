// A file the running bot touches regularly while it can reach its database;
// the container's health check reads its age. Its content (JSON) says what the
// bot was doing: the mode, when it last handled an update, how many are in flight.
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export const HEARTBEAT_FILE = process.env.HEARTBEAT_FILE ?? path.join(tmpdir(), "khuyenhoc-bot.heartbeat");
export const HEARTBEAT_INTERVAL_MS = 30_000;
export const HEARTBEAT_STALE_MS = 120_000;

export function startHeartbeat(check: () => Promise<void>, onError: (error: unknown) => void, status: () => Record<string, unknown> = () => ({})): () => void {
  const beat = async () => {
    try {
      await check();
      await writeFile(HEARTBEAT_FILE, `${JSON.stringify({ at: new Date().toISOString(), ...status() })}\n`);
    } catch (error) {
      onError(error);
    }
  };
  void beat();
  const timer = setInterval(() => void beat(), HEARTBEAT_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
