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

  readonly fetch: Fetch = (async (url: unknown, init?: { body?: unknown }) => {
    const method = String(url).split("/").pop() ?? "";
    const payload = typeof init?.body === "string" ? (JSON.parse(init.body) as Payload) : {};
    const call: ApiCall = { method, payload };
    this.calls.push(call);
    const failure = this.takeFailure(method, payload);
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
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  }) as unknown as Fetch;

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

function now(): number {
  return Math.floor(Date.now() / 1000);
}

function isInlineMarkup(markup: unknown): markup is { inline_keyboard: InlineKeyboardButton[][] } {
  return typeof markup === "object" && markup !== null && Array.isArray((markup as { inline_keyboard?: unknown }).inline_keyboard);
}
