// Generators for the fuzz test (fuzz.test.ts): a seeded pseudo-random
// generator, nasty texts (control characters, huge numbers, every Vietnamese
// diacritic, 4096 characters), commands with junk arguments, forged callback
// data, and updates the FakeTelegram builders do not make (locations,
// edits, unknown update types, group chats, callback queries without a message).
import type { Message, Update, User } from "grammy/types";
import { ALL_COMMANDS } from "../../src/bot/command-names.ts";
import type { FakeTelegram } from "../helpers/telegram.ts";

/** mulberry32: small, fast and good enough to pick among choices; the same seed gives the same sequence. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from nothing");
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** A child generator: its own sequence, fixed by this one's seed and `salt`. */
  fork(salt: number): Rng {
    return new Rng((Math.floor(this.next() * 4294967296) ^ Math.imul(salt, 2654435761)) >>> 0);
  }
}

/** Every Vietnamese letter with a diacritic, lower and upper case, precomposed (NFC). */
export const VIETNAMESE = (() => {
  const bases = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"];
  const tones = ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]; // huyền, sắc, ngã, hỏi, nặng
  const lower = ["đ"];
  for (const b of bases) {
    lower.push(b);
    for (const tone of tones) lower.push((b + tone).normalize("NFC"));
  }
  return [...lower, ...lower.map((c) => c.toUpperCase())].join("");
})();

// No lone surrogates ("\ud800"): Telegram sends UTF-8, which cannot carry them (Prisma's JSON protocol refuses them: see the report).
const CONTROL = ["\u0000", "\u202e", "\r", "\n", "\t", "\u200b", "\ufeff", "\u0007", "\u001b[31m", "\u2028"];
const EMOJI = ["🐷", "😀", "👨‍👩‍👧‍👦", "🇻🇳", "❤️", "🔥", "✅", "🏳️‍🌈", "🧑🏽‍🏫", "💰"];
const HUGE = [
  "1e308", "-1e308", "99999999999999999999", "-0", "1.000.000.000.000", "1,000,000,000,000", "NaN", "Infinity", "-Infinity",
  "0x7fffffff", "2147483648", "-2147483649", "9007199254740993", "0.1", "1/0", "1e-400", "٣", "１２３", "1 000 000", "5tr", "1,5 triệu",
  "500k", "-5", "0", "00000000000000000001", "12.345,67", "３０/１１/２０２６", "31/02/2026", "29/11", "15/11/2026", "32/13/9999", "2026-11-15",
];
const PLAUSIBLE = [
  "Nguyễn Văn An", "Trần Thị Bình", "Lò Văn Xuân", "Hà Thị Lan", "tan lac", "chieng chau", "Mãn Đức", "xóm Đồi", "2014", "2026", "6", "12",
  "40", "120", "1000000", "2.350.000", "hôm nay", "bỏ qua", "Bỏ qua", "Có", "Không", "yes", "no", "skip", "0912 345 678", "84987654321",
  "Trường THCS Chiềng Châu", "Ông bà nội", "Ghi chú", "Xin chào mọi người, thông báo họp chi hội.",
];
const SQLISH = ["'; DROP TABLE \"Session\"; --", "<b>x</b>", "</i><script>alert(1)</script>", "${process.exit()}", "{{7*7}}", "%s%n%x", "\\u0000", "null", "undefined", "{}", "[]", "__proto__", "constructor"];

/** Answers a form would take: small numbers, dates, names, schools, notes. */
export const GOOD_ANSWERS = ["0", "1", "3", "5", "12", "40", "100000", "2.350.000", "27/11", "20/11/2026", "2014", "7", "Nguyễn Văn An", "Trường THCS Mãn Đức", "Ghi chú họp chi hội", "tan lac", "chieng chau", "0912345678"];

export function junkText(rng: Rng): string {
  switch (rng.int(0, 10)) {
    case 0:
      return Array.from({ length: rng.int(1, 40) }, () => String.fromCharCode(rng.int(32, 0x2fff))).join("");
    case 1:
      return Array.from({ length: rng.int(1, 8) }, () => rng.pick(CONTROL) + rng.pick(PLAUSIBLE)).join("");
    case 2:
      return rng.pick(HUGE);
    case 3:
      return Array.from({ length: rng.int(1, 12) }, () => rng.pick(EMOJI)).join(rng.chance(0.5) ? "" : " ");
    case 4: {
      const letters = [...VIETNAMESE];
      const start = rng.int(0, letters.length - 1);
      const text = rng.chance(0.3) ? VIETNAMESE : letters.slice(start, start + rng.int(1, 30)).join("");
      return rng.chance(0.3) ? text.normalize("NFD") : text;
    }
    case 5: {
      const unit = rng.pick(["Chữ ", "a", "Đ", "🐷", "9", "\u0000"]);
      return unit.repeat(Math.ceil(4096 / unit.length)).slice(0, rng.chance(0.5) ? 4096 : rng.int(4000, 4096));
    }
    case 6:
      return rng.pick(SQLISH);
    case 7:
      return rng.chance(0.5) ? " " : rng.pick(["", "   ", "\n\n", "\u200b"]) || " ";
    default:
      return rng.pick(PLAUSIBLE);
  }
}

const COMMANDS = [...ALL_COMMANDS, "START", "Menu", "unknown", "admin", "start@khuyenhoc_test_bot", "start@other_bot", "debug", "sudo"];

/** A command, often with junk after it (payloads of /start included). */
export function junkCommand(rng: Rng): string {
  const command = rng.pick(COMMANDS);
  if (rng.chance(0.4)) return `/${command}`;
  const arg = rng.chance(0.5) ? junkText(rng) : rng.pick(["khongcoma99", "a".repeat(70), "../../etc/passwd", "0", "-1", "9".repeat(30), "code with spaces", "x_y-z"]);
  return `/${command} ${arg}`.slice(0, 4096);
}

/** Callback-data prefixes the bot listens to (src/bot/features/*), with a number of numeric parts. */
const PREFIXES: [string, number][] = [
  ["u", 1], ["ua", 1], ["ur", 1], ["uv", 1], ["ug", 1], ["ul", 2], ["ui", 1], ["uc", 2], ["ia", 1], ["iv", 1], ["ja", 1], ["jx", 1], ["mb", 1],
  ["mx", 1], ["mxy", 1], ["ba", 1], ["br", 1], ["bu", 1], ["bv", 1], ["bx", 1], ["by", 1], ["crf", 2], ["dn", 1], ["dv", 1], ["dy", 1],
  ["le", 1], ["lg", 2], ["lc", 2], ["ll", 2], ["lq", 2], ["ls", 2], ["lv", 1], ["lz", 1], ["lr", 1], ["lG", 2], ["pc", 2], ["pd", 1],
  ["pe", 1], ["po", 2], ["pp", 1], ["pq", 2], ["pt", 2], ["pv", 1], ["pw", 3], ["qu", 1], ["ru", 1], ["rv", 1], ["sc", 1], ["sd", 1],
  ["sh", 1], ["si", 1], ["sj", 2], ["sk", 1], ["sl", 1], ["so", 1], ["sq", 2], ["ss", 1], ["sv", 2], ["sx", 1], ["sy", 1], ["xk", 1],
  ["xp", 1], ["xt", 1], ["xu", 2], ["xf", 2], ["xg", 2], ["f", 1],
];
const BARE = ["bh", "bl", "bn", "crl", "dl", "help", "imp", "impgo", "impno", "imx", "imxy", "jl", "join", "lang", "lh", "me", "menu", "mu", "pg", "qh", "qs", "rh", "sa", "sn", "sp", "um", "xh", "lr", "so", "pd"];
const WORDS = ["__cancel__", "__back__", "__done__", "keep", "zero", "today", "yes", "no", "ADMIN", "COORDINATOR", "MEMBER", "REPORTER", "GOD", "vi", "en", "fr", "c", "x", "rp", "date", "name", "steps", "kinds", "roles"];

/** Forged callback data: random strings, or a real prefix with random ids, years and words. */
export function forgedData(rng: Rng): string {
  const num = () =>
    rng.pick([
      String(rng.int(0, 60)), String(rng.int(2000, 2100)), "0", "999999999", "2147483648", "-1", "1e3", "00001", String(rng.int(1, 12)),
      "9".repeat(rng.int(10, 20)), "", "abc",
    ]);
  switch (rng.int(0, 5)) {
    case 0:
      return Array.from({ length: rng.int(0, 64) }, () => String.fromCharCode(rng.int(32, 126))).join("");
    case 1:
      return rng.pick(BARE) + (rng.chance(0.3) ? `:${num()}` : "");
    case 2:
      return `lang:${rng.pick(["vi", "en", "fr", "", "VI"])}`;
    default: {
      const [prefix, parts] = rng.pick(PREFIXES);
      const pieces = Array.from({ length: rng.chance(0.2) ? rng.int(0, 4) : parts }, () => (rng.chance(0.15) ? rng.pick(WORDS) : num()));
      return [prefix, ...pieces].join(":").slice(0, 64);
    }
  }
}

/** Text that cannot have a bot_command entity of a real length: a control character first, or a long junk. */
export function entitiesFor(text: string): Message["entities"] {
  const command = /^\/[A-Za-z0-9_]+(@\w+)?/.exec(text);
  return command ? [{ type: "bot_command", offset: 0, length: command[0].length }] : undefined;
}

let nextUpdate = 9_000_000;
let nextMessage = 5_000_000;
let nextQuery = 8_000_000;
const now = () => Math.floor(Date.now() / 1000);

function chatOf(user: User) {
  return { id: user.id, type: "private" as const, first_name: user.first_name };
}

/** Messages the FakeTelegram builders do not make, in a person's private chat. */
export function oddMessage(rng: Rng, user: User): Update {
  const base = { message_id: nextMessage++, date: now(), chat: chatOf(user), from: user };
  const kinds: Record<string, unknown>[] = [
    { location: { latitude: rng.next() * 180 - 90, longitude: rng.next() * 360 - 180 } },
    { location: { latitude: 1e308, longitude: -0 } },
    { venue: { location: { latitude: 20.8, longitude: 105.3 }, title: junkText(rng), address: junkText(rng) } },
    { voice: { file_id: `voice${nextMessage}`, file_unique_id: `v${nextMessage}`, duration: 3 } },
    { video_note: { file_id: `vn${nextMessage}`, file_unique_id: `vn${nextMessage}`, length: 240, duration: 2 } },
    { dice: { emoji: "🎲", value: rng.int(1, 6) } },
    { poll: { id: "p1", question: junkText(rng).slice(0, 300), options: [], total_voter_count: 0, is_closed: false, is_anonymous: true, type: "regular", allows_multiple_answers: false } },
    { animation: { file_id: `an${nextMessage}`, file_unique_id: `an${nextMessage}`, width: 1, height: 1, duration: 1 } },
    { new_chat_members: [user] },
    { text: junkText(rng), entities: [{ type: "bold", offset: 0, length: 99999 }, { type: "bot_command", offset: 5, length: 3 }] },
    { text: "/start", entities: [{ type: "bot_command", offset: 0, length: 6 }], reply_to_message: { message_id: 1, date: now(), chat: chatOf(user) } },
    { caption: junkText(rng) }, // a message with only a caption: nothing else
    {}, // a message with nothing at all
    { forward_origin: { type: "hidden_user", sender_user_name: "X", date: now() }, text: junkText(rng) },
    { contact: { phone_number: junkText(rng).slice(0, 40), first_name: "", user_id: rng.pick([user.id, 42, -1]) } },
  ];
  return { update_id: nextUpdate++, message: { ...base, ...rng.pick(kinds) } as never };
}

/** An edit of an earlier message of the person. */
export function editedMessage(rng: Rng, user: User): Update {
  const text = rng.chance(0.5) ? junkText(rng) : junkCommand(rng);
  const entities = entitiesFor(text);
  return {
    update_id: nextUpdate++,
    edited_message: { message_id: rng.int(1, 50), date: now() - 60, edit_date: now(), chat: chatOf(user), from: user, text, ...(entities ? { entities } : {}) } as Message,
  } as Update;
}

/** A document with a wrong name, mime type or a size Telegram would not let the bot download. */
export function oddDocument(rng: Rng, tg: FakeTelegram, user: User): Update {
  const names = ["don-vi.csv", "tieu-chi.json", "virus.exe", "ảnh.jpg", "", "a".repeat(300), "..csv", "x.xlsx"];
  const mimes = ["text/csv", "application/json", "application/x-msdownload", "image/jpeg", "", "text/csv; charset=utf-16"];
  const bytes = rng.chance(0.5) ? new TextEncoder().encode(junkText(rng)) : new Uint8Array(Array.from({ length: rng.int(0, 200) }, () => rng.int(0, 255)));
  const update = tg.documentUpdate(user, rng.pick(names), bytes, rng.pick(mimes)) as Update & { message: { document: Record<string, unknown> } };
  if (rng.chance(0.4)) update.message.document.file_size = rng.pick([50 * 1024 * 1024, 2 ** 31, 1e15, 0]);
  if (rng.chance(0.2)) delete update.message.document.mime_type;
  if (rng.chance(0.2)) update.message.document.caption = junkCommand(rng);
  return update;
}

/** Updates that are not in anyone's private chat, or of a kind the bot does not handle. */
export function strayUpdate(rng: Rng, tg: FakeTelegram, users: User[]): Update {
  const user = rng.pick(users);
  const group = { id: -100_000 - rng.int(1, 5), type: "supergroup" as const, title: junkText(rng).slice(0, 100) };
  const id = nextUpdate++;
  const choices: (() => Record<string, unknown>)[] = [
    () => ({ poll: { id: "p", question: "?", options: [], total_voter_count: 0, is_closed: false, is_anonymous: true, type: "regular", allows_multiple_answers: false } }),
    () => ({ poll_answer: { poll_id: "p", user, option_ids: [0] } }),
    () => ({ chat_join_request: { chat: group, from: user, user_chat_id: user.id, date: now() } }),
    () => ({ my_chat_member: { chat: chatOf(user), from: user, date: now(), old_chat_member: { status: "member", user }, new_chat_member: { status: "kicked", user, until_date: 0 } } }),
    () => ({ my_chat_member: { chat: group, from: user, date: now(), old_chat_member: { status: "left", user }, new_chat_member: { status: "member", user } } }),
    () => ({ chat_member: { chat: group, from: user, date: now(), old_chat_member: { status: "left", user }, new_chat_member: { status: "member", user } } }),
    () => ({ something_new: { from: user, x: 1 } }), // a type Telegram may add one day
    () => ({}), // no known field at all
    () => ({ message: { message_id: nextMessage++, date: now(), chat: group, from: user, text: "/start", entities: [{ type: "bot_command", offset: 0, length: 6 }] } }),
    () => ({ message: { message_id: nextMessage++, date: now(), chat: group, from: user, text: junkText(rng) } }),
    () => ({ channel_post: { message_id: nextMessage++, date: now(), chat: { id: -1009, type: "channel", title: "K" }, text: "/menu" } }),
    () => ({ inline_query: { id: String(nextQuery++), from: user, query: junkText(rng), offset: "" } }),
    () => ({ message_reaction: { chat: chatOf(user), message_id: 1, date: now(), old_reaction: [], new_reaction: [{ type: "emoji", emoji: "👍" }] } }),
    () => ({ pre_checkout_query: { id: String(nextQuery++), from: user, currency: "VND", total_amount: 1, invoice_payload: "x" } }),
    () => ({ business_message: { message_id: nextMessage++, date: now(), chat: chatOf(user), from: user, text: "/start" } }),
  ];
  return { update_id: id, ...rng.pick(choices)() } as Update;
}

/** Callback queries that are not on a message of a private chat (answered all the same). */
export function strayQuery(rng: Rng, tg: FakeTelegram, user: User): Update {
  const group = { id: -100_001, type: "supergroup", title: "G" };
  const message = rng.chance(0.5)
    ? ({ message_id: 1, date: now(), chat: group, from: { id: 1000, is_bot: true, first_name: "bot" }, text: "x" } as unknown as Message)
    : ({ message_id: 77, date: 0, chat: chatOf(user) } as unknown as Message); // an inaccessible (very old) message
  const update = tg.callbackUpdate(user, message, forgedData(rng)) as Update & { callback_query: Record<string, unknown> };
  if (rng.chance(0.3)) {
    delete update.callback_query.message;
    update.callback_query.inline_message_id = "inl1";
  }
  return update;
}
