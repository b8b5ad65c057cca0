// Test data in the encodings Vietnamese spreadsheets arrive in.
import iconv from "iconv-lite";

/**
 * What a Windows-1258 encoder (Excel, Notepad) produces: base letters with
 * circumflex/breve/horn stay precomposed, tone marks become combining
 * characters. iconv-lite's encoder cannot do this itself: it turns a
 * precomposed letter with a tone mark into "?".
 */
export function encodeWindows1258(text: string): Uint8Array {
  const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
  const prepared = [...text.normalize("NFC")]
    .map((ch) => {
      const nfd = ch.normalize("NFD");
      return nfd.replace(TONES, "").normalize("NFC") + (nfd.match(TONES) ?? []).join("");
    })
    .join("");
  const bytes = iconv.encode(prepared, "windows1258");
  if (bytes.includes(0x3f) && !text.includes("?")) throw new Error(`cannot encode in Windows-1258: ${text}`);
  return new Uint8Array(bytes);
}
