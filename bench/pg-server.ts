// A throw-away PostgreSQL server for the benchmarks: BENCH_DATABASE_URL when
// given (a server you run), otherwise one started from the Debian packages the
// way CI does (.ci/postgres.sh), on its own port, removed again by stop().
// Returns null when neither is possible, so a benchmark can report PGlite only.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createPostgresDatabase } from "../test/helpers/db.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface PgServer {
  /** a server URL whose database may be used freely (see freshDatabaseUrl) */
  url: string;
  /** a new empty database on the server */
  freshDatabaseUrl(): Promise<string>;
  stop(): void;
}

export async function startPgServer(port = 54400 + Math.floor(Math.random() * 500)): Promise<PgServer | null> {
  let url = process.env.BENCH_DATABASE_URL;
  let stop = () => {};
  if (!url) {
    const versions = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql") : [];
    if (!versions.some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`))) return null;
    const out = execFileSync("bash", ["-c", `source .ci/postgres.sh >&2 && echo "$TEST_DATABASE_URL" && echo "$PGDATA" && echo "$PGBIN"`], {
      cwd: ROOT, env: { ...process.env, PGPORT: String(port) }, encoding: "utf8",
    }).trim().split("\n");
    const [serverUrl, pgdata, pgbin] = out.slice(-3) as [string, string, string];
    url = serverUrl;
    stop = () => {
      try {
        execFileSync("runuser", ["-u", "postgres", "--", `${pgbin}/pg_ctl`, "-D", pgdata, "-m", "fast", "stop"], { stdio: "ignore" });
      } catch {
        /* already stopped */
      }
      execFileSync("rm", ["-rf", pgdata]);
    };
  }
  const base = url;
  return {
    url: base,
    async freshDatabaseUrl() {
      return (await createPostgresDatabase(base, "b")).url;
    },
    stop,
  };
}
