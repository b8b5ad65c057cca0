// Amounts of money (integer đồng) and plain counts, as Vietnamese users type them.
// Convention (DOMAIN.md): the dot groups thousands, the comma is the decimal mark.
// Pure: no I/O, no user-facing text — errors are codes that the bot translates.

export type NumberError = "empty" | "invalid" | "negative" | "too_large" | "fraction";
export type ParseResult = { ok: true; value: number } | { ok: false; error: NumberError };

/** Largest accepted value: well below Number.MAX_SAFE_INTEGER (~9·10^15), far above any fund. */
export const MAX_AMOUNT = 10 ** 15;
const MAX_BIG = BigInt(MAX_AMOUNT);

// Multiplier words, with and without diacritics.
const UNIT_MULT: Record<string, bigint> = {
  k: 1_000n, ng: 1_000n, nghìn: 1_000n, nghin: 1_000n, ngàn: 1_000n, ngan: 1_000n,
  tr: 1_000_000n, triệu: 1_000_000n, trieu: 1_000_000n,
  tỷ: 1_000_000_000n, tỉ: 1_000_000_000n, ty: 1_000_000_000n, ti: 1_000_000_000n,
  // English, for those who chose it ("1.5 million", "500 thousand", "2bn").
  thousand: 1_000n, million: 1_000_000n, mil: 1_000_000n, m: 1_000_000n, billion: 1_000_000_000n, bn: 1_000_000_000n,
};
// Longest first, so "triệu" is not read as "tr" followed by garbage.
const UNIT_WORD = new RegExp(Object.keys(UNIT_MULT).sort((a, b) => b.length - a.length).join("|"), "y");
// A number token: digits, optionally grouped by "." or " ", optionally ",decimals".
const NUMBER = /\d+(?:[. ]\d+)*(?:,\d+)?/y;
// Currency words people append; stripped once from the end.
const CURRENCY_SUFFIX = /\s*(?:vnđ|vnd|đồng|dong|đ|₫)$/;

type Num = { int: bigint; frac: string };
type Token = { kind: "num"; raw: string } | { kind: "unit"; mult: bigint };

/** NFC (decomposed diacritics come from some keyboards), lower-case, one plain space. */
function prepare(input: string): string {
  return input.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Splits a leading minus (ASCII or U+2212) so that "-5" can be reported as "negative". */
function splitSign(s: string): { negative: boolean; body: string } {
  const m = /^[-−]\s*/.exec(s);
  return m ? { negative: true, body: s.slice(m[0].length) } : { negative: false, body: s };
}

/**
 * Reads one number token. `decimalDot` allows "1.5" (one dot, 1–2 digits) to mean 1,5 —
 * only before a multiplier word, where "1.5 triệu" is unambiguous; "1.500" stays 1500.
 */
function readNumber(raw: string, decimalDot: boolean): Num | undefined {
  const [intRaw = "", fracRaw] = raw.split(",");
  const groups = intRaw.split(/[. ]/);
  if (groups.length === 1) return { int: BigInt(intRaw), frac: fracRaw ?? "" };
  if (intRaw.includes(".") && intRaw.includes(" ")) return undefined; // mixed separators
  const [first = "", ...rest] = groups;
  if (decimalDot && fracRaw === undefined && intRaw.includes(".") && rest.length === 1 && rest[0]!.length <= 2) {
    return { int: BigInt(first), frac: rest[0]! };
  }
  if (first.length > 3 || rest.some((g) => g.length !== 3)) return undefined;
  return { int: BigInt(groups.join("")), frac: fracRaw ?? "" };
}

/** int,frac × mult in whole đồng, or undefined when the result is not whole. */
function scale(n: Num, mult: bigint): bigint | undefined {
  const den = 10n ** BigInt(n.frac.length);
  const fracPart = BigInt(n.frac || "0") * mult;
  return fracPart % den === 0n ? n.int * mult + fracPart / den : undefined;
}

function tokenize(s: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === " ") { i++; continue; }
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(s);
    if (num) { tokens.push({ kind: "num", raw: num[0] }); i = NUMBER.lastIndex; continue; }
    UNIT_WORD.lastIndex = i;
    const word = UNIT_WORD.exec(s);
    // The unit must end the word: "ngh" or "tyx" are not units.
    if (!word || /\p{L}/u.test(s[UNIT_WORD.lastIndex] ?? "")) return undefined;
    tokens.push({ kind: "unit", mult: UNIT_MULT[word[0]]! });
    i = UNIT_WORD.lastIndex;
  }
  return tokens;
}

/**
 * Grammar: NUMBER | (NUMBER UNIT)+ [DIGITS], with units strictly decreasing
 * ("1 tỷ 200 triệu", "1tr500k"). Trailing bare digits continue the last unit the way
 * people write it: "1tr5" = 1,5 triệu, "1ty2" = 1,2 tỷ, "1tr250" = 1.250.000.
 */
function parseBody(s: string): { value: bigint } | { error: "invalid" | "fraction" } {
  const tokens = tokenize(s);
  if (!tokens || tokens.length === 0 || tokens[0]!.kind !== "num") return { error: "invalid" };
  if (tokens.length === 1) {
    const n = readNumber(tokens[0]!.raw, false);
    if (!n) return { error: "invalid" };
    const v = scale(n, 1n);
    return v === undefined ? { error: "fraction" } : { value: v };
  }
  let total = 0n;
  let prev: { mult: bigint; num: Num } | undefined;
  for (let t = 0; t < tokens.length; t += 2) {
    const numTok = tokens[t]!;
    const unitTok = tokens[t + 1];
    if (numTok.kind !== "num") return { error: "invalid" };
    let term: bigint | undefined;
    if (unitTok === undefined) {
      // Shorthand digits after the last unit: plain digits, at most as many as the unit has
      // zeros, and only after a whole number ("1,5tr5" means nothing).
      const maxDigits = prev!.mult.toString().length - 1;
      if (!/^\d+$/.test(numTok.raw) || numTok.raw.length > maxDigits || prev!.num.frac !== "") {
        return { error: "invalid" };
      }
      term = scale({ int: 0n, frac: numTok.raw }, prev!.mult);
    } else {
      const n = readNumber(numTok.raw, true);
      if (unitTok.kind !== "unit" || !n) return { error: "invalid" };
      if (prev && unitTok.mult >= prev.mult) return { error: "invalid" }; // "1tr5tr"
      term = scale(n, unitTok.mult);
      // In "1 tỷ 200 triệu" each later part must be smaller than the unit before it.
      if (term !== undefined && prev && term >= prev.mult) return { error: "invalid" };
      prev = { mult: unitTok.mult, num: n };
    }
    if (term === undefined) return { error: "fraction" };
    total += term;
  }
  return { value: total };
}

function finish(negative: boolean, r: ReturnType<typeof parseBody>): ParseResult {
  if ("error" in r) return { ok: false, error: r.error };
  if (negative && r.value !== 0n) return { ok: false, error: "negative" };
  if (r.value > MAX_BIG) return { ok: false, error: "too_large" };
  return { ok: true, value: Number(r.value) };
}

// Parses an amount of money into whole đồng ("1.500.000đ", "1,5 triệu", "1tr5", "500k", "2 tỷ").
export function parseAmount(input: string, locale: "vi" | "en" = "vi"): ParseResult {
  const s = prepare(englishGrouping(input, locale));
  if (s === "") return { ok: false, error: "empty" };
  const { negative, body } = splitSign(s.replace(CURRENCY_SUFFIX, ""));
  return finish(negative, parseBody(body));
}

/** Parses a non-negative whole count ("1.234", "1 234", "12"). No multiplier words. */
export function parseCount(input: string, locale: "vi" | "en" = "vi"): ParseResult {
  const s = prepare(englishGrouping(input, locale));
  if (s === "") return { ok: false, error: "empty" };
  const { negative, body } = splitSign(s);
  NUMBER.lastIndex = 0;
  const m = NUMBER.exec(body);
  if (!m || m[0] !== body) return { ok: false, error: "invalid" };
  return finish(negative, parseBody(body));
}

// The bot shows English amounts as "1,500,000 VND", so an English speaker
// may type them that way: commas between groups of exactly three digits are
// thousands separators there. Anything else keeps the Vietnamese reading
// ("1,5" stays one and a half).
const ENGLISH_GROUPED = /^(\s*[+-]?\d{1,3})((?:,\d{3})+)(?=\s*(?:[^\d.,\s]|$))/;
function englishGrouping(input: string, locale: "vi" | "en"): string {
  if (locale !== "en") return input;
  return input.replace(ENGLISH_GROUPED, (_, head: string, groups: string) => head + groups.replace(/,/g, ""));
}

/** Groups digits by three with `sep`; `value` is rounded to whole đồng. */
function group(value: number, sep: string): string {
  const digits = Math.abs(Math.round(value)).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return (value < 0 && grouped !== "0" ? "-" : "") + grouped;
}

/**
 * "1.500.000 ₫" (vi) or "1,500,000 VND" (en). Built by hand rather than with Intl because
 * Intl inserts a non-breaking / narrow space before the symbol, which makes test strings and
 * Telegram copy-paste unpredictable; we always use an ordinary U+0020 space.
 */
export function formatAmount(value: number, locale: "vi" | "en"): string {
  if (!Number.isFinite(value)) throw new RangeError(`formatAmount: not a finite number: ${value}`);
  return locale === "vi" ? `${group(value, ".")} ₫` : `${group(value, ",")} VND`;
}

/**
 * "1,5" alone is ambiguous (1.5 dong, or 1.5 million as people often mean):
 * the reading in millions, for the bot to offer as a choice.
 */
export function readAsMillions(input: string): ParseResult {
  return parseAmount(`${input.trim()} tr`);
}
