// `npm start` (node --import tsx src/main.ts) when it cannot run: a clear message and the right
// exit code, and the bot token never printed.
import { afterAll, beforeAll, expect, it } from "vitest";
import { FakeBotApi } from "../helpers/fake-bot-api.ts";
import { killAll, runTsx, tempDir } from "./support.ts";

const api = new FakeBotApi({ token: "999001:the-only-token-this-fake-accepts-xyz" });
const tmp = tempDir("e2e-startup-");

beforeAll(() => api.start());
afterAll(async () => {
  await killAll();
  await api.stop();
  tmp.remove();
});

it("without BOT_TOKEN: exit 2 and one message listing every problem, pointing to @BotFather and `npm run sim`", async () => {
  const child = runTsx("src/main.ts", { env: { ADMIN_TELEGRAM_IDS: "1,abc", BOT_MODE: "polling", DATABASE_URL: `pglite:${tmp.dir}/unused` } });
  const { code } = await child.exited;
  expect(code).toBe(2);
  const err = child.stderr();
  expect(err).toContain("Invalid configuration");
  expect(err).toMatch(/BOT_TOKEN: .*required/);
  expect(err).toMatch(/ADMIN_TELEGRAM_IDS: .*"abc"/); // every problem at once, not the first only
  expect(err).toContain("@BotFather");
  expect(err).toContain("npm run sim");
  expect(child.stdout()).toBe("");
}, 30_000);

it("a malformed token is refused without being echoed", async () => {
  const token = "12345:short";
  const child = runTsx("src/main.ts", { env: { BOT_TOKEN: token } });
  expect((await child.exited).code).toBe(2);
  expect(child.stderr()).toMatch(/BOT_TOKEN: does not look like a bot token/);
  expect(child.output()).not.toContain(token);
}, 30_000);

it("a well-formed but wrong token: exit 1 with a clear message, and the token appears nowhere in the output", async () => {
  const token = "1234567890:AAwrong-token-that-telegram-rejects-0123";
  const child = runTsx("src/main.ts", {
    env: {
      BOT_TOKEN: token,
      TELEGRAM_API_ROOT: api.apiRoot,
      DATABASE_URL: "pglite:memory",
      LOG_LEVEL: "trace", // the chattiest log must not leak it either
      HEARTBEAT_FILE: `${tmp.dir}/heartbeat`,
    },
  });
  const { code } = await child.exited;
  expect(code).toBe(1);
  expect(child.stderr()).toMatch(/Telegram rejected BOT_TOKEN \(401 Unauthorized\).*@BotFather/);
  const output = child.output();
  expect(output).not.toContain(token);
  expect(output).not.toContain(token.split(":")[1]);
}, 60_000);
