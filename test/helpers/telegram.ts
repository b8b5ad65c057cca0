// An in-process fake of the Telegram Bot API at the `client.fetch` level
// (ARCHITECTURE.md habit 8) and update builders; the `TestChat` driver (in
// test-chat.ts, re-exported here) talks to the bot the way a person would.
// Conversations v2 build a fresh Api per replay from the
// client options, so this fetch sees every real call exactly once.
import type { ApiClientOptions } from "grammy";
import type { InlineKeyboardButton, Message, Update, User, UserFromGetMe } from "grammy/types";

export { TestChat, inlineButtons, type Reply, type UpdateHandler } from "./test-chat.ts";

export type Payload = Record<string, unknown>;
type Fetch = NonNullable<ApiClientOptions["fetch"]>;

export interface ApiCall {
  method: string;
  payload: Payload;
  /** what the fake answered: the result, or the error it was told to inject */
  result?: unknown;
  error?: { error_code: number; description: string };
  /** when it was made (performance.now(), ms) */
  at?: number;
}

export interface Failure {
  method: string;
  error_code: number;
  description: string;
  retry_after?: number;
  /** only calls to this chat fail */
  chatId?: number;
  times: number;
}

export const BOT_INFO: UserFromGetMe = {
  id: 1000, is_bot: true, first_name: "Khuyến học (test)", username: "khuyenhoc_test_bot",
  can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false,
  can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false,
  allows_users_to_create_topics: false, can_manage_bots: false, supports_join_request_queries: false,
} as UserFromGetMe;

export const TOKEN = "1000:test-token-that-is-not-real-but-long-enough";

class TgError extends Error {
  constructor(readonly code: number, readonly description: string) {
    super(description);
  }
}

export class FakeTelegram {
  readonly calls: ApiCall[] = [];
  /** messages in each chat by id, both directions, with edits applied */
  readonly messages = new Map<number, Map<number, Message>>();
  /** file_id → bytes, served through getFile and `files` below */
  readonly fileBytes = new Map<string, Uint8Array>();
  /** answer a callback query twice → 400, as Telegram does */
  strictCallbackAnswers = true;
  private readonly failures: Failure[] = [];
  private readonly nextMessageId = new Map<number, number>();
  private readonly openQueries = new Set<string>();
  private nextUpdateId = 1;
  private nextQueryId = 1;
  private nextFileId = 1;

  readonly fetch: Fetch = (async (url: unknown, init?: { body?: unknown; signal?: AbortSignal }) => {
    const method = String(url).split("/").pop() ?? "";
    const payload = typeof init?.body === "string" ? (JSON.parse(init.body) as Payload) : {};
    if (method === "getUpdates") return json({ ok: true, result: await this.pollUpdates(payload, init?.signal) });
    const call: ApiCall = { method, payload, at: performance.now() };
    this.calls.push(call);
    const fault = this.drawFault(method, payload);
    if (fault === "timeout") {
      // No answer at all: the request hangs until the client gives up (grammY's timeoutSeconds aborts it).
      call.error = { error_code: 0, description: "injected timeout: no answer" };
      return new Promise<never>((_, reject) => {
        const signal = init?.signal;
        const abort = () => reject(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
        if (!signal) return; // nothing can end it: as Telegram never answering
        if (signal.aborted) abort();
        else signal.addEventListener("abort", abort, { once: true });
      });
    }
    const failure = fault ? this.faultFailure(fault) : this.takeFailure(method, payload);
    let body: unknown;
    if (failure) {
      call.error = { error_code: failure.error_code, description: failure.description };
      body = { ok: false, ...call.error, ...(failure.retry_after !== undefined ? { parameters: { retry_after: failure.retry_after } } : {}) };
    } else {
      try {
        call.result = this.answer(method, payload);
        body = { ok: true, result: call.result };
      } catch (e) {
        if (!(e instanceof TgError)) throw e;
        call.error = { error_code: e.code, description: e.description };
        body = { ok: false, ...call.error };
      }
    }
    return json(body);
  }) as unknown as Fetch;

  // ---- random faults (test/reliability/faults.test.ts) ----
  private faults: RandomFaults | null = null;
  /** one random stream per chat, so that a chat's faults do not depend on how chats interleave */
  private streams = new Map<string, () => number>();
  private readonly queryChat = new Map<string, number>();
  /** how many faults of each kind were injected, by method */
  readonly faultCounts = new Map<string, number>();

  /**
   * From now on a share `rate` of calls (getUpdates excepted, and only `methods` when given) fail
   * at random, reproducibly from `seed`: a 500, a 429 with `retryAfter` seconds, or no answer
   * (the fetch hangs until its AbortSignal fires). `null` turns them off.
   */
  randomFaults(opts: RandomFaults | null): void {
    this.faults = opts;
    this.streams = new Map();
  }

  private drawFault(method: string, p: Payload): FaultKind | undefined {
    const f = this.faults;
    if (!f || (f.methods && !f.methods.includes(method))) return undefined;
    const chat = p.chat_id ?? this.queryChat.get(String(p.callback_query_id)) ?? method;
    let random = this.streams.get(String(chat));
    if (!random) {
      random = mulberry32(f.seed * 1_000_003 + (Number(chat) || String(chat).length));
      this.streams.set(String(chat), random);
    }
    if (random() >= f.rate) return undefined;
    const kinds = f.kinds ?? ["500", "429", "timeout"];
    const kind = kinds[Math.floor(random() * kinds.length)]!;
    const key = `${kind} ${method}`;
    this.faultCounts.set(key, (this.faultCounts.get(key) ?? 0) + 1);
    return kind;
  }

  private faultFailure(kind: "500" | "429"): Failure {
    if (kind === "500") return { method: "", error_code: 500, description: "Internal Server Error", times: 1 };
    const retryAfter = this.faults?.retryAfter ?? 1;
    return { method: "", error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, retry_after: retryAfter, times: 1 };
  }

  /** Total faults injected so far. */
  faultTotal(): number {
    return [...this.faultCounts.values()].reduce((a, b) => a + b, 0);
  }

  // ---- getUpdates (polling with @grammyjs/runner over this fake) ----
  private readonly pending: Update[] = [];
  private pollWaiters: (() => void)[] = [];
  /** updates confirmed by a later getUpdates offset */
  confirmedUpTo = 0;

  /** Queues an update (made by the builders below) for getUpdates. */
  pushUpdate(update: Update): void {
    this.pending.push(update);
    for (const w of this.pollWaiters.splice(0)) w();
  }

  private async pollUpdates(p: Payload, signal?: AbortSignal): Promise<Update[]> {
    const offset = typeof p.offset === "number" ? p.offset : 0;
    this.confirmedUpTo = Math.max(this.confirmedUpTo, offset - 1);
    // Telegram forgets confirmed updates: a new poller (offset 0) gets only the unconfirmed ones.
    const take = () => this.pending.filter((u) => u.update_id >= offset && u.update_id > this.confirmedUpTo).slice(0, typeof p.limit === "number" ? p.limit : 100);
    let found = take();
    if (found.length === 0 && typeof p.timeout === "number" && p.timeout > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Number(p.timeout) * 1000);
        function done() {
          clearTimeout(timer);
          signal?.removeEventListener("abort", done);
          resolve();
        }
        this.pollWaiters.push(done);
        signal?.addEventListener("abort", done, { once: true });
      });
      if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error("aborted");
      found = take();
    }
    return found;
  }

  /** The next `times` calls of `method` (to `chatId`, if given) fail with this error. */
  fail(method: string, opts: { code?: number; description?: string; times?: number; chatId?: number; retryAfter?: number } = {}): void {
    const code = opts.code ?? 500;
    this.failures.push({
      method, error_code: code, times: opts.times ?? 1, chatId: opts.chatId, retry_after: opts.retryAfter,
      description: opts.description ?? (code >= 500 ? "Internal Server Error" : "Bad Request: injected failure"),
    });
  }

  private takeFailure(method: string, payload: Payload): Failure | undefined {
    const index = this.failures.findIndex((f) => f.method === method && (f.chatId === undefined || f.chatId === payload.chat_id));
    if (index < 0) return undefined;
    const failure = this.failures[index]!;
    if (--failure.times <= 0) this.failures.splice(index, 1);
    return failure;
  }

  private answer(method: string, p: Payload): unknown {
    switch (method) {
      case "sendMessage": {
        const chatId = Number(p.chat_id);
        const message = this.store(chatId, {
          from: BOT_INFO, text: String(p.text),
          ...(isInlineMarkup(p.reply_markup) ? { reply_markup: p.reply_markup } : {}),
        });
        return message;
      }
      case "sendPhoto": {
        // By file_id only (what the bot sends back of photos it received): no uploads here.
        const photo = [{ file_id: String(p.photo), file_unique_id: `u${String(p.photo)}`, width: 1280, height: 960 }];
        return this.store(Number(p.chat_id), { from: BOT_INFO, photo, ...(typeof p.caption === "string" ? { caption: p.caption } : {}) });
      }
      case "editMessageText":
      case "editMessageReplyMarkup": {
        if (p.inline_message_id !== undefined) return true;
        const message = this.messages.get(Number(p.chat_id))?.get(Number(p.message_id));
        if (!message) throw new TgError(400, "Bad Request: message to edit not found");
        const edited = { ...message, edit_date: now() } as Message & { text?: string };
        if (method === "editMessageText") edited.text = String(p.text);
        if (isInlineMarkup(p.reply_markup)) edited.reply_markup = p.reply_markup;
        else delete edited.reply_markup;
        this.messages.get(Number(p.chat_id))!.set(message.message_id, edited);
        return edited;
      }
      case "answerCallbackQuery": {
        const id = String(p.callback_query_id);
        if (this.strictCallbackAnswers && !this.openQueries.delete(id)) {
          throw new TgError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
        }
        return true;
      }
      case "setMyCommands":
      case "deleteMyCommands":
      case "sendChatAction":
        return true;
      case "getMe":
        return BOT_INFO;
      case "getFile": {
        const id = String(p.file_id);
        if (!this.fileBytes.has(id)) throw new TgError(400, "Bad Request: invalid file_id");
        return { file_id: id, file_unique_id: `u${id}`, file_size: this.fileBytes.get(id)!.length, file_path: `documents/${id}.csv` };
      }
      default:
        throw new TgError(404, `Not Found: method ${method} is not faked`);
    }
  }

  private store(chatId: number, fields: Partial<Message> & Record<string, unknown>): Message {
    const id = (this.nextMessageId.get(chatId) ?? 0) + 1;
    this.nextMessageId.set(chatId, id);
    const message = { message_id: id, date: now(), chat: { id: chatId, type: "private", first_name: `chat ${chatId}` }, ...fields } as Message;
    if (!this.messages.has(chatId)) this.messages.set(chatId, new Map());
    this.messages.get(chatId)!.set(id, message);
    return message;
  }

  // ---- update builders (private chats: chat id = user id) ----

  private update(fields: Omit<Update, "update_id">): Update {
    return { update_id: this.nextUpdateId++, ...fields } as Update;
  }

  private userMessage(user: User, fields: Record<string, unknown>): Message {
    return this.store(user.id, { from: user, chat: { id: user.id, type: "private", first_name: user.first_name }, ...fields } as never);
  }

  /** Any update, numbered after the others (for shapes the builders here do not make). */
  rawUpdate(fields: Omit<Update, "update_id">): Update {
    return this.update(fields);
  }

  /** A text message; a leading /command gets its bot_command entity. */
  textUpdate(user: User, text: string): Update {
    const command = /^\/[A-Za-z0-9_]+(@\w+)?/.exec(text);
    const entities = command ? [{ type: "bot_command" as const, offset: 0, length: command[0].length }] : undefined;
    return this.update({ message: this.userMessage(user, { text, ...(entities ? { entities } : {}) }) as never });
  }

  contactUpdate(user: User, phone: string, opts: { ownerId?: number | null } = {}): Update {
    const ownerId = opts.ownerId === undefined ? user.id : opts.ownerId;
    const contact = { phone_number: phone, first_name: user.first_name, ...(ownerId === null ? {} : { user_id: ownerId }) };
    return this.update({ message: this.userMessage(user, { contact }) as never });
  }

  /** A photo as Telegram sends it: several sizes, the largest last. */
  photoUpdate(user: User, caption?: string): Update {
    const id = `photo${this.nextFileId++}`;
    const photo = [90, 320, 1280].map((w) => ({ file_id: `${id}_${w}`, file_unique_id: `u${id}_${w}`, width: w, height: Math.round(w * 0.75), file_size: w * 100 }));
    return this.update({ message: this.userMessage(user, { photo, ...(caption ? { caption } : {}) }) as never });
  }

  stickerUpdate(user: User): Update {
    const id = `sticker${this.nextFileId++}`;
    const sticker = { file_id: id, file_unique_id: `u${id}`, type: "regular", width: 512, height: 512, is_animated: false, is_video: false, emoji: "🐷" };
    return this.update({ message: this.userMessage(user, { sticker }) as never });
  }

  /** A document; its bytes are served by getFile and by `files` below. */
  documentUpdate(user: User, name: string, bytes: Uint8Array, mime = "text/csv"): Update {
    const file_id = `file${this.nextFileId++}`;
    this.fileBytes.set(file_id, bytes);
    const document = { file_id, file_unique_id: `u${file_id}`, file_name: name, mime_type: mime, file_size: bytes.length };
    return this.update({ message: this.userMessage(user, { document }) as never });
  }

  /** A press of `data` on a message (the message as the chat shows it now). */
  callbackUpdate(user: User, message: Message, data: string): Update {
    const id = String(this.nextQueryId++);
    this.openQueries.add(id);
    this.queryChat.set(id, user.id);
    return this.update({ callback_query: { id, from: user, chat_instance: `ci${user.id}`, message, data } as never });
  }

  /** What the bot can download: bytes of documents sent through documentUpdate (via getFile, as the real path does). */
  readonly files = {
    download: async (ctx: { api: { getFile(id: string): Promise<{ file_id: string }> } }, fileId: string): Promise<Uint8Array> => {
      const file = await ctx.api.getFile(fileId);
      const bytes = this.fileBytes.get(file.file_id);
      if (!bytes) throw new Error(`no bytes for ${fileId}`);
      return bytes;
    },
  };

  // ---- looking at what happened ----

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The chat's messages sent by the bot, oldest first, as they look now. */
  botMessages(chatId: number): Message[] {
    return [...(this.messages.get(chatId)?.values() ?? [])].filter((m) => m.from?.id === BOT_INFO.id);
  }
}

export type FaultKind = "500" | "429" | "timeout";

export interface RandomFaults {
  /** share of calls that fail, e.g. 0.1 */
  rate: number;
  seed: number;
  kinds?: FaultKind[];
  /** seconds, in the 429s (Telegram sends at least 1) */
  retryAfter?: number;
  /** only these methods fail (default: all but getUpdates) */
  methods?: string[];
}

/** As Telegram answers: an error's HTTP status is its error_code. */
function json(body: unknown): Response {
  const failed = (body as { ok?: boolean; error_code?: number }).ok === false;
  const status = failed ? ((body as { error_code?: number }).error_code ?? 500) : 200;
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/** A small seeded PRNG: the same seed draws the same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

function isInlineMarkup(markup: unknown): markup is { inline_keyboard: InlineKeyboardButton[][] } {
  return typeof markup === "object" && markup !== null && Array.isArray((markup as { inline_keyboard?: unknown }).inline_keyboard);
}
