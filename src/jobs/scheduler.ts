// Timed jobs (node-cron, Vietnam's time zone). A job is a function of the
// time it runs; it must be safe to run twice (claims in the database make
// each message go out once), so a restart may simply run it again. Errors
// are logged, never thrown into the timer. stop() waits for running jobs.
import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "pino";
import { describe } from "../bot/middlewares/index.ts";

export const VIETNAM_TZ = "Asia/Ho_Chi_Minh";

export interface Job {
  name: string;
  /** a cron expression in Vietnam time, e.g. "0 8-20 * * *" (on the hour, 08:00–20:00) */
  cron: string;
  run: (now: Date) => Promise<unknown>;
  /** also run once right after start (catching up after downtime) */
  runAtStart?: boolean;
}

export interface Scheduler {
  /** runs a job now (tests, the simulator) and waits for it */
  runNow(name: string): Promise<void>;
  /** when the timer fires the job next */
  nextRun(name: string): Date | null;
  stop(): Promise<void>;
}

export function startScheduler(jobs: Job[], opts: { log: Logger; now: () => Date }): Scheduler {
  const running = new Set<Promise<void>>();
  const busy = new Set<string>();

  function runSafely(job: Job): Promise<void> {
    // One run of a job at a time in this process; another instance is kept out by the claims.
    if (busy.has(job.name)) return Promise.resolve();
    busy.add(job.name);
    const started = Date.now();
    const p = job
      .run(opts.now())
      .then((result) => opts.log.info({ job: job.name, ms: Date.now() - started, result }, "job finished"))
      .catch((error: unknown) => opts.log.error({ job: job.name, err: describe(error) }, "job failed"))
      .finally(() => {
        busy.delete(job.name);
        running.delete(p);
      });
    running.add(p);
    return p;
  }

  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.schedule(job.cron, () => runSafely(job), { name: job.name, timezone: VIETNAM_TZ, noOverlap: true }),
  );
  for (const job of jobs) if (job.runAtStart) void runSafely(job);

  return {
    async runNow(name) {
      const job = jobs.find((j) => j.name === name);
      if (!job) throw new Error(`no job named ${name}`);
      await runSafely(job);
      await Promise.all(running);
    },
    nextRun(name) {
      return tasks.find((t) => t.name === name)?.getNextRun() ?? null;
    },
    async stop() {
      for (const task of tasks) await task.destroy();
      await Promise.all(running);
    },
  };
}
