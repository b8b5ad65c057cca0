// The outbox sender alone in its own process, for the crash run of
// bench/broadcast.ts (which kills it with SIGKILL and starts another). It
// sends until no row is PENDING or SENDING, then exits 0.
// Args: --database <DATABASE_URL form> --api-root <url> --token <token> --instance <id> [--stale-ms <ms>]
import { parseArgs } from "node:util";
import { Api } from "grammy";
import pino from "pino";
import { openDatabase, parseDatabaseUrl } from "../src/db/database.ts";
import { startOutboxSender } from "../src/delivery/outbox-sender.ts";

const { values } = parseArgs({
  options: {
    database: { type: "string" },
    "api-root": { type: "string" },
    token: { type: "string" },
    instance: { type: "string", default: "bench-child" },
    "stale-ms": { type: "string" },
  },
});
if (!values.database || !values["api-root"] || !values.token) throw new Error("broadcast-child: --database, --api-root and --token are required");

const db = await openDatabase(parseDatabaseUrl(values.database));
const sender = startOutboxSender({
  db: db.prisma,
  api: new Api(values.token, { apiRoot: values["api-root"] }),
  log: pino({ level: "silent" }),
  now: () => new Date(),
  instanceId: values.instance,
  ...(values["stale-ms"] ? { staleAfterMs: Number(values["stale-ms"]) } : {}),
});
for (;;) {
  const left = await db.prisma.outboxMessage.count({ where: { status: { in: ["PENDING", "SENDING"] } } });
  if (left === 0) break;
  await new Promise((resolve) => setTimeout(resolve, 250));
}
await sender.stop();
await db.close();
process.exit(0);
