// Text helpers for Vietnamese names: normalisation, diacritic-insensitive search keys and
// validation of person / unit names. Error codes only; the bot translates them.

export type NameError = "empty" | "too_long" | "no_letters" | "invalid_characters";
export type NameResult = { ok: true; value: string } | { ok: false; error: NameError };

export const MAX_PERSON_NAME = 100;
export const MAX_UNIT_NAME = 150;

// NFC (so "ễ" typed decomposed equals the precomposed one), trimmed, single spaces; NUL
// characters dropped (PostgreSQL's text cannot hold them).
export function normalizeText(s: string): string {
  return s.replaceAll("\u0000", "").normalize("NFC").trim().replace(/\s+/g, " ");
}

/**
 * Diacritic- and case-insensitive key: searchKey("TÂN  LẠC") === searchKey("tan lac").
 * Vietnamese marks decompose under NFD into U+0300–U+036F; "đ" does not, so it is mapped.
 */
export function searchKey(s: string): string {
  return normalizeText(s)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/đ/g, "d");
}

// Only horizontal blanks are collapsed; a newline or tab inside a name usually means several
// names were pasted at once, so those stay and fail the character check.
const BLANKS = /[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+/g;
// Person names: letters, combining marks, space, apostrophes (ASCII and the ’ phones insert),
// hyphen and dot ("H'Hen Niê", "Nguyễn T. Hương").
const PERSON_CHARS = /^[\p{L}\p{M} '’.-]+$/u;
// Unit names also need digits and ordinary punctuation ("Chi hội thôn 3", "Trường THCS (cũ)").
const UNIT_CHARS = /^[\p{L}\p{M}\p{Nd} '’.,:;()/&+#"“”–—_-]+$/u;

function validateName(input: string, max: number, allowed: RegExp): NameResult {
  const value = input.normalize("NFC").trim().replace(BLANKS, " ");
  if (value === "") return { ok: false, error: "empty" };
  if ([...value].length > max) return { ok: false, error: "too_long" };
  if ((value.match(/\p{L}/gu) ?? []).length < 2) return { ok: false, error: "no_letters" };
  if (!allowed.test(value)) return { ok: false, error: "invalid_characters" };
  return { ok: true, value };
}

/** A person's full name: 2+ letters, ≤ 100 characters, no digits/emoji/control characters. */
export function validatePersonName(input: string): NameResult {
  return validateName(input, MAX_PERSON_NAME, PERSON_CHARS);
}

/** A unit's name (branch, school, club): 2+ letters, ≤ 150 characters, digits allowed. */
export function validateUnitName(input: string): NameResult {
  return validateName(input, MAX_UNIT_NAME, UNIT_CHARS);
}

// "Nguyễn Thị Hương" → "N.T.H."; the first letter of each word, upper-cased.
export function initials(fullName: string): string {
  return normalizeText(fullName)
    .split(" ")
    .map((word) => word.match(/\p{L}\p{M}*/u)?.[0].toUpperCase())
    .filter((c): c is string => c !== undefined)
    .map((c) => `${c}.`)
    .join("");
}

/**
 * A Vietnamese phone number in one canonical shape, "0912345678", whether it
 * was typed ("0912 345 678", "+84 912 345 678", "84912345678") or shared
 * from Telegram's contact button ("84912345678"). Null when it is not one.
 */
export function normalizePhone(input: string): string | null {
  const compact = input.normalize("NFC").replace(/[\s.()-]/g, "");
  const match = /^(?:\+?84|0)(\d{9,10})$/.exec(compact);
  return match ? `0${match[1]}` : null;
}
