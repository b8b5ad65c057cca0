// For bench/memory.ts: the production build (scripts/build.ts, what `npm run
// build` makes and the Docker image runs) into a directory of the benchmark's
// own, plus the benchmark's probe and baseline compiled the same way, and the
// environment the Dockerfile gives the bot (its ENV lines), so that the
// measured process is the one production runs.
import { readFileSync } from "node:fs";
import { buildJs } from "../scripts/build.ts";

/** `npm run build`'s output (src/ → <out>/src) plus bench/memory-probe.js and bench/memory-baseline.js. */
export function buildForBench(root: string, out: string): number {
  return buildJs(root, out, ["src"], ["bench/memory-probe.ts", "bench/memory-baseline.ts"]);
}

/**
 * The variables the Dockerfile's final stage sets with ENV (`ENV A=1 \ B=2`, no
 * quoting), e.g. NODE_ENV, MALLOC_ARENA_MAX, NODE_OPTIONS.
 */
export function dockerfileEnv(dockerfile: string): Record<string, string> {
  const text = readFileSync(dockerfile, "utf8").replace(/\\\r?\n/g, " ");
  const stages = text.split(/^FROM\s/m);
  const env: Record<string, string> = {};
  for (const line of (stages.at(-1) ?? "").split("\n")) {
    const m = /^ENV\s+(.*)$/.exec(line.trim());
    if (!m) continue;
    for (const pair of m[1]!.trim().split(/\s+/)) {
      const eq = pair.indexOf("=");
      if (eq > 0) env[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  return env;
}
