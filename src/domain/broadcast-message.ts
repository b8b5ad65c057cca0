// How an announcement becomes Telegram messages (issue 7): a bold header line
// with the sender's name, then the text as typed (with its formatting, i.e.
// Telegram's entities); a text longer than Telegram's 4,096 characters is
// split at paragraph, line or word breaks into several messages, each with
// its own entities. With a photo or document the text is its caption when it
// fits in 1,024 characters; otherwise the file goes first with the header as
// caption and the text follows in messages of its own.
// Lengths and offsets are in UTF-16 code units, as Telegram counts them.
import type { MessageEntity } from "grammy/types";

export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;
/** More messages per recipient than this: the announcement is refused as too long. */
export const MAX_PARTS = 4;

export interface BroadcastMedia {
  kind: "photo" | "document";
  /** Telegram's file_id, as received from the sender */
  fileId: string;
}

export interface BroadcastContent {
  /** the text, or the caption of the photo / document ("" for none) */
  text: string;
  entities: MessageEntity[];
  media: BroadcastMedia | null;
}

export type BroadcastPart =
  | { method: "sendMessage"; params: { text: string; entities?: MessageEntity[]; link_preview_options?: { is_disabled: boolean } } }
  | { method: "sendPhoto"; params: { photo: string; caption?: string; caption_entities?: MessageEntity[] } }
  | { method: "sendDocument"; params: { document: string; caption?: string; caption_entities?: MessageEntity[] } };

export interface TextPiece {
  text: string;
  entities: MessageEntity[];
}

/**
 * Splits `text` into pieces of at most `limit` UTF-16 units: at the last
 * paragraph break ("\n\n") that fits, else the last line break, else the last
 * space, else anywhere (never inside a surrogate pair); a break in the first
 * half of the piece does not count (no stub messages). The break characters
 * at a split are dropped; pieces are not trimmed otherwise. Entities are
 * clipped to each piece and shifted; an entity crossing a split continues in
 * the next piece; empty clipped entities are dropped.
 */
export function splitText(text: string, entities: readonly MessageEntity[], limit: number): TextPiece[] {
  if (text.length <= limit) return [{ text, entities: entities.map((entity) => ({ ...entity })) }];
  const pieces: TextPiece[] = [];
  let start = 0;
  while (text.length - start > limit) {
    const { end, next } = findSplit(text, start, limit);
    pieces.push({ text: text.slice(start, end), entities: clipEntities(entities, start, end) });
    start = next;
  }
  pieces.push({ text: text.slice(start), entities: clipEntities(entities, start, text.length) });
  return pieces;
}

/** Where the piece starting at `start` ends, and where the next one begins (after the dropped break). */
function findSplit(text: string, start: number, limit: number): { end: number; next: number } {
  const last = start + limit; // the piece is text[start, end) with end <= last
  // A break in the first half would leave a stub of a message (e.g. the header alone): look for the next kind.
  const earliest = start + Math.floor(limit / 2);
  for (const separator of ["\n\n", "\n", " "]) {
    const at = text.lastIndexOf(separator, last);
    if (at > earliest) return { end: at, next: at + separator.length };
  }
  let end = last;
  if (isHighSurrogate(text.charCodeAt(end - 1)) && isLowSurrogate(text.charCodeAt(end))) end -= 1;
  if (end <= start) end = Math.min(start + Math.max(limit, 2), text.length); // limit too small for a pair
  return { end, next: end };
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The entities' parts inside text[start, end), with offsets relative to `start`. */
function clipEntities(entities: readonly MessageEntity[], start: number, end: number): MessageEntity[] {
  const clipped: MessageEntity[] = [];
  for (const entity of entities) {
    const from = Math.max(entity.offset, start);
    const to = Math.min(entity.offset + entity.length, end);
    if (to > from) clipped.push({ ...entity, offset: from - start, length: to - from });
  }
  return clipped;
}

const HEADER_MARK = "📢 ";

/** The messages one recipient gets, in order (at least one). */
export function composeBroadcast(senderName: string, content: BroadcastContent): BroadcastPart[] {
  const header = `${HEADER_MARK}${senderName}\n`;
  const headerEntities: MessageEntity[] =
    senderName.length > 0 ? [{ type: "bold", offset: HEADER_MARK.length, length: senderName.length }] : [];
  // the header alone, as a caption or message: without its line break
  const headerOnly: TextPiece = {
    text: header.slice(0, -1),
    entities: clipEntities(headerEntities, 0, header.length - 1),
  };
  const full: TextPiece =
    content.text === ""
      ? headerOnly
      : {
          text: header + content.text,
          entities: [
            ...headerEntities,
            ...content.entities.map((entity) => ({ ...entity, offset: entity.offset + header.length })),
          ],
        };
  const media = content.media;
  if (!media) return splitText(full.text, full.entities, TEXT_LIMIT).map(textMessage);
  if (full.text.length <= CAPTION_LIMIT) return [fileMessage(media, full)];
  return [fileMessage(media, headerOnly), ...splitText(content.text, content.entities, TEXT_LIMIT).map(textMessage)];
}

function textMessage(piece: TextPiece): BroadcastPart {
  return {
    method: "sendMessage",
    params: piece.entities.length > 0 ? { text: piece.text, entities: piece.entities } : { text: piece.text },
  };
}

function fileMessage(media: BroadcastMedia, caption: TextPiece): BroadcastPart {
  const captionParams = caption.entities.length > 0
    ? { caption: caption.text, caption_entities: caption.entities }
    : { caption: caption.text };
  return media.kind === "photo"
    ? { method: "sendPhoto", params: { photo: media.fileId, ...captionParams } }
    : { method: "sendDocument", params: { document: media.fileId, ...captionParams } };
}
