/**
 * Terminal front end of the chat simulator: you type as one of several pretend users, the bot's
 * messages to that user are printed with numbered buttons. Talks only to a FakeBotApi (the real
 * bot is wired to the same FakeBotApi by the caller). Simulator commands start with ":".
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path, { basename } from "node:path";
import { homedir } from "node:os";
import * as readline from "node:readline";
import type { Message } from "grammy/types";
import { guessMime, type ApiCall, type FakeBotApi, type FakeUser } from "./fake-bot-api.ts";

export interface SimUser { key: string; label: string; user: FakeUser; /** shared when a request_contact button is pressed */ phone?: string }

/** The simulator's own UI strings; `{name}` placeholders are filled in. */
export interface SimTexts {
  welcome: string; help: string; prompt: string; botPrefix: string; edited: string; deleted: string;
  toast: string; alert: string; document: string; photo: string; replyKeyboard: string; keyboardRemoved: string;
  pressed: string; unreadOne: string; unreadMany: string; unknownChat: string; switchedTo: string;
  usersHeader: string; userLine: string; currentMarker: string; unknownUser: string; noButtons: string;
  noSuchButton: string; linkButton: string; unsupportedButton: string; sharedContact: string; fileSent: string;
  fileError: string; unknownCommand: string; apiError: string; bye: string;
  /** a file the bot sent, written to the simulator's folder so it can be opened: {path} */
  savedFile: string;
  /** shown when a typed t.me link is "tapped": {command} is what it sends, e.g. "/start abc" */
  openedLink: string;
}

export const DEFAULT_SIM_TEXTS: SimTexts = {
  welcome: "Telegram chat simulator. Type :help for the simulator's commands.",
  help: [
    "Type a message to send it as the current user (/start abc works too).",
    "  1  or  :1      press button 1 of the latest message that has buttons",
    "                 (a bare number with no such button is sent as text, e.g. 120)",
    "  https://t.me/…?start=<code>   paste an invite link: works like tapping it",
    "  :say <text>    send text literally (e.g. a number while buttons are shown)",
    "  :kb 1          press button 1 of the reply keyboard",
    "  :as <key>      talk as another pretend user (shows their unread messages)",
    "  :users         list the pretend users",
    "  :file <path>   send a local file as a document (e.g. a CSV to import)",
    "  :help          this help",
    "  :quit          leave (Ctrl-D works too)",
  ].join("\n"),
  prompt: "[{label}] > ",
  botPrefix: "bot: ",
  edited: "(edited) ",
  deleted: "(the bot deleted message {id})",
  toast: "  ~ {text} ~",
  alert: "  [!] {text}",
  document: "[document: {name}, {size} bytes]",
  photo: "[photo]",
  savedFile: "(saved as {path}: open it to see it)",
  replyKeyboard: "  keyboard:",
  keyboardRemoved: "(keyboard removed)",
  pressed: "(pressed [{n}] {text})",
  unreadOne: "(→ {label}: 1 new message; type :as {key} to see it)",
  unreadMany: "(→ {label}: {count} new messages; type :as {key} to see them)",
  unknownChat: "(→ chat {id}: a message to a chat that has no pretend user)",
  switchedTo: "Now talking as {label}.",
  usersHeader: "Pretend users:",
  userLine: "  {key}  {label}{current}",
  currentMarker: "   <- current",
  unknownUser: "No pretend user '{key}'. Type :users.",
  noButtons: "There is no message with buttons.",
  noSuchButton: "There is no button {n}.",
  linkButton: "(link button: {url})",
  unsupportedButton: "(the simulator cannot press this kind of button)",
  sharedContact: "(shared contact {phone})",
  fileSent: "(sent file {name}, {size} bytes)",
  fileError: "Cannot read {path}: {error}",
  unknownCommand: "Unknown command {command}. Type :help.",
  apiError: "(Bot API error in {method}: {description})",
  openedLink: "(opened the link: {command})",
  bye: "Bye.",
};

export function fillText(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

type Button = { text: string; callback_data?: string; url?: string; request_contact?: boolean } | string;
type Rows = Button[][];
interface ReplyKeyboard { messageId: number; rows: Rows; oneTime: boolean }

const label = (b: Button) => (typeof b === "string" ? b : b.text);
const rowsOf = (markup: unknown, kind: "inline_keyboard" | "keyboard"): Rows | undefined => {
  const rows = (markup as Record<string, unknown> | undefined)?.[kind];
  return Array.isArray(rows) && rows.length > 0 ? (rows as Rows) : undefined;
};

export async function runTerminal(opts: {
  api: FakeBotApi;
  users: SimUser[];
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  texts: SimTexts;
  /**
   * For scripts (piped input): after a line that sent something to the bot, wait until the bot has
   * fetched it and been quiet for this many ms before reading the next line. 0 (default): no waiting.
   */
  settleMs?: number;
  /** Where files the bot sends (pictures, documents) are written so they can be opened; not written when absent. */
  saveFilesTo?: string;
  /** The launcher's own commands (e.g. ":time"): what they print when done; the next line waits for them. */
  extraCommands?: Record<string, (arg: string) => Promise<string>>;
}): Promise<void> {
  const { api, users, texts: t } = opts;
  const input = opts.input ?? process.stdin;
  const output = opts.output ?? process.stdout;
  let current = users[0];
  if (!current) throw new Error("runTerminal needs at least one user");
  const tty = Boolean((input as { isTTY?: boolean }).isTTY && (output as { isTTY?: boolean }).isTTY);
  const rl = readline.createInterface({ input, output, terminal: tty });
  const unread = new Map<string, string[]>();
  const replyKeyboards = new Map<number, ReplyKeyboard>();

  // A human at a TTY (not "dumb") gets the prompt line cleared and redrawn around bot output; a
  // dumb terminal gets plain lines and a fresh prompt. Piped input (scripts, tests) is echoed after
  // its prompt instead, so the output reads as a transcript.
  const interactive = Boolean((input as { isTTY?: boolean }).isTTY);
  const fancy = tty && process.env.TERM !== "dumb";
  let atPrompt = false;
  const write = (text: string, reprompt = true) => {
    if (fancy) { readline.clearLine(output, 0); readline.cursorTo(output, 0); } else if (atPrompt) output.write("\n");
    output.write(text.endsWith("\n") ? text : `${text}\n`);
    atPrompt = false;
    if (reprompt && interactive) { rl.prompt(true); atPrompt = true; }
  };
  const prompt = () => {
    rl.setPrompt(fillText(t.prompt, { label: current!.label }));
    if (interactive) { rl.prompt(); atPrompt = true; }
  };

  const numbered = (rows: Rows, indent = "  ") => {
    let n = 0;
    return rows.map((row) => indent + row.map((b) => `[${++n}] ${label(b)}`).join("  ")).join("\n");
  };
  // The fake keeps text as the bot sent it; Telegram would show HTML without its tags.
  const htmlMessages = new Set<string>();
  const noteParseMode = (m: Message, p: Record<string, unknown>) => {
    const key = `${m.chat.id}:${m.message_id}`;
    if (p.parse_mode === "HTML") htmlMessages.add(key);
    else htmlMessages.delete(key);
  };
  /** The files the bot uploaded with this call, written to `saveFilesTo`; one line each saying where. */
  const saveFiles = (c: ApiCall): string[] => {
    const dir = opts.saveFilesTo;
    if (!dir || !c.files) return [];
    mkdirSync(dir, { recursive: true });
    return Object.values(c.files).map((f) => {
      const where = path.join(dir, basename(f.name || f.file_id));
      writeFileSync(where, f.bytes);
      return fillText(t.savedFile, { path: where });
    });
  };
  const bodyOf = (m: Message | undefined, payload: Record<string, unknown>) => {
    const parts: string[] = [];
    if (m?.document) parts.push(fillText(t.document, { name: m.document.file_name ?? "?", size: m.document.file_size ?? 0 }));
    if (m?.photo) parts.push(t.photo);
    const text = m?.text ?? m?.caption ?? (typeof payload.text === "string" ? payload.text : undefined);
    const html = m ? htmlMessages.has(`${m.chat.id}:${m.message_id}`) : payload.parse_mode === "HTML";
    if (text !== undefined) parts.push(html ? htmlToPlain(text, fancy && !process.env.NO_COLOR) : text);
    return parts.join("\n");
  };
  const botLines = (body: string, markup: unknown, edited = false) => {
    const pad = " ".repeat([...t.botPrefix].length);
    const lines = [t.botPrefix + (edited ? t.edited : "") + body.split("\n").join(`\n${pad}`)];
    const inline = rowsOf(markup, "inline_keyboard");
    const keyboard = rowsOf(markup, "keyboard");
    if (inline) lines.push(numbered(inline));
    if (keyboard) lines.push(t.replyKeyboard, numbered(keyboard, "    "));
    if ((markup as { remove_keyboard?: boolean } | undefined)?.remove_keyboard) lines.push(t.keyboardRemoved);
    return lines.join("\n");
  };

  /** What a call shows in a chat, or undefined if it shows nothing. */
  const render = (c: ApiCall): { chatId: number; text: string } | undefined => {
    const p = c.payload;
    if (c.method === "getUpdates") return undefined;
    if (c.error) return { chatId: Number(p.chat_id ?? current!.user.id), text: fillText(t.apiError, { method: c.method, description: c.error.description }) };
    const m = c.result as Message | undefined;
    switch (c.method) {
      case "sendMessage": case "sendDocument": case "sendPhoto": {
        if (!m) return undefined;
        noteParseMode(m, p);
        const keyboard = rowsOf(p.reply_markup, "keyboard");
        const one = (p.reply_markup as { one_time_keyboard?: boolean } | undefined)?.one_time_keyboard === true;
        if (keyboard) replyKeyboards.set(m.chat.id, { messageId: m.message_id, rows: keyboard, oneTime: one });
        if ((p.reply_markup as { remove_keyboard?: boolean } | undefined)?.remove_keyboard) replyKeyboards.delete(m.chat.id);
        return { chatId: m.chat.id, text: botLines([bodyOf(m, p), ...saveFiles(c)].join("\n"), p.reply_markup) };
      }
      case "editMessageText": case "editMessageCaption": case "editMessageReplyMarkup":
        if (m?.chat && c.method !== "editMessageReplyMarkup") noteParseMode(m, p);
        return m?.chat ? { chatId: m.chat.id, text: botLines(bodyOf(m, {}), m.reply_markup, true) } : undefined;
      case "deleteMessage":
        return { chatId: Number(p.chat_id), text: fillText(t.deleted, { id: String(p.message_id) }) };
      case "answerCallbackQuery": {
        const q = api.findCallbackQuery(String(p.callback_query_id));
        if (!q || typeof p.text !== "string" || !p.text) return undefined;
        return { chatId: q.from.id, text: fillText(p.show_alert === true ? t.alert : t.toast, { text: p.text }) };
      }
      default:
        return undefined;
    }
  };

  const onCall = (c: ApiCall) => {
    const shown = render(c);
    if (!shown) return;
    const owner = users.find((u) => u.user.id === shown.chatId);
    if (!owner) return write(fillText(t.unknownChat, { id: shown.chatId }));
    if (owner === current) return write(shown.text);
    const queue = unread.get(owner.key) ?? [];
    queue.push(shown.text);
    unread.set(owner.key, queue);
    const vars = { label: owner.label, key: owner.key, count: queue.length };
    write(fillText(queue.length === 1 ? t.unreadOne : t.unreadMany, vars));
  };
  api.on("call", onCall);

  const pressInline = (n: number, m: Message) => {
    const button = (m.reply_markup?.inline_keyboard ?? []).flat()[n - 1] as Button | undefined;
    if (!button || typeof button === "string") return write(fillText(t.noSuchButton, { n }), false);
    if (button.callback_data !== undefined) {
      write(fillText(t.pressed, { n, text: button.text }), false);
      api.pressButton(current!.user, { message_id: m.message_id, chat_id: m.chat.id }, button.callback_data);
    } else if (button.url) write(fillText(t.linkButton, { url: button.url }), false);
    else write(t.unsupportedButton, false);
  };
  const pressKeyboard = (n: number, kb: ReplyKeyboard) => {
    const button = kb.rows.flat()[n - 1];
    if (button === undefined) return write(fillText(t.noSuchButton, { n }), false);
    const user = current!;
    if (kb.oneTime) replyKeyboards.delete(user.user.id);
    if (typeof button !== "string" && button.request_contact) {
      const phone = user.phone ?? madeUpPhone(user.user.id);
      write(fillText(t.sharedContact, { phone }), false);
      api.sendContact(user.user, phone);
    } else {
      write(fillText(t.pressed, { n, text: label(button) }), false);
      api.sendText(user.user, label(button));
    }
  };
  /** Presses button n; with `orSend`, a chat without buttons gets the number as text instead. */
  const press = (n: number, keyboardOnly = false, orSend?: string) => {
    const chatId = current!.user.id;
    const kb = replyKeyboards.get(chatId);
    const inline = keyboardOnly ? undefined : api.messagesTo(chatId).reverse().find((m) => rowsOf(m.reply_markup, "inline_keyboard"));
    // A bare number with no such button is an answer ("120 banks"), not a press.
    const count = inline && (!kb || inline.message_id > kb.messageId) ? (inline.reply_markup?.inline_keyboard ?? []).flat().length : kb ? kb.rows.flat().length : 0;
    if (orSend !== undefined && n > count) return api.sendText(current!.user, orSend);
    if (inline && (!kb || inline.message_id > kb.messageId)) return pressInline(n, inline);
    if (kb) return pressKeyboard(n, kb);
    if (orSend !== undefined) api.sendText(current!.user, orSend);
    else write(t.noButtons, false);
  };

  const switchTo = (key: string) => {
    const next = users.find((u) => u.key.toLowerCase() === key.toLowerCase());
    if (!next) return write(fillText(t.unknownUser, { key }), false);
    current = next;
    write(fillText(t.switchedTo, { label: next.label }), false);
    for (const text of unread.get(next.key) ?? []) write(text, false);
    unread.delete(next.key);
  };
  const sendFile = (raw: string) => {
    const path = raw.trim().replace(/^(["'])(.*)\1$/, "$2").replace(/^~(?=\/|$)/, homedir());
    try {
      const bytes = readFileSync(path);
      const name = basename(path);
      write(fillText(t.fileSent, { name, size: bytes.byteLength }), false);
      api.sendDocument(current!.user, name, new Uint8Array(bytes), guessMime(name));
    } catch (e) {
      write(fillText(t.fileError, { path, error: e instanceof Error ? e.message : String(e) }), false);
    }
  };

  const onLine = (raw: string): Promise<void> | undefined => {
    if (!interactive) output.write(`${rl.getPrompt()}${raw}\n`);
    atPrompt = false;
    const line = raw.trim();
    const [cmd = "", ...rest] = line.split(/\s+/);
    const arg = line.slice(cmd.length).trim();
    const extra = opts.extraCommands?.[cmd];
    if (extra) {
      return extra(arg).then(
        (text) => write(text, false),
        (error: unknown) => write(error instanceof Error ? error.message : String(error), false),
      ).then(prompt);
    }
    if (/^\d+$/.test(line)) press(Number(line), false, line);
    else if (/^:\d+$/.test(line)) press(Number(line.slice(1)));
    else if (cmd === ":say" && arg) api.sendText(current!.user, arg);
    else if (!line.startsWith(":")) {
      const command = startCommandOf(line, api.botInfo.username);
      if (command) {
        write(fillText(t.openedLink, { command }), false);
        api.sendText(current!.user, command);
      } else if (line) api.sendText(current!.user, raw.trim());
    }
    else if (cmd === ":kb" && /^\d+$/.test(arg)) press(Number(arg), true);
    else if (cmd === ":as" && rest.length > 0) switchTo(arg);
    else if (cmd === ":users") {
      const lines = users.map((u) => fillText(t.userLine, { key: u.key, label: u.label, current: u === current ? t.currentMarker : "" }));
      write([t.usersHeader, ...lines].join("\n"), false);
    } else if (cmd === ":file" && arg) sendFile(arg);
    else if (cmd === ":help") write(t.help, false);
    else if (cmd === ":quit" || cmd === ":q" || cmd === ":exit") {
      quitting = true;
      rl.close();
      return undefined;
    }
    else write(fillText(t.unknownCommand, { command: cmd }), false);
    prompt();
    return undefined;
  };

  // With settleMs, lines are handled one after another, each waiting for the bot to answer.
  const settleMs = opts.settleMs ?? 0;
  let injected = 0;
  const onUpdate = () => void injected++;
  api.on("update", onUpdate);
  let quitting = false;
  let queue = Promise.resolve();
  const settle = async () => {
    const started = Date.now();
    let last = started;
    let answered = false;
    const onAny = (c: ApiCall) => {
      if (c.method === "getUpdates") return;
      last = Date.now();
      answered = true;
    };
    api.on("call", onAny);
    try {
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        const now = Date.now();
        if (now - started > 30_000) return;
        if (api.pendingUpdates.length > 0 || (!answered && now - started < 10_000)) continue;
        if (now - last >= settleMs) return;
      }
    } finally {
      api.off("call", onAny);
    }
  };
  const closed = new Promise<void>((resolve) => rl.once("close", () => void queue.then(resolve)));
  rl.on("line", (raw) => {
    if (settleMs <= 0) {
      queue = queue.then(() => onLine(raw));
      return;
    }
    queue = queue.then(async () => {
      if (quitting) return;
      const before = injected;
      await onLine(raw);
      if (injected > before) await settle();
    });
  });
  rl.on("SIGINT", () => rl.close()); // Ctrl-C leaves too (readline would otherwise just pause)
  write(t.welcome, false);
  prompt();
  try {
    await closed;
  } finally {
    api.off("call", onCall);
    api.off("update", onUpdate);
    write(t.bye, false);
  }
}

/** The command a tap on a link to this bot sends (t.me/<bot>?start=<code> → "/start <code>"), or undefined. */
export function startCommandOf(text: string, botUsername: string): string | undefined {
  const m = /^(?:https?:\/\/)?(?:www\.)?(?:t|telegram)\.me\/([A-Za-z0-9_]{4,32})\/?(?:\?start=([A-Za-z0-9_-]{1,64}))?$/i.exec(text.trim());
  if (!m || m[1]?.toLowerCase() !== botUsername.toLowerCase()) return undefined;
  return m[2] ? `/start ${m[2]}` : "/start";
}

/** Text sent with parse_mode HTML as Telegram shows it: tags gone (bold kept on a capable terminal), entities decoded. */
export function htmlToPlain(html: string, bold = false): string {
  return html
    .replace(/<a\s+href="([^"]*)"\s*>([\s\S]*?)<\/a>/gi, (_m, href: string, text: string) => (text === href ? text : `${text} (${href})`))
    .replace(/<(\/?)(?:b|strong)>/gi, (_m, close: string) => (bold ? (close ? "\x1b[22m" : "\x1b[1m") : ""))
    .replace(/<\/?(?:i|em|u|ins|s|strike|del|code|pre|tg-spoiler|span|blockquote|tg-emoji)(?:\s[^>]*)?>/gi, "")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}

/** A made-up Vietnamese mobile number that differs per user id, e.g. "0912 000 042". */
export function madeUpPhone(id: number): string {
  const pad = (n: number) => String(n % 1000).padStart(3, "0");
  return `0912 ${pad(Math.floor(id / 1000))} ${pad(id)}`;
}
