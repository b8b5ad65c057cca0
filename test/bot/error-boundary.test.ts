// When Telegram fails: a server error is retried, a refused call turns into a
// short apology, a blocked coordinator does not break someone else's request,
// and the next update (of another person) is handled as usual.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotHarness, startHarness, t } from "../helpers/bot.ts";

let h: BotHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const vi = (key: string, vars?: Record<string, string | number>) => t("vi", key, vars);

async function anotherPersonIsServed(): Promise<void> {
  const other = h.chat();
  await other.send("/help");
  expect(other.lastText()).toContain(vi("help-common"));
}

describe("the error boundary", () => {
  it("a 500 from sendMessage is retried and the menu arrives", async () => {
    const chat = h.chat();
    h.tg.fail("sendMessage", { code: 500, chatId: chat.id });
    await chat.send("/menu");
    const sends = chat.calls("sendMessage");
    expect(sends.map((c) => c.error?.error_code ?? "ok")).toEqual([500, "ok"]);
    expect(chat.lastText()).toBe(vi("menu-title", { name: chat.user.first_name }));
    await anotherPersonIsServed();
  }, 60_000);

  it("inside a flow too, a 429 is waited out and the flow goes on (retried below the replay log)", async () => {
    const code = (await h.invite("HB-LT", { maxUses: 5 })).code;
    const chat = h.chat();
    await chat.send(`/start ${code}`);
    h.tg.fail("sendMessage", { code: 429, description: "Too Many Requests: retry after 1", retryAfter: 1, chatId: chat.id });
    await chat.send("Lò Thị Mai");
    expect(chat.calls("sendMessage").map((c) => c.error?.error_code ?? "ok")).toEqual([429, "ok"]);
    expect(chat.lastText()).toBe(vi("join-ask-phone"));
  }, 60_000);

  it("a 429 with retry_after is waited out", async () => {
    const chat = h.chat();
    h.tg.fail("sendMessage", { code: 429, description: "Too Many Requests: retry after 1", retryAfter: 1, chatId: chat.id });
    await chat.send("/help");
    expect(chat.calls("sendMessage").map((c) => c.error?.error_code ?? "ok")).toEqual([429, "ok"]);
    expect(chat.lastText()).toContain(vi("help-common"));
  }, 60_000);

  it("a non-retryable 400 gets a short apology; the person and others carry on", async () => {
    const chat = h.chat();
    h.tg.fail("sendMessage", { code: 400, description: "Bad Request: can't parse entities", chatId: chat.id });
    await chat.send("/menu");
    expect(chat.texts()).toEqual([vi("errors-internal")]);
    await anotherPersonIsServed();
    await chat.send("/menu");
    expect(chat.lastText()).toBe(vi("menu-title", { name: chat.user.first_name }));
  });

  it("a failure after a press was answered still gets its apology into the chat", async () => {
    const chat = h.chat();
    await h.makeMember(chat.id, "HB-LT", "MEMBER");
    const unit = await h.unit("HB-LT");
    await chat.send("/menu");
    h.tg.fail("sendMessage", { code: 400, chatId: chat.id });
    await chat.pressData(`u:${unit.id}`);
    expect(chat.answeredCallbacks().filter((a) => a.ok)).toHaveLength(1);
    expect(chat.texts()).toEqual([vi("errors-internal")]);
    await anotherPersonIsServed();
  });

  it("a failure inside a flow: an apology, and the same answer again carries on from where it was", async () => {
    const invite = await h.invite("HB-LSO");
    const chat = h.chat();
    await chat.send(`/start ${invite.code}`);
    h.tg.fail("sendMessage", { code: 400, chatId: chat.id });
    await chat.send("Lương Văn Sơn");
    expect(chat.texts()).toEqual([vi("errors-internal")]);
    await anotherPersonIsServed();
    await chat.send("Lương Văn Sơn");
    expect(chat.texts()).toEqual([vi("join-ask-phone")]);
    await chat.send(vi("btn-skip"));
    await chat.press(vi("btn-confirm-join"));
    expect((await h.membershipsOf(chat.id)).map((m) => m.unit.name)).toEqual(["Huyện Lương Sơn"]);
  });

  it("a coordinator who blocked the bot does not break a join request", async () => {
    await h.makeMember(801, "HB-DB", "COORDINATOR", "Điều Phối Đà Bắc");
    h.tg.fail("sendMessage", { code: 403, description: "Forbidden: bot was blocked by the user", chatId: 801 });
    const chat = h.chat();
    await chat.send("/start");
    await chat.press(vi("btn-request-join"));
    await chat.send("da bac");
    await chat.press("Huyện Đà Bắc");
    await chat.send("Xa Văn Bắc");
    await chat.send(vi("btn-skip"));
    await chat.press(vi("btn-send-request"));
    expect(chat.lastText()).toBe(vi("request-sent", { unit: "Huyện Đà Bắc" }));
    expect(chat.calls("sendMessage").find((c) => c.payload.chat_id === 801)?.error?.error_code).toBe(403);
    expect(await h.prisma.joinRequest.count({ where: { telegramId: BigInt(chat.id), status: "PENDING" } })).toBe(1);
  });
});
