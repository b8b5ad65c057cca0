// Entry point: configuration → application → stop cleanly on SIGINT/SIGTERM.
// Exit codes: 2 bad configuration, 1 failed to start.
import { ConfigError, parseConfig } from "./config.ts";
import { StartupError, startApp, type App } from "./app.ts";
import { redact } from "./bot/middlewares/index.ts";

async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      if (error.problems.some((p) => p.startsWith("BOT_TOKEN"))) {
        console.error(
          "\nTo get a token: open Telegram, talk to @BotFather, send /newbot and follow the steps.\n" +
            "No token yet? Try the bot in your terminal with `npm run sim`.",
        );
      }
      process.exit(2);
    }
    throw error;
  }
  // Signals are caught from the start: a Ctrl-C while the embedded database
  // is opening must still close it cleanly (an abrupt exit can corrupt it).
  // Another signal while stopping changes nothing (SIGKILL still ends it at
  // once: every record is written in a transaction, and Telegram resends the
  // updates it was not told about).
  let app: App | null = null;
  let stopping = false;
  const finish = async (started: App) => {
    try {
      await started.stop();
      process.exit(0);
    } catch (error) {
      started.log.error({ err: redact(error instanceof Error ? error.message : String(error)) }, "stopping failed");
      process.exit(1);
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      if (app) app.log.warn({ signal }, "already stopping: waiting for the updates in flight");
      return;
    }
    stopping = true;
    if (!app) return; // still starting: stopped as soon as it is up
    app.log.info({ signal }, "signal received");
    void finish(app);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  app = await startApp(config);
  if (stopping) await finish(app);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof StartupError ? message : `Failed to start: ${redact(message)}`);
  process.exit(1);
});
