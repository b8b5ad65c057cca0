// The fake Telegram Bot API lives in src because the terminal simulator (`npm run sim`) uses it too.
export * from "../../src/sim/fake-bot-api.ts";
