/**
 * A small in-process fake of the Telegram Bot API (node:http), for end-to-end tests and the
 * terminal simulator. Point a grammY bot at it with `new Bot(api.token, { client: { apiRoot: api.apiRoot } })`.
 * Private chats only (chat.id = user.id). Events: `on("call", (call) => …)` once a call is answered,
 * `on("update", (update) => …)` when an update is injected.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { EventEmitter } from "node:events";
import type { AddressInfo } from "node:net";
import type { Chat, Message, Update, User, UserFromGetMe } from "grammy/types";
import { coerce, guessMime, parseMultipart } from "./form-data.ts";

export { guessMime, parseMultipart };

type Payload = Record<string, unknown>;

export interface FakeUser { id: number; first_name: string; last_name?: string; username?: string; language_code?: string }
export interface FakeFile { file_id: string; file_unique_id: string; file_size: number; file_path: string; name: string; mime: string; bytes: Uint8Array }
export interface ApiErrorBody { error_code: number; description: string; parameters?: { retry_after?: number; migrate_to_chat_id?: number } }
export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
  at: number;
  /** Files uploaded with this call (multipart), keyed by payload field, e.g. `files.document`. */
  files?: Record<string, FakeFile>;
  /** Set when answered (getUpdates calls are logged on arrival and answered later). */
  result?: unknown;
  error?: ApiErrorBody;
}
export interface WaitForOptions { timeoutMs?: number; since?: number }
export interface FakeBotApiOptions {
  token?: string; botUsername?: string; maxUpdatesPerPoll?: number;
  /** Telegram's flood limits (off when not given): see FakeRateLimit. */
  rateLimit?: FakeRateLimit;
}
/**
 * Flood limits like Telegram's, over send…/copy…/forward… calls (not sendChatAction): a call that
 * would exceed either sliding 1-second window is answered 429 with parameters.retry_after and is
 * not delivered (nor counted in the windows).
 */
export interface FakeRateLimit {
  /** messages in any 1-second window, all chats together (Telegram: about 30) */
  overallPerSecond: number;
  /** messages to one chat in any 1-second window (Telegram: about 1) */
  perChatPerSecond: number;
  /** seconds, given as parameters.retry_after (default 1) */
  retryAfter?: number;
}

class TgError extends Error {
  constructor(readonly code: number, description: string, readonly parameters?: ApiErrorBody["parameters"]) { super(description); }
}
const bad = (description: string) => new TgError(400, `Bad Request: ${description}`);
const NOT_MODIFIED = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

interface Poll { done(updates: Update[] | TgError): void; check(): void }
interface ChatStore { nextId: number; messages: Map<number, Message> }

/** Where and how webhook updates are POSTed (see FakeBotApi.deliverByWebhook). */
export interface WebhookDeliveryOptions {
  /**
   * The URL to POST this update to instead of the one given to setWebhook (a load balancer in
   * front of several instances); called once per attempt, `attempt` counting the failed ones before.
   */
  route?: (update: Update, attempt: number) => string;
  /** wait after a failed delivery before the next attempt (ms, default 200) */
  retryMs?: number;
  /** how long a POST may take before it counts as failed (ms, default 60 000) */
  timeoutMs?: number;
}
/** One POST of an update to a webhook: its HTTP status, or "error" when no answer came. */
export interface WebhookDelivery { updateId: number; url: string; status: number | "error"; at: number }

export class FakeBotApi extends EventEmitter<{ call: [call: ApiCall]; update: [update: Update]; delivery: [delivery: WebhookDelivery] }> {
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  readonly calls: ApiCall[] = [];
  private readonly maxPerPoll: number;
  private server?: Server;
  private port = 0;
  private stopping = false;
  private updates: Update[] = [];
  private nextUpdateId = 1;
  private nextCallbackId = 1;
  private nextFileId = 1;
  private readonly polls = new Set<Poll>();
  private readonly chats = new Map<number, ChatStore>();
  private readonly users = new Map<number, FakeUser>();
  private readonly files = new Map<string, FakeFile>();
  private readonly callbackQueries = new Map<string, { from: FakeUser; message: Message }>();
  private readonly faults = new Map<string, ApiErrorBody[]>();
  private readonly blocked = new Set<number>();
  private readonly commands = new Map<string, unknown>();
  private webhookUrl = "";
  private webhookSecret = "";
  private delivery?: { opts: WebhookDeliveryOptions; running: boolean; abort: AbortController };
  private readonly holds: { method: string; match: (p: Payload) => boolean; arrived: (call: ApiCall) => void; released: Promise<void> }[] = [];
  /** Every POST of an update to a webhook (deliverByWebhook), oldest first. */
  readonly deliveries: WebhookDelivery[] = [];
  private readonly rateLimit?: FakeRateLimit;
  private readonly sentTimes: number[] = []; // admitted messages (performance.now()), oldest first
  private sentHead = 0;
  private readonly sentTimesByChat = new Map<number, number[]>();

  constructor(opts: FakeBotApiOptions = {}) {
    super();
    this.rateLimit = opts.rateLimit;
    this.setMaxListeners(0); // every pending waitFor() listens
    this.token = opts.token ?? "1000:fake-token";
    this.maxPerPoll = opts.maxUpdatesPerPoll ?? 100;
    this.botInfo = {
      id: 1000, is_bot: true, first_name: "Khuyen hoc (test)", username: opts.botUsername ?? "khuyenhoc_test_bot",
      can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false,
      can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false,
      allows_users_to_create_topics: false, can_manage_bots: false, supports_join_request_queries: false,
    };
  }

  get apiRoot(): string { return `http://127.0.0.1:${this.port}`; }
  /** Updates injected but not yet confirmed by a getUpdates offset. */
  get pendingUpdates(): readonly Update[] { return this.updates; }

  start(port = 0): Promise<void> {
    this.stopping = false;
    const server = createServer((req, res) => void this.handle(req, res).catch((e: unknown) => {
      this.reply(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(e)}` });
    }));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => { this.port = (server.address() as AddressInfo).port; resolve(); });
    });
  }

  /** Answers pending long polls with [] and closes the server and its connections. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.stopping = true;
    this.server = undefined;
    this.delivery?.abort.abort();
    for (const p of [...this.polls]) p.done([]);
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => server.closeAllConnections(), 500);
      server.close(() => { clearTimeout(force); resolve(); });
      server.closeIdleConnections();
    });
  }

  // ---- What users do -------------------------------------------------------------------
  sendText(user: FakeUser, text: string): Update {
    const cmd = /^\/\S+/.exec(text);
    const entities = cmd ? [{ type: "bot_command" as const, offset: 0, length: cmd[0].length }] : undefined;
    return this.userMessage(user, { text, ...(entities ? { entities } : {}) });
  }
  sendContact(user: FakeUser, phone: string): Update {
    const contact = { phone_number: phone, first_name: user.first_name, user_id: user.id, ...(user.last_name ? { last_name: user.last_name } : {}) };
    return this.userMessage(user, { contact });
  }
  sendDocument(user: FakeUser, fileName: string, bytes: Uint8Array, mime = guessMime(fileName), caption?: string): Update {
    const f = this.uploadFile(fileName, bytes, mime);
    const document = { ...f, file_name: fileName, mime_type: mime };
    return this.userMessage(user, { document, ...(caption ? { caption } : {}) });
  }
  pressButton(user: FakeUser, message: { message_id: number; chat_id: number }, callbackData: string): Update {
    const stored = this.chats.get(message.chat_id)?.messages.get(message.message_id);
    if (!stored) throw new Error(`pressButton: no message ${message.message_id} in chat ${message.chat_id}`);
    this.users.set(user.id, user);
    const id = String(this.nextCallbackId++);
    const snapshot = structuredClone(stored); // the message as it was when pressed
    this.callbackQueries.set(id, { from: user, message: snapshot });
    const callback_query = { id, from: toUser(user), message: snapshot, chat_instance: `ci${message.chat_id}`, data: callbackData };
    return this.inject({ callback_query } as Partial<Update>);
  }
  /** The user (and message) of a callback query created by pressButton. */
  findCallbackQuery(id: string): { from: FakeUser; message: Message } | undefined { return this.callbackQueries.get(id); }
  /** Makes every send to this user's chat fail with 403 "bot was blocked by the user". */
  setBlocked(userId: number, blocked = true): void { if (blocked) this.blocked.add(userId); else this.blocked.delete(userId); }
  /** The next call of `method` fails with this error (queued; HTTP status = error_code). */
  failNext(method: string, response: ApiErrorBody): void {
    const q = this.faults.get(method.toLowerCase()) ?? [];
    q.push(response);
    this.faults.set(method.toLowerCase(), q);
  }

  /**
   * The next call of `method` (whose payload matches) is held before it is answered until
   * `release()`: `arrived` resolves when it comes. For "a request in flight" moments.
   */
  holdNext(method: string, match: (payload: Record<string, unknown>) => boolean = () => true): { arrived: Promise<ApiCall>; release: () => void } {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let arrived: (call: ApiCall) => void = () => {};
    const arrival = new Promise<ApiCall>((resolve) => (arrived = resolve));
    this.holds.push({ method: method.toLowerCase(), match, arrived, released });
    return { arrived: arrival, release };
  }

  /**
   * Webhook mode, like Telegram after setWebhook: while a webhook is set, injected updates are
   * POSTed one at a time, in order, as JSON with the X-Telegram-Bot-Api-Secret-Token header
   * given to setWebhook; an update is dropped once answered 2xx and sent again (after `retryMs`)
   * on anything else. Every POST is noted in `deliveries`. (getUpdates answers 409 meanwhile.)
   */
  deliverByWebhook(opts: WebhookDeliveryOptions = {}): void {
    this.delivery?.abort.abort();
    this.delivery = { opts, running: false, abort: new AbortController() };
    this.pumpWebhook();
  }
  /** What the bot gave setWebhook (empty strings when no webhook is set). */
  get webhook(): { url: string; secretToken: string } { return { url: this.webhookUrl, secretToken: this.webhookSecret }; }

  private pumpWebhook(): void {
    const d = this.delivery;
    if (!d || d.running || d.abort.signal.aborted || !this.webhookUrl || this.stopping || this.updates.length === 0) return;
    d.running = true;
    void (async () => {
      let attempt = 0;
      while (this.delivery === d && this.webhookUrl && !this.stopping && !d.abort.signal.aborted) {
        const update = this.updates[0];
        if (!update) break;
        const url = d.opts.route?.(update, attempt) ?? this.webhookUrl;
        let status: number | "error";
        try {
          const res = await fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json", ...(this.webhookSecret ? { "x-telegram-bot-api-secret-token": this.webhookSecret } : {}) },
            body: JSON.stringify(update),
            signal: AbortSignal.any([d.abort.signal, AbortSignal.timeout(d.opts.timeoutMs ?? 60_000)]),
          });
          await res.arrayBuffer();
          status = res.status;
        } catch {
          status = "error";
        }
        const delivery: WebhookDelivery = { updateId: update.update_id, url, status, at: Date.now() };
        this.deliveries.push(delivery);
        this.emit("delivery", delivery);
        if (typeof status === "number" && status >= 200 && status < 300) {
          this.updates = this.updates.filter((u) => u.update_id !== update.update_id);
          attempt = 0;
        } else {
          attempt++;
          await new Promise((resolve) => setTimeout(resolve, d.opts.retryMs ?? 200));
        }
      }
      d.running = false;
      this.pumpWebhook(); // an update injected while the loop was ending
    })();
  }

  // ---- Inspecting -----------------------------------------------------------------------
  /** The bot's messages in a chat, as they are now (edits applied, deleted ones gone), oldest first. */
  messagesTo(chatId: number): Message[] { return this.chatMessages(chatId).filter((m) => m.from?.id === this.botInfo.id); }
  lastMessageTo(chatId: number): Message | undefined { return this.messagesTo(chatId).at(-1); }
  /** All messages of a chat (the user's and the bot's), oldest first. */
  chatMessages(chatId: number): Message[] {
    return [...(this.chats.get(chatId)?.messages.values() ?? [])].sort((a, b) => a.message_id - b.message_id);
  }
  /** A stored file (uploaded by a user via uploadFile/sendDocument, or by the bot via multipart). */
  file(fileId: string): FakeFile | undefined { return this.files.get(fileId); }
  /** Files the bot uploaded to a chat with sendDocument/sendPhoto, oldest first. */
  documentsTo(chatId: number): FakeFile[] {
    return this.calls.filter((c) => c.files && c.payload.chat_id === chatId && !c.error).flatMap((c) => Object.values(c.files ?? {}));
  }

  uploadFile(name: string, bytes: Uint8Array, mime = guessMime(name)): { file_id: string; file_unique_id: string; file_size: number } {
    const n = this.nextFileId++;
    const ext = name.includes(".") ? `.${name.split(".").pop()}` : "";
    const f: FakeFile = { file_id: `BQACAgFake${n}`, file_unique_id: `U${n}`, file_size: bytes.byteLength, file_path: `documents/file_${n}${ext}`, name, mime, bytes };
    this.files.set(f.file_id, f);
    return { file_id: f.file_id, file_unique_id: f.file_unique_id, file_size: f.file_size };
  }

  /** Resolves with the first call (index >= since, default 0) matching `predicate`, already logged or arriving later. */
  waitFor(predicate: (call: ApiCall) => boolean, opts: number | WaitForOptions = {}): Promise<ApiCall> {
    const { timeoutMs = 5000, since = 0 } = typeof opts === "number" ? { timeoutMs: opts } : opts;
    const found = this.calls.slice(since).find((c) => (c.result !== undefined || c.error) && predicate(c));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onCall = (c: ApiCall) => {
        if (this.calls.indexOf(c) < since || !predicate(c)) return;
        clearTimeout(timer);
        this.off("call", onCall);
        resolve(c);
      };
      const timer = setTimeout(() => {
        this.off("call", onCall);
        const recent = this.calls.slice(since).map((c) => c.method).slice(-10).join(", ");
        reject(new Error(`waitFor: no matching call within ${timeoutMs} ms (calls since ${since}: ${recent || "none"})`));
      }, timeoutMs);
      this.on("call", onCall);
    });
  }

  // ---- HTTP ----------------------------------------------------------------------------
  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const fileRoute = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileRoute) {
      const f = fileRoute[1] === this.token ? [...this.files.values()].find((x) => x.file_path === decodeURIComponent(fileRoute[2] ?? "")) : undefined;
      if (!f) return this.reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      res.writeHead(200, { "content-type": f.mime, "content-length": f.bytes.byteLength });
      res.end(f.bytes);
      return;
    }
    const route = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!route) return this.reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    const body = await readBody(req);
    if (route[1] !== this.token) return this.reply(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    let parsed: { payload: Payload; files?: Record<string, FakeFile> };
    try {
      parsed = this.parseBody(String(req.headers["content-type"] ?? ""), body, url.searchParams);
    } catch {
      return this.reply(res, 400, { ok: false, error_code: 400, description: "Bad Request: can't parse request body" });
    }
    const method = route[2] ?? "";
    const call: ApiCall = { method, payload: parsed.payload, at: Date.now(), ...(parsed.files ? { files: parsed.files } : {}) };
    this.calls.push(call);
    const answer = (result: unknown) => {
      if (result instanceof TgError) {
        call.error = { error_code: result.code, description: result.message, ...(result.parameters ? { parameters: result.parameters } : {}) };
        this.reply(res, result.code, { ok: false, ...call.error });
      } else {
        call.result = result;
        this.reply(res, 200, { ok: true, result });
      }
      this.emit("call", call);
    };
    const held = this.holds.findIndex((h) => h.method === method.toLowerCase() && h.match(call.payload));
    if (held >= 0) {
      const [hold] = this.holds.splice(held, 1);
      hold?.arrived(call);
      await hold?.released;
    }
    const fault = this.faults.get(method.toLowerCase())?.shift();
    if (fault) return answer(new TgError(fault.error_code, fault.description, fault.parameters));
    const flood = this.overLimit(method, call.payload);
    if (flood) return answer(flood);
    if (method.toLowerCase() === "getupdates") return this.getUpdates(call.payload, res, answer);
    const handler = this.handlers[method.toLowerCase()];
    if (!handler) return answer(new TgError(404, "Not Found: method not found"));
    try {
      answer(handler(call.payload, call));
    } catch (e) {
      answer(e instanceof TgError ? e : new TgError(500, `Internal Server Error: ${String(e)}`));
    }
  }

  /** A 429 when this message would break a flood limit; otherwise notes it as sent. */
  private overLimit(method: string, p: Payload): TgError | undefined {
    const limit = this.rateLimit;
    if (!limit || !/^(send|copy|forward)/i.test(method) || method.toLowerCase() === "sendchataction") return undefined;
    const t = performance.now();
    const since = t - 1000;
    while (this.sentHead < this.sentTimes.length && (this.sentTimes[this.sentHead] ?? 0) <= since) this.sentHead++;
    if (this.sentHead > 4096) {
      this.sentTimes.splice(0, this.sentHead);
      this.sentHead = 0;
    }
    const chatId = num(p.chat_id);
    const toChat = chatId === undefined ? [] : (this.sentTimesByChat.get(chatId) ?? []).filter((at) => at > since);
    if (this.sentTimes.length - this.sentHead >= limit.overallPerSecond || toChat.length >= limit.perChatPerSecond) {
      const retry_after = limit.retryAfter ?? 1;
      return new TgError(429, `Too Many Requests: retry after ${retry_after}`, { retry_after });
    }
    this.sentTimes.push(t);
    if (chatId !== undefined) this.sentTimesByChat.set(chatId, [...toChat, t]);
    if (this.sentTimesByChat.size > 50_000) for (const [c, times] of this.sentTimesByChat) if (times.every((at) => at <= since)) this.sentTimesByChat.delete(c);
    return undefined;
  }

  private reply(res: ServerResponse, status: number, body: unknown): void {
    if (res.writableEnded || res.destroyed) return;
    const data = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(data), ...(this.stopping ? { connection: "close" } : {}) });
    res.end(data);
  }

  private getUpdates(p: Payload, res: ServerResponse, answer: (r: unknown) => void): void {
    if (this.webhookUrl) return answer(new TgError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"));
    const offset = num(p.offset);
    if (offset !== undefined) this.updates = offset < 0 ? this.updates.slice(offset) : this.updates.filter((u) => u.update_id >= offset);
    // Like Telegram, a newer poll terminates an older one; deferred a tick so that a poll its client
    // has just aborted (grammY's bot.stop()) is dropped by its "close" event first.
    const older = [...this.polls];
    if (older.length > 0) setImmediate(() => older.forEach((o) => o.done(new TgError(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"))));
    const limit = Math.min(Math.max(num(p.limit) ?? 100, 1), 100, this.maxPerPoll);
    const timeout = num(p.timeout) ?? 0;
    const ready = this.updates.slice(0, limit);
    if (ready.length > 0 || timeout <= 0 || this.stopping) return answer(ready);
    const poll: Poll = {
      done: (r) => {
        if (!this.polls.delete(poll)) return;
        clearTimeout(timer);
        answer(r);
      },
      check: () => { if (this.updates.length > 0) poll.done(this.updates.slice(0, limit)); },
    };
    const timer = setTimeout(() => poll.done([]), timeout * 1000);
    this.polls.add(poll);
    res.on("close", () => { if (this.polls.delete(poll)) clearTimeout(timer); });
  }

  private parseBody(type: string, body: Buffer, query: URLSearchParams): { payload: Payload; files?: Record<string, FakeFile> } {
    const payload: Payload = {};
    for (const [k, v] of query) payload[k] = coerce(k, v);
    if (body.length === 0) return { payload };
    if (type.includes("application/json")) return { payload: { ...payload, ...(JSON.parse(body.toString("utf8")) as Payload) } };
    if (type.includes("application/x-www-form-urlencoded")) {
      for (const [k, v] of new URLSearchParams(body.toString("utf8"))) payload[k] = coerce(k, v);
      return { payload };
    }
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
    if (!type.includes("multipart/form-data") || !boundary) throw new Error("unsupported content type");
    const attached = new Map<string, FakeFile>();
    for (const part of parseMultipart(body, boundary[1] ?? boundary[2] ?? "")) {
      if (part.filename === undefined) { payload[part.name] = coerce(part.name, part.data.toString("utf8")); continue; }
      const mime = part.type && part.type !== "application/octet-stream" ? part.type : guessMime(part.filename);
      attached.set(part.name, this.files.get(this.uploadFile(part.filename, new Uint8Array(part.data), mime).file_id)!);
    }
    const files: Record<string, FakeFile> = {};
    for (const [k, v] of Object.entries(payload)) {
      const f = typeof v === "string" && v.startsWith("attach://") ? attached.get(v.slice(9)) : undefined;
      if (f) { files[k] = f; attached.delete((v as string).slice(9)); }
    }
    for (const [id, f] of attached) files[id] = f;
    return { payload, ...(Object.keys(files).length ? { files } : {}) };
  }

  // ---- Messages --------------------------------------------------------------------------
  private inject(partial: Partial<Update>): Update {
    const update = { update_id: this.nextUpdateId++, ...partial } as Update;
    this.updates.push(update);
    this.emit("update", update);
    for (const p of [...this.polls]) p.check();
    this.pumpWebhook();
    return update;
  }
  private userMessage(user: FakeUser, fields: Payload): Update {
    this.users.set(user.id, user);
    return this.inject({ message: this.store(user.id, toUser(user), fields) } as Partial<Update>);
  }
  private chatOf(id: number): Chat.PrivateChat {
    const u = this.users.get(id);
    return { id, type: "private", first_name: u?.first_name ?? `User ${id}`, ...(u?.last_name ? { last_name: u.last_name } : {}), ...(u?.username ? { username: u.username } : {}) };
  }
  private store(chatId: number, from: User, fields: Payload): Message {
    let c = this.chats.get(chatId);
    if (!c) this.chats.set(chatId, (c = { nextId: 1, messages: new Map() }));
    const message = { message_id: c.nextId++, from, chat: this.chatOf(chatId), date: now(), ...fields } as Message;
    c.messages.set(message.message_id, message);
    return message;
  }
  private target(p: Payload): number {
    const id = num(p.chat_id);
    if (id === undefined) throw bad("chat not found");
    if (this.blocked.has(id)) throw new TgError(403, "Forbidden: bot was blocked by the user");
    return id;
  }
  private send(p: Payload, fields: Payload): Message {
    const markup = inlineMarkup(p.reply_markup);
    return this.store(this.target(p), this.botUser(), { ...fields, ...(markup ? { reply_markup: markup } : {}) });
  }
  private botUser(): User {
    const { id, is_bot, first_name, username } = this.botInfo;
    return { id, is_bot, first_name, username };
  }
  private found(p: Payload, action: string): Message {
    if (p.inline_message_id !== undefined) throw bad("inline messages are not supported by the fake");
    const m = this.chats.get(this.target(p))?.messages.get(num(p.message_id) ?? -1);
    if (!m) throw bad(`message to ${action} not found`);
    if (action === "edit" && m.from?.id !== this.botInfo.id) throw bad("message can't be edited");
    return m;
  }
  private edit(m: Message, fields: Payload, markup: unknown): Message {
    const rec = m as unknown as Payload;
    const same = Object.entries(fields).every(([k, v]) => rec[k] === v) && JSON.stringify(rec.reply_markup) === JSON.stringify(markup);
    if (same) throw bad(NOT_MODIFIED);
    Object.assign(rec, fields, { edit_date: now() });
    if (markup) rec.reply_markup = markup; else delete rec.reply_markup;
    return m;
  }
  private fileField(p: Payload, call: ApiCall, key: string): FakeFile {
    const f = call.files?.[key] ?? (typeof p[key] === "string" ? this.files.get(p[key]) : undefined);
    if (f) return f;
    if (typeof p[key] !== "string") throw bad(`there is no ${key} in the request`);
    const name = p[key].split("/").pop() || key; // a URL: pretend Telegram fetched it
    return this.files.get(this.uploadFile(name, new Uint8Array(), guessMime(name)).file_id)!;
  }

  private readonly handlers: Record<string, (p: Payload, call: ApiCall) => unknown> = {
    getme: () => this.botInfo,
    sendmessage: (p) => {
      const text = typeof p.text === "string" ? p.text : "";
      if (!text.trim()) throw bad("message text is empty");
      if (text.length > 4096) throw bad("message is too long");
      return this.send(p, { text });
    },
    senddocument: (p, call) => {
      const f = this.fileField(p, call, "document");
      const document = { file_id: f.file_id, file_unique_id: f.file_unique_id, file_size: f.file_size, file_name: f.name, mime_type: f.mime };
      return this.send(p, { document, ...(typeof p.caption === "string" ? { caption: p.caption } : {}) });
    },
    sendphoto: (p, call) => {
      const f = this.fileField(p, call, "photo");
      const photo = [{ file_id: f.file_id, file_unique_id: f.file_unique_id, file_size: f.file_size, width: 800, height: 600 }];
      return this.send(p, { photo, ...(typeof p.caption === "string" ? { caption: p.caption } : {}) });
    },
    editmessagetext: (p) => {
      const m = this.found(p, "edit");
      if (typeof m.text !== "string") throw bad("there is no text in the message to edit");
      if (typeof p.text !== "string" || !p.text.trim()) throw bad("message text is empty");
      return this.edit(m, { text: p.text }, inlineMarkup(p.reply_markup));
    },
    editmessagecaption: (p) => this.edit(this.found(p, "edit"), { caption: p.caption }, inlineMarkup(p.reply_markup)),
    editmessagereplymarkup: (p) => this.edit(this.found(p, "edit"), {}, inlineMarkup(p.reply_markup)),
    deletemessage: (p) => {
      const m = this.found(p, "delete");
      return this.chats.get(m.chat.id)?.messages.delete(m.message_id);
    },
    answercallbackquery: (p) => {
      if (!this.callbackQueries.has(String(p.callback_query_id))) throw bad("query is too old and response timeout expired or query ID is invalid");
      return true;
    },
    sendchataction: (p) => (this.target(p), true),
    setmycommands: (p) => (this.commands.set(commandKey(p), p.commands ?? []), true),
    deletemycommands: (p) => (this.commands.delete(commandKey(p)), true),
    getmycommands: (p) => this.commands.get(commandKey(p)) ?? [],
    setchatmenubutton: () => true,
    getchatmenubutton: () => ({ type: "commands" }),
    deletewebhook: (p) => {
      if (p.drop_pending_updates === true) this.updates = [];
      this.webhookUrl = "";
      return true;
    },
    setwebhook: (p) => {
      this.webhookUrl = String(p.url ?? "");
      this.webhookSecret = typeof p.secret_token === "string" ? p.secret_token : "";
      setImmediate(() => this.pumpWebhook()); // after the answer, like Telegram
      return true;
    },
    getwebhookinfo: () => ({ url: this.webhookUrl, has_custom_certificate: false, pending_update_count: this.updates.length }),
    getfile: (p) => {
      const f = this.files.get(String(p.file_id));
      if (!f) throw bad("invalid file_id");
      return { file_id: f.file_id, file_unique_id: f.file_unique_id, file_size: f.file_size, file_path: f.file_path };
    },
    getchat: (p) => ({ ...this.chatOf(this.target(p)), accent_color_id: 0, max_reaction_count: 11 }),
    close: () => true,
    logout: () => true,
  };
}

// ---- helpers ---------------------------------------------------------------------------
const now = () => Math.floor(Date.now() / 1000);
function toUser(u: FakeUser): User { return { ...u, is_bot: false }; }
function num(v: unknown): number | undefined {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}
function inlineMarkup(v: unknown): unknown {
  const rows = (v as { inline_keyboard?: unknown[] } | undefined)?.inline_keyboard;
  return Array.isArray(rows) && rows.length > 0 ? { inline_keyboard: rows } : undefined;
}
function commandKey(p: Payload): string { return JSON.stringify([p.scope ?? { type: "default" }, p.language_code ?? ""]); }

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
