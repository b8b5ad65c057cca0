import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, expect, it } from "vitest";
import { Bot, InlineKeyboard, Keyboard } from "grammy";
import type { Update } from "grammy/types";
import { FakeBotApi, type FakeUser } from "./helpers/fake-bot-api.ts";
import { DEFAULT_SIM_TEXTS, runTerminal } from "../src/sim/terminal.ts";

const lan: FakeUser = { id: 42, first_name: "Lan" };
const minh: FakeUser = { id: 43, first_name: "Minh" };
let api: FakeBotApi;
let bot: Bot;
let running: Promise<void>;
let dir: string;

beforeEach(async () => {
  api = new FakeBotApi();
  await api.start();
  dir = mkdtempSync(join(tmpdir(), "sim-"));
  // A tiny bot that really polls the fake over HTTP.
  bot = new Bot(api.token, { botInfo: api.botInfo, client: { apiRoot: api.apiRoot } });
  bot.command("start", (ctx) =>
    ctx.reply(`Chào ${ctx.from?.first_name}! (${ctx.match})\nBạn đồng ý chứ?`, {
      reply_markup: new InlineKeyboard().text("Đồng ý", "yes").text("Huỷ", "no").row().url("Web", "https://example.org"),
    }),
  );
  bot.callbackQuery("yes", async (ctx) => {
    await ctx.answerCallbackQuery("Đã ghi nhận");
    await ctx.editMessageText("Cảm ơn, bạn đã đồng ý.");
  });
  bot.command("phone", (ctx) => ctx.reply("Gửi số điện thoại:", { reply_markup: new Keyboard().requestContact("Gửi số").oneTime() }));
  bot.on(":contact", (ctx) => ctx.reply(`Số của bạn: ${ctx.message?.contact?.phone_number}`, { reply_markup: { remove_keyboard: true } }));
  bot.command("notify", (ctx) => ctx.api.sendMessage(minh.id, "Minh ơi, có thông báo mới"));
  bot.on(":document", async (ctx) => {
    const file = await ctx.getFile();
    const text = await (await fetch(`${api.apiRoot}/file/bot${api.token}/${file.file_path}`)).text();
    await ctx.reply(`Đã nhận ${ctx.message?.document?.file_name}: ${text.trim().split("\n").length} dòng`);
  });
  let started!: () => void;
  const ready = new Promise<void>((r) => (started = r));
  running = bot.start({ onStart: () => started() });
  await ready;
});

afterEach(async () => {
  await bot.stop();
  await running;
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

function drive() {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (d: Buffer) => (text += d.toString("utf8")));
  const done = runTerminal({
    api,
    input,
    output,
    texts: DEFAULT_SIM_TEXTS,
    users: [
      { key: "lan", label: "Lan (admin)", user: lan },
      { key: "minh", label: "Minh", user: minh, phone: "0987 654 321" },
    ],
  });
  const seen = () => text;
  /** Types a line, then waits until the output (after what was there before) matches. */
  const type = async (line: string, expected: RegExp, timeoutMs = 5000) => {
    const from = text.length;
    input.write(`${line}\n`);
    const deadline = Date.now() + timeoutMs;
    while (!expected.test(text.slice(from))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${expected} after "${line}"; output:\n${text.slice(from)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return text.slice(from);
  };
  return { input, done, seen, type };
}

it("shows numbered buttons and pressing 1 sends a callback query", async () => {
  const updates: Update[] = [];
  api.on("update", (u) => updates.push(u));
  const sim = drive();
  expect(sim.seen()).toContain("Type :help");

  const shown = await sim.type("/start abc", /\[3\] Web/);
  expect(sim.seen()).toContain("[Lan (admin)] > /start abc\n"); // piped input is echoed after its prompt
  expect(shown).toContain("bot: Chào Lan! (abc)\n     Bạn đồng ý chứ?\n  [1] Đồng ý  [2] Huỷ\n  [3] Web");
  expect(updates[0]?.message?.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);

  const pressed = await sim.type("1", /\(edited\) Cảm ơn, bạn đã đồng ý\./);
  expect(pressed).toContain("~ Đã ghi nhận ~");
  const cq = updates.find((u) => u.callback_query)?.callback_query;
  expect(cq).toMatchObject({ data: "yes", from: { id: 42 }, message: { chat: { id: 42 } } });

  expect(await sim.type(":1", /There is no message with buttons\./)).not.toContain("pressed");
  const before = updates.length;
  await sim.type("2024", /\[Lan \(admin\)\] > 2024\n/); // no buttons left: a bare number is plain text
  await sim.type(":say 7", /> :say 7\n/);
  expect(updates.slice(before).map((u) => u.message?.text)).toEqual(["2024", "7"]);
  sim.input.end();
  await sim.done;
  expect(sim.seen()).toMatch(/Bye\.\n$/);
});

it("reply keyboards, other users' unread messages, :as, :file and :quit", async () => {
  const sim = drive();
  const kb = await sim.type("/phone", /\[1\] Gửi số/);
  expect(kb).toContain("  keyboard:\n    [1] Gửi số");
  const contact = await sim.type(":1", /Số của bạn: 0912 000 042/);
  expect(contact).toContain("(shared contact 0912 000 042)");
  expect(contact).toContain("(keyboard removed)");

  const note = await sim.type("/notify", /→ Minh: 1 new message; type :as minh to see it/);
  expect(note).not.toContain("Minh ơi");
  const switched = await sim.type(":as minh", /Minh ơi, có thông báo mới/);
  expect(switched).toContain("Now talking as Minh.");
  expect(await sim.type(":users", /lan {2}Lan \(admin\)\n {2}minh {2}Minh {3}<- current/)).toBeTruthy();

  const csv = join(dir, "hội viên.csv");
  writeFileSync(csv, "tên,sđt\nAn,0901\nBình,0902\n");
  const got = await sim.type(`:file ${csv}`, /Đã nhận hội viên\.csv: 3 dòng/);
  expect(got).toContain("(sent file hội viên.csv,");
  expect(await sim.type(":file /nonexistent/x.csv", /Cannot read \/nonexistent\/x\.csv/)).toBeTruthy();
  expect(await sim.type(":frobnicate", /Unknown command :frobnicate/)).toBeTruthy();

  sim.input.write(":quit\n");
  await sim.done;
  expect(api.listenerCount("call")).toBe(0);
});
