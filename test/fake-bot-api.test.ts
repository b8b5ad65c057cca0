import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Bot, InputFile } from "grammy";
import type { Message, Update } from "grammy/types";
import { FakeBotApi, type FakeUser } from "./helpers/fake-bot-api.ts";

const lan: FakeUser = { id: 42, first_name: "Lan", last_name: "Nguyễn", language_code: "vi" };
let api: FakeBotApi;

beforeEach(async () => {
  api = new FakeBotApi();
  await api.start();
});
afterEach(async () => {
  await api.stop();
});

async function call(method: string, payload: Record<string, unknown> = {}, token = api.token) {
  const res = await fetch(`${api.apiRoot}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(payload),
  });
  // Raw Bot API JSON: the result's shape differs per method.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (await res.json()) as { ok: boolean; result?: any; error_code?: number; description?: string } };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("getUpdates", () => {
  it("long-polls: holds the request until an update is injected", async () => {
    let resolvedAt = 0;
    const poll = call("getUpdates", { timeout: 10 }).then((r) => ((resolvedAt = Date.now()), r));
    await sleep(300);
    expect(resolvedAt).toBe(0);
    const injectedAt = Date.now();
    const update = api.sendText(lan, "Xin chào");
    const { body } = await poll;
    expect(resolvedAt).toBeGreaterThanOrEqual(injectedAt);
    expect(resolvedAt - injectedAt).toBeLessThan(1000);
    expect(body.result).toEqual([update]);
    expect(body.result[0].message.text).toBe("Xin chào");
  });

  it("answers at once when updates are pending, and offset confirms them", async () => {
    const u1 = api.sendText(lan, "một");
    const u2 = api.sendText(lan, "hai");
    expect(u2.update_id).toBe(u1.update_id + 1);
    const t0 = Date.now();
    expect((await call("getUpdates", { timeout: 10 })).body.result).toHaveLength(2);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect((await call("getUpdates", { timeout: 0 })).body.result).toHaveLength(2); // not yet confirmed
    const r = await call("getUpdates", { offset: u1.update_id + 1, timeout: 0 });
    expect(r.body.result.map((u: Update) => u.update_id)).toEqual([u2.update_id]);
    expect((await call("getUpdates", { offset: u2.update_id + 1, timeout: 0 })).body.result).toEqual([]);
    expect(api.pendingUpdates).toHaveLength(0);
  });

  it("honours limit", async () => {
    for (const t of ["a", "b", "c"]) api.sendText(lan, t);
    expect((await call("getUpdates", { limit: 2 })).body.result).toHaveLength(2);
  });

  it("returns [] after the timeout when nothing arrives", async () => {
    const t0 = Date.now();
    const { body } = await call("getUpdates", { timeout: 1 });
    const elapsed = Date.now() - t0;
    expect(body).toEqual({ ok: true, result: [] });
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(2500);
  });

  it("stop() answers pending long polls with [] and closes", async () => {
    const t0 = Date.now();
    const poll = call("getUpdates", { timeout: 30 });
    await sleep(100);
    await api.stop();
    expect((await poll).body.result).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(2000);
    await expect(fetch(`${api.apiRoot}/bot${api.token}/getMe`)).rejects.toThrow();
  });
});

describe("HTTP surface", () => {
  it("rejects a wrong token like Telegram", async () => {
    expect(await call("getMe", {}, "1:wrong")).toEqual({ status: 401, body: { ok: false, error_code: 401, description: "Unauthorized" } });
  });

  it("404s unknown methods and serves getMe", async () => {
    expect(await call("sendTelepathy")).toEqual({ status: 404, body: { ok: false, error_code: 404, description: "Not Found: method not found" } });
    const me = (await call("getMe")).body.result;
    expect(me).toMatchObject({ id: 1000, is_bot: true, first_name: "Khuyen hoc (test)", username: "khuyenhoc_test_bot" });
  });

  it("parses url-encoded bodies and query strings, coercing numbers and JSON", async () => {
    const res = await fetch(`${api.apiRoot}/bot${api.token}/sendMessage?disable_notification=true`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ chat_id: "42", text: "123", reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "A", callback_data: "a" }]] }) }),
    });
    expect(res.status).toBe(200);
    expect(api.calls.at(-1)?.payload).toEqual({ chat_id: 42, text: "123", disable_notification: true, reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] } });
  });

  it("stores messages, edits them and refuses a no-op edit", async () => {
    const kb = { inline_keyboard: [[{ text: "Đồng ý", callback_data: "yes" }]] };
    const sent = (await call("sendMessage", { chat_id: 42, text: "Bạn đồng ý?", reply_markup: kb })).body.result as Message;
    expect(sent).toMatchObject({ chat: { id: 42, type: "private" }, from: { id: 1000, is_bot: true }, text: "Bạn đồng ý?", reply_markup: kb });
    const same = await call("editMessageText", { chat_id: 42, message_id: sent.message_id, text: "Bạn đồng ý?", reply_markup: kb });
    expect(same.status).toBe(400);
    expect(same.body.description).toMatch(/^Bad Request: message is not modified/);
    const edited = await call("editMessageText", { chat_id: 42, message_id: sent.message_id, text: "Đã ghi nhận" });
    expect(edited.body.result).toMatchObject({ text: "Đã ghi nhận", edit_date: expect.any(Number) });
    expect(api.lastMessageTo(42)?.text).toBe("Đã ghi nhận");
    expect(api.lastMessageTo(42)?.reply_markup).toBeUndefined(); // editing without markup removes the keyboard
    expect((await call("editMessageReplyMarkup", { chat_id: 42, message_id: sent.message_id, reply_markup: kb })).status).toBe(200);
    expect(api.lastMessageTo(42)?.reply_markup).toEqual(kb);
    expect((await call("deleteMessage", { chat_id: 42, message_id: sent.message_id })).body.result).toBe(true);
    expect(api.messagesTo(42)).toEqual([]);
    expect((await call("deleteMessage", { chat_id: 42, message_id: sent.message_id })).status).toBe(400);
  });

  it("message ids increase per chat, including the user's messages", async () => {
    api.sendText(lan, "hi");
    const a = (await call("sendMessage", { chat_id: 42, text: "a" })).body.result as Message;
    const b = (await call("sendMessage", { chat_id: 7, text: "b" })).body.result as Message;
    expect(a.message_id).toBe(2);
    expect(b.message_id).toBe(1);
    expect(api.chatMessages(42).map((m) => m.text)).toEqual(["hi", "a"]);
  });

  it("failNext injects one error, and waitFor finds calls since an index", async () => {
    api.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 3", parameters: { retry_after: 3 } });
    const since = api.calls.length;
    const waiting = api.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === 42, { since });
    const r = await call("sendMessage", { chat_id: 42, text: "x" });
    expect(r).toEqual({ status: 429, body: { ok: false, error_code: 429, description: "Too Many Requests: retry after 3", parameters: { retry_after: 3 } } });
    expect((await waiting).error?.error_code).toBe(429);
    expect((await call("sendMessage", { chat_id: 42, text: "x" })).status).toBe(200);
    await expect(api.waitFor((c) => c.method === "nothing", 50)).rejects.toThrow(/no matching call/);
  });

  it("serves uploaded files through getFile and /file/bot<token>/", async () => {
    const up = api.sendDocument(lan, "hội viên.csv", new TextEncoder().encode("tên\nAn"), "text/csv");
    const doc = up.message?.document;
    expect(doc).toMatchObject({ file_name: "hội viên.csv", mime_type: "text/csv", file_size: 7 });
    const f = (await call("getFile", { file_id: doc?.file_id })).body.result;
    expect(f).toMatchObject({ file_id: doc?.file_id, file_size: 7, file_path: expect.any(String) });
    const res = await fetch(`${api.apiRoot}/file/bot${api.token}/${f.file_path}`);
    expect(await res.text()).toBe("tên\nAn");
  });

  it("builds contact messages and bot_command entities", () => {
    expect(api.sendContact(lan, "0912345678").message?.contact).toEqual({ phone_number: "0912345678", first_name: "Lan", last_name: "Nguyễn", user_id: 42 });
    expect(api.sendText(lan, "/start abc").message?.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);
    expect(api.sendText(lan, "hello /start").message?.entities).toBeUndefined();
  });
});

describe("with a real grammY bot", () => {
  it("records a multipart sendDocument with its bytes", async () => {
    const bot = new Bot(api.token, { client: { apiRoot: api.apiRoot } });
    const kb = { inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] };
    const msg = await bot.api.sendDocument(42, new InputFile(Buffer.from("a,b"), "Danh sách.csv"), { caption: "Tệp xuất", reply_markup: kb });
    const c = api.calls.at(-1)!;
    expect(c.method).toBe("sendDocument");
    expect(c.payload).toMatchObject({ chat_id: 42, caption: "Tệp xuất", reply_markup: kb });
    expect(c.files?.document?.name).toBe("Danh sách.csv");
    expect(Buffer.from(c.files!.document!.bytes).toString()).toBe("a,b");
    expect(msg.document).toMatchObject({ file_name: "Danh sách.csv", mime_type: "text/csv", file_size: 3 });
    expect(api.documentsTo(42).map((f) => f.name)).toEqual(["Danh sách.csv"]);
    const file = await bot.api.getFile(msg.document!.file_id);
    expect(await (await fetch(`${api.apiRoot}/file/bot${api.token}/${file.file_path}`)).text()).toBe("a,b");
  });

  it("a polling bot receives /start abc and button presses; its replies are recorded", async () => {
    const bot = new Bot(api.token, { client: { apiRoot: api.apiRoot } });
    bot.command("start", (ctx) =>
      ctx.reply(`payload=${ctx.match}`, { reply_markup: { inline_keyboard: [[{ text: "Đồng ý", callback_data: "yes" }]] } }),
    );
    bot.callbackQuery("yes", async (ctx) => {
      await ctx.answerCallbackQuery({ text: "Cảm ơn" });
      await ctx.editMessageText("Đã đồng ý");
    });
    let started!: () => void;
    const ready = new Promise<void>((r) => (started = r));
    const running = bot.start({ timeout: 30, onStart: () => started() });
    await ready;
    const since = api.calls.length;
    api.sendText(lan, "/start abc");
    const reply = await api.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === 42, { since });
    expect(reply.payload.text).toBe("payload=abc");
    const sent = reply.result as Message;
    api.pressButton(lan, { message_id: sent.message_id, chat_id: 42 }, "yes");
    const toast = await api.waitFor((c) => c.method === "answerCallbackQuery", { since });
    expect(toast.payload.text).toBe("Cảm ơn");
    await api.waitFor((c) => c.method === "editMessageText", { since });
    expect(api.lastMessageTo(42)?.text).toBe("Đã đồng ý");
    await bot.stop();
    await running;
    expect(api.pendingUpdates).toHaveLength(0); // bot.stop() confirmed the offset
    expect(api.calls.filter((c) => c.method === "getUpdates" && c.error)).toEqual([]);
    expect(api.calls.map((c) => c.method)).toContain("deleteWebhook");
  });
});
