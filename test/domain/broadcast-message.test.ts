// Announcements as Telegram messages: splitting long texts (UTF-16 lengths,
// never inside an emoji, entities clipped into each piece) and composing the
// header, caption and follow-up messages a recipient gets.
import { describe, expect, it } from "vitest";
import type { MessageEntity } from "grammy/types";
import {
  CAPTION_LIMIT,
  MAX_PARTS,
  TEXT_LIMIT,
  composeBroadcast,
  splitText,
  type BroadcastPart,
  type TextPiece,
} from "../../src/domain/broadcast-message.ts";

const covered = (text: string, entity: MessageEntity) => text.slice(entity.offset, entity.offset + entity.length);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A Vietnamese text of about `length` characters in paragraphs of about 480 characters. */
function vietnameseText(length: number): string {
  const sentence = "Chi hội bản Lác xin thông báo lịch sinh hoạt và đóng góp quỹ khuyến học của tháng này. ";
  const paragraph = sentence.repeat(5).trimEnd();
  const paragraphs: string[] = [];
  while (paragraphs.join("\n\n").length < length) paragraphs.push(`${paragraphs.length + 1}. ${paragraph}`);
  return paragraphs.join("\n\n");
}

function textOf(part: BroadcastPart): string {
  if (part.method === "sendMessage") return part.params.text;
  return part.params.caption ?? "";
}

function entitiesOf(part: BroadcastPart): MessageEntity[] {
  if (part.method === "sendMessage") return part.params.entities ?? [];
  return part.params.caption_entities ?? [];
}

describe("splitText", () => {
  it("returns a text that fits as one piece, unchanged", () => {
    const entities: MessageEntity[] = [
      { type: "bold", offset: 0, length: 4 },
      { type: "text_link", offset: 5, length: 3, url: "https://example.org/" },
    ];
    const pieces = splitText("Họp chi hội", entities, TEXT_LIMIT);
    expect(pieces).toEqual([{ text: "Họp chi hội", entities }]);
  });

  it("returns a text of exactly the limit as one piece", () => {
    const text = "a".repeat(TEXT_LIMIT);
    expect(splitText(text, [], TEXT_LIMIT)).toEqual([{ text, entities: [] }]);
  });

  it("splits a 5,000-character Vietnamese text into two pieces at a paragraph break", () => {
    const text = vietnameseText(5000);
    expect(text.length).toBeGreaterThanOrEqual(5000);
    expect(text.length).toBeLessThan(5600);
    const pieces = splitText(text, [], TEXT_LIMIT);
    expect(pieces).toHaveLength(2);
    const [first, second] = pieces as [TextPiece, TextPiece];
    for (const piece of pieces) expect(piece.text.length).toBeLessThanOrEqual(TEXT_LIMIT);
    // the split is at the last paragraph break that fits
    expect(text.slice(first.text.length, first.text.length + 2)).toBe("\n\n");
    expect(text.lastIndexOf("\n\n", TEXT_LIMIT)).toBe(first.text.length);
    expect(second.text.startsWith("\n")).toBe(false);
    expect(first.text + "\n\n" + second.text).toBe(text);
  });

  it("cuts a bold entity spanning the split into two covering the same characters", () => {
    const text = vietnameseText(5000);
    const breakAt = text.lastIndexOf("\n\n", TEXT_LIMIT);
    const bold: MessageEntity = { type: "bold", offset: breakAt - 20, length: 60 };
    const before: MessageEntity = { type: "italic", offset: 10, length: 5 };
    const after: MessageEntity = { type: "underline", offset: breakAt + 100, length: 7 };
    const pieces = splitText(text, [before, bold, after], TEXT_LIMIT);
    expect(pieces).toHaveLength(2);
    const [first, second] = pieces as [TextPiece, TextPiece];

    expect(first.entities).toEqual([before, { type: "bold", offset: breakAt - 20, length: 20 }]);
    expect(second.entities).toEqual([
      { type: "bold", offset: 0, length: 38 },
      { type: "underline", offset: 98, length: 7 },
    ]);
    const [boldFirst] = first.entities.filter((entity) => entity.type === "bold") as [MessageEntity];
    const [boldSecond] = second.entities.filter((entity) => entity.type === "bold") as [MessageEntity];
    expect(covered(first.text, boldFirst) + "\n\n" + covered(second.text, boldSecond)).toBe(covered(text, bold));
    expect(covered(second.text, second.entities[1] as MessageEntity)).toBe(covered(text, after));
  });

  it("drops an entity lying entirely inside the dropped break", () => {
    const text = "Đoạn một.\n\nĐoạn hai.";
    const pieces = splitText(text, [{ type: "bold", offset: 9, length: 2 }], 12);
    expect(pieces).toEqual([
      { text: "Đoạn một.", entities: [] },
      { text: "Đoạn hai.", entities: [] },
    ]);
  });

  it("keeps the url of a text_link (and other fields) in both parts", () => {
    const text = "Xem hướng dẫn\n\ntại trang của hội";
    const link: MessageEntity = { type: "text_link", offset: 4, length: 21, url: "https://example.org/huong-dan" };
    const code: MessageEntity = { type: "pre", offset: 0, length: 3, language: "text" };
    const pieces = splitText(text, [code, link], 18);
    expect(pieces).toEqual([
      {
        text: "Xem hướng dẫn",
        entities: [code, { type: "text_link", offset: 4, length: 9, url: "https://example.org/huong-dan" }],
      },
      {
        text: "tại trang của hội",
        entities: [{ type: "text_link", offset: 0, length: 10, url: "https://example.org/huong-dan" }],
      },
    ]);
  });

  it("falls back to a line break, then a space, then a hard cut", () => {
    expect(splitText("một hai\nba bốn", [], 10).map((piece) => piece.text)).toEqual(["một hai", "ba bốn"]);
    expect(splitText("một hai ba bốn", [], 10).map((piece) => piece.text)).toEqual(["một hai ba", "bốn"]);
    expect(splitText("abcdefghijklmno", [], 6).map((piece) => piece.text)).toEqual(["abcdef", "ghijkl", "mno"]);
  });

  it("prefers a paragraph break to a later line break, when it is in the second half of the piece", () => {
    const text = "aaaaaaaa\n\nbb\ncc dddd";
    expect(splitText(text, [], 14).map((piece) => piece.text)).toEqual(["aaaaaaaa", "bb\ncc dddd"]);
    // In the first half it would leave a stub: the line break further on is taken instead.
    expect(splitText("aa\n\nbbbbbbbbbb\ncc dddd", [], 16).map((piece) => piece.text)).toEqual(["aa\n\nbbbbbbbbbb", "cc dddd"]);
  });

  it("does not send the header alone when one long paragraph follows it", () => {
    const parts = composeBroadcast("Hà Văn Hùng", { text: "Chữ ".repeat(1250), entities: [], media: null });
    expect(parts).toHaveLength(2);
    const texts = parts.map((p) => (p.method === "sendMessage" ? p.params.text : ""));
    expect(texts[0]!.startsWith("📢 Hà Văn Hùng\nChữ Chữ")).toBe(true);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(TEXT_LIMIT);
  });

  it("splits a text of only emoji without breaking a surrogate pair", () => {
    const text = "a" + "😀".repeat(3000); // 6,001 units: a cut at 4,096 would fall inside a pair
    const entity: MessageEntity = { type: "custom_emoji", offset: 4093, length: 4, custom_emoji_id: "5368324170671202286" };
    const pieces = splitText(text, [entity], TEXT_LIMIT);
    expect(pieces.length).toBe(2);
    const [first, second] = pieces as [TextPiece, TextPiece];
    expect(first.text.length).toBe(TEXT_LIMIT - 1);
    for (const piece of pieces) {
      expect(piece.text.length).toBeLessThanOrEqual(TEXT_LIMIT);
      expect(LONE_SURROGATE.test(piece.text)).toBe(false);
    }
    expect(first.text + second.text).toBe(text);
    expect(first.entities).toEqual([{ ...entity, length: 2 }]);
    expect(second.entities).toEqual([{ ...entity, offset: 0, length: 2 }]);
  });

  it("splits a 20,000-character text into at least five pieces (MAX_PARTS is the service's check)", () => {
    const text = vietnameseText(20000);
    const pieces = splitText(text, [], TEXT_LIMIT);
    expect(pieces.length).toBeGreaterThanOrEqual(5);
    expect(pieces.length).toBeGreaterThan(MAX_PARTS);
    for (const piece of pieces) expect(piece.text.length).toBeLessThanOrEqual(TEXT_LIMIT);
    expect(pieces.map((piece) => piece.text).join("\n\n")).toBe(text);
  });
});

describe("composeBroadcast", () => {
  const name = "Nguyễn Văn An";

  it("sends a text as one message with a bold header naming the sender", () => {
    const parts = composeBroadcast(name, {
      text: "Họp lúc 8 giờ",
      entities: [{ type: "italic", offset: 8, length: 5 }],
      media: null,
    });
    const header = `📢 ${name}\n`;
    expect(parts).toEqual([
      {
        method: "sendMessage",
        params: {
          text: `${header}Họp lúc 8 giờ`,
          entities: [
            { type: "bold", offset: 3, length: name.length },
            { type: "italic", offset: header.length + 8, length: 5 },
          ],
        },
      },
    ]);
    const [part] = parts as [BroadcastPart];
    const [bold, italic] = entitiesOf(part) as [MessageEntity, MessageEntity];
    expect(covered(textOf(part), bold)).toBe(name);
    expect(covered(textOf(part), italic)).toBe("8 giờ");
  });

  it("covers exactly the sender's name with the bold entity, diacritics and emoji included", () => {
    const sender = "Bà Lò Thị Hương 🌸";
    for (const media of [null, { kind: "photo" as const, fileId: "photo-1" }]) {
      const [part] = composeBroadcast(sender, { text: "Chào cả nhà", entities: [], media }) as [BroadcastPart];
      expect(textOf(part)).toBe(`📢 ${sender}\nChào cả nhà`);
      expect(entitiesOf(part)).toEqual([{ type: "bold", offset: 3, length: sender.length }]);
      expect(covered(textOf(part), entitiesOf(part)[0] as MessageEntity)).toBe(sender);
    }
  });

  it("splits a long text into several messages, the header only in the first", () => {
    const text = vietnameseText(5000);
    const parts = composeBroadcast(name, { text, entities: [], media: null });
    expect(parts).toHaveLength(2);
    expect(parts.every((part) => part.method === "sendMessage")).toBe(true);
    const [first, second] = parts as [BroadcastPart, BroadcastPart];
    expect(textOf(first).startsWith(`📢 ${name}\n1. Chi hội`)).toBe(true);
    expect(entitiesOf(first)).toEqual([{ type: "bold", offset: 3, length: name.length }]);
    expect(textOf(second)).not.toContain("📢");
    expect("entities" in second.params).toBe(false);
    expect(textOf(first) + "\n\n" + textOf(second)).toBe(`📢 ${name}\n${text}`);
    for (const part of parts) expect(textOf(part).length).toBeLessThanOrEqual(TEXT_LIMIT);
  });

  it("sends a photo with a short caption as one message", () => {
    const parts = composeBroadcast(name, {
      text: "Ảnh buổi họp",
      entities: [{ type: "underline", offset: 0, length: 3 }],
      media: { kind: "photo", fileId: "photo-1" },
    });
    const header = `📢 ${name}\n`;
    expect(parts).toEqual([
      {
        method: "sendPhoto",
        params: {
          photo: "photo-1",
          caption: `${header}Ảnh buổi họp`,
          caption_entities: [
            { type: "bold", offset: 3, length: name.length },
            { type: "underline", offset: header.length, length: 3 },
          ],
        },
      },
    ]);
  });

  it("sends a photo with a 2,000-character caption as the file with the header, then the text", () => {
    const text = vietnameseText(2000);
    expect(text.length).toBeGreaterThan(CAPTION_LIMIT);
    const bold: MessageEntity = { type: "bold", offset: 3, length: 8 };
    const parts = composeBroadcast(name, { text, entities: [bold], media: { kind: "photo", fileId: "photo-2" } });
    expect(parts).toEqual([
      {
        method: "sendPhoto",
        params: { photo: "photo-2", caption: `📢 ${name}`, caption_entities: [{ type: "bold", offset: 3, length: name.length }] },
      },
      { method: "sendMessage", params: { text, entities: [bold] } },
    ]);
  });

  it("keeps the caption when header and text fill exactly the caption limit", () => {
    const header = `📢 ${name}\n`;
    const text = "a".repeat(CAPTION_LIMIT - header.length);
    const parts = composeBroadcast(name, { text, entities: [], media: { kind: "document", fileId: "doc-0" } });
    expect(parts).toHaveLength(1);
    expect(textOf(parts[0] as BroadcastPart)).toBe(header + text);
    const over = composeBroadcast(name, { text: text + "a", entities: [], media: { kind: "document", fileId: "doc-0" } });
    expect(over.map((part) => part.method)).toEqual(["sendDocument", "sendMessage"]);
  });

  it("sends a document without caption with the header alone, without a trailing line break", () => {
    const parts = composeBroadcast(name, { text: "", entities: [], media: { kind: "document", fileId: "doc-1" } });
    expect(parts).toEqual([
      {
        method: "sendDocument",
        params: { document: "doc-1", caption: `📢 ${name}`, caption_entities: [{ type: "bold", offset: 3, length: name.length }] },
      },
    ]);
  });

  it("gives at least five messages for a 20,000-character text", () => {
    const parts = composeBroadcast(name, { text: vietnameseText(20000), entities: [], media: null });
    expect(parts.length).toBeGreaterThanOrEqual(5);
    for (const part of parts) expect(textOf(part).length).toBeLessThanOrEqual(TEXT_LIMIT);
  });
});
