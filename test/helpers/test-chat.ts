// The driver of one person's private chat with the bot (see telegram.ts for
// the fake Telegram underneath): send text, share a contact or a file, press
// a button by its label, and read what the bot sent back.
import type { InlineKeyboardButton, Message, Update, User } from "grammy/types";
import type { ApiCall, FakeTelegram, Payload } from "./telegram.ts";

export function inlineButtons(message: Message | undefined): InlineKeyboardButton.CallbackButton[] {
  const rows = message?.reply_markup?.inline_keyboard ?? [];
  return rows.flat().filter((b): b is InlineKeyboardButton.CallbackButton => "callback_data" in b);
}

export interface Reply {
  message_id: number;
  text: string;
  reply_markup?: unknown;
  /** labels of inline buttons, or of the reply keyboard */
  buttons: string[];
}

/** Anything that takes updates: a grammY Bot (swappable, for restart tests). */
export interface UpdateHandler {
  handleUpdate(update: Update): Promise<void>;
}

/**
 * One person's private chat with the bot. Every action marks the call log;
 * `replies()` and friends show what the bot did since this chat's last action
 * (including notifications other people's actions sent here meanwhile).
 */
export class TestChat {
  private mark = 0;
  private readonly queryIds = new Set<string>();

  constructor(
    readonly tg: FakeTelegram,
    private readonly bot: () => UpdateHandler,
    readonly user: User,
  ) {}

  get id(): number {
    return this.user.id;
  }

  private async act(update: Update): Promise<void> {
    this.mark = this.tg.calls.length;
    if (update.callback_query) this.queryIds.add(update.callback_query.id);
    await this.bot().handleUpdate(update);
  }

  send(text: string): Promise<void> {
    return this.act(this.tg.textUpdate(this.user, text));
  }

  /** Shares a contact; by default the person's own (as the contact button does). */
  shareContact(phone: string, opts: { ownerId?: number | null } = {}): Promise<void> {
    return this.act(this.tg.contactUpdate(this.user, phone, opts));
  }

  /** Sends a photo; its file_id (of the largest size) ends in "_1280". */
  sendPhoto(caption?: string): Promise<void> {
    return this.act(this.tg.photoUpdate(this.user, caption));
  }

  sendSticker(): Promise<void> {
    return this.act(this.tg.stickerUpdate(this.user));
  }

  sendDocument(name: string, bytes: Uint8Array | string, mime?: string): Promise<void> {
    const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
    return this.act(this.tg.documentUpdate(this.user, name, data, mime));
  }

  /** The newest bot message in this chat that has inline buttons. */
  lastInline(): Message | undefined {
    return this.tg.botMessages(this.id).reverse().find((m) => inlineButtons(m).length > 0);
  }

  /** Labels of the buttons on the newest message with inline buttons. */
  buttons(): string[] {
    return inlineButtons(this.lastInline()).map((b) => b.text);
  }

  /** Presses the button whose callback data equals `target` or whose label contains it. */
  async press(target: string, opts: { messageId?: number } = {}): Promise<void> {
    const message = opts.messageId === undefined ? this.lastInline() : this.tg.messages.get(this.id)?.get(opts.messageId);
    if (!message) throw new Error(`chat ${this.id}: no message with buttons to press "${target}" on`);
    const buttons = inlineButtons(message);
    const button = buttons.find((b) => b.callback_data === target) ?? buttons.find((b) => b.text.includes(target));
    if (!button) throw new Error(`chat ${this.id}: no button "${target}" among ${JSON.stringify(buttons.map((b) => `${b.text} [${b.callback_data}]`))}`);
    await this.act(this.tg.callbackUpdate(this.user, message, button.callback_data));
  }

  /** A press with any callback data (forged, or from a button gone since) on a bot message. */
  async pressData(data: string, opts: { messageId?: number } = {}): Promise<void> {
    const messages = this.tg.botMessages(this.id);
    const message = opts.messageId === undefined ? messages.at(-1) : this.tg.messages.get(this.id)?.get(opts.messageId);
    if (!message) throw new Error(`chat ${this.id}: no bot message to press on`);
    await this.act(this.tg.callbackUpdate(this.user, message, data));
  }

  /** Forgets what came so far: later `replies()` show only what arrives from now on. */
  clearReplies(): void {
    this.mark = this.tg.calls.length;
  }

  /** Every API call since this chat's last action (all chats). */
  calls(method?: string): ApiCall[] {
    return this.tg.calls.slice(this.mark).filter((c) => method === undefined || c.method === method);
  }

  /** Messages the bot sent to this chat since its last action. */
  replies(): Reply[] {
    return this.calls("sendMessage")
      .filter((c) => Number(c.payload.chat_id) === this.id && c.result !== undefined)
      .map((c) => ({
        message_id: (c.result as Message).message_id,
        text: String(c.payload.text),
        reply_markup: c.payload.reply_markup,
        buttons: buttonLabels(c.payload.reply_markup),
      }));
  }

  texts(): string[] {
    return this.replies().map((r) => r.text);
  }

  /** All texts since the last action, joined: handy for `toContain`. */
  allText(): string {
    return this.texts().join("\n---\n");
  }

  lastText(): string | undefined {
    return this.replies().at(-1)?.text;
  }

  /** answerCallbackQuery calls for this chat's presses since its last action (payloads). */
  answeredCallbacks(): Payload[] {
    return this.calls("answerCallbackQuery")
      .filter((c) => this.queryIds.has(String(c.payload.callback_query_id)))
      .map((c) => ({ ...c.payload, ok: c.error === undefined }));
  }

  /** Texts of accepted callback answers (alerts and toasts) since the last action. */
  callbackTexts(): string[] {
    return this.answeredCallbacks().filter((a) => a.ok && typeof a.text === "string").map((a) => String(a.text));
  }
}

function buttonLabels(markup: unknown): string[] {
  if (typeof markup !== "object" || markup === null) return [];
  const m = markup as { inline_keyboard?: { text: string }[][]; keyboard?: (string | { text: string })[][] };
  const rows = m.inline_keyboard ?? m.keyboard ?? [];
  return rows.flat().map((b) => (typeof b === "string" ? b : b.text));
}
