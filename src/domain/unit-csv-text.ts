// Text-level helpers for the unit-tree CSV import: byte decoding, Vietnamese
// accent folding, and the header / unit-kind vocabularies. Pure, no I/O.
import iconv from "iconv-lite";

import { UNIT_KINDS, type UnitKind } from "./unit-kinds.ts";

export { UNIT_KINDS, type UnitKind };

export type CsvEncoding = "utf-8" | "utf-8-bom" | "windows-1258";

/** Thrown by decodeCsvBytes for files we refuse to guess at (UTF-16, xlsx, binary). */
export class UnsupportedEncodingError extends Error {
  constructor(readonly detected: "utf-16le" | "utf-16be" | "zip" | "binary") {
    super(`unsupported CSV encoding: ${detected}`);
    this.name = "UnsupportedEncodingError";
  }
}

/**
 * UTF-8 (with or without BOM) if the bytes are valid UTF-8, otherwise
 * Windows-1258 (what Vietnamese-locale Excel writes for "CSV"), normalised to
 * NFC because Windows-1258 stores most tone marks as combining characters.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xff && b1 === 0xfe) throw new UnsupportedEncodingError("utf-16le");
  if (b0 === 0xfe && b1 === 0xff) throw new UnsupportedEncodingError("utf-16be");
  // An .xlsx (zip) uploaded instead of a CSV is a common mistake.
  if (b0 === 0x50 && b1 === 0x4b && b2 === 0x03 && b3 === 0x04) throw new UnsupportedEncodingError("zip");
  // NUL never occurs in a text CSV; it means BOM-less UTF-16, .xls or other binary.
  if (bytes.includes(0)) throw new UnsupportedEncodingError("binary");

  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    const text = tryUtf8(bytes.subarray(3));
    if (text !== null) return { text, encoding: "utf-8-bom" };
  }
  const text = tryUtf8(bytes);
  if (text !== null) return { text, encoding: "utf-8" };
  return { text: iconv.decode(Buffer.from(bytes), "windows1258").normalize("NFC"), encoding: "windows-1258" };
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    // ignoreBOM: keep a BOM in the text so we never silently strip one we did not expect.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Lower-case, strip diacritics (đ→d), collapse spaces/underscores/hyphens to one space. */
export function foldVietnamese(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[\s_-]+/g, " ")
    .trim();
}

export const COLUMNS = ["code", "name", "kind", "parent_code"] as const;
export type Column = (typeof COLUMNS)[number];

// Header aliases, already folded (see foldVietnamese).
const COLUMN_ALIASES: Record<Column, readonly string[]> = {
  code: ["code", "unit code", "ma", "ma don vi", "ma dv"],
  name: ["name", "unit name", "ten", "ten don vi", "ten dv"],
  kind: ["kind", "type", "unit kind", "unit type", "loai", "loai don vi", "cap"],
  parent_code: [
    "parent code", "parent", "parent unit code",
    "ma cap tren", "cap tren", "ma don vi cap tren", "ma cha", "ma dv cap tren",
  ],
};

export function columnForHeader(cell: string): Column | null {
  const folded = foldVietnamese(cell);
  for (const column of COLUMNS) if (COLUMN_ALIASES[column].includes(folded)) return column;
  return null;
}

// Kind aliases, already folded. "thành phố"/"thị xã" are taken as district-level
// (a provincial city such as TP Hòa Bình), not as a centrally-governed city.
const KIND_ALIASES: Record<UnitKind, readonly string[]> = {
  PROVINCE: ["province", "tinh", "tinh hoi"],
  DISTRICT: ["district", "huyen", "quan", "thanh pho", "tp", "thi xa", "huyen hoi"],
  COMMUNE: ["commune", "ward", "xa", "phuong", "thi tran", "dac khu"],
  BRANCH: ["branch", "chi hoi", "chi hoi khuyen hoc"],
  SCHOOL_COMMITTEE: ["school committee", "school", "ban khuyen hoc truong", "truong", "truong hoc"],
  AGENCY_COMMITTEE: ["agency committee", "agency", "ban khuyen hoc co quan", "co quan"],
};
const KIND_BY_ALIAS = new Map<string, UnitKind>(
  UNIT_KINDS.flatMap((kind) => KIND_ALIASES[kind].map((alias) => [alias, kind] as const)),
);

// "Huyện", "tinh", "Chi hội", "school_committee", "Hội Khuyến học xã"… → UnitKind, or null.
export function parseUnitKind(raw: string): UnitKind | null {
  const folded = foldVietnamese(raw);
  const direct = KIND_BY_ALIAS.get(folded);
  if (direct) return direct;
  // Also accept the organisation's prefix: "Hội Khuyến học tỉnh", "Hội xã".
  const stripped = folded.replace(/^hoi (khuyen hoc )?/, "");
  return stripped !== folded ? (KIND_BY_ALIAS.get(stripped) ?? null) : null;
}
