// Pictures drawn inside the process: SVG built here, rendered to PNG by resvg
// with the fonts we ship (Be Vietnam Pro, every Vietnamese diacritic), never
// the machine's fonts, so a certificate looks the same everywhere. resvg
// silently draws no text at all when it has no font, hence the explicit files.
import { createRequire } from "node:module";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";

const require = createRequire(import.meta.url);
const FONT_DIR = path.dirname(require.resolve("@expo-google-fonts/be-vietnam-pro/package.json"));

export const FONT_FAMILY = "Be Vietnam Pro";
export const FONT_FILES = ["400Regular/BeVietnamPro_400Regular.ttf", "600SemiBold/BeVietnamPro_600SemiBold.ttf", "700Bold/BeVietnamPro_700Bold.ttf", "400Regular_Italic/BeVietnamPro_400Regular_Italic.ttf"]
  .map((file) => path.join(FONT_DIR, file));

/** Text for SVG: composed Unicode (NFC: one code point per accented letter), XML-escaped. */
export function svgText(text: string): string {
  return text.normalize("NFC").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * Roughly how wide a line of this text is at this size, in the same unit:
 * Be Vietnam Pro's letters average a little over half an em (capitals more).
 * Good enough to shrink a long name until it fits, not to typeset.
 */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text.normalize("NFC")) {
    if (ch === " ") em += 0.28;
    else if (/[A-ZĐÀ-Ỹ]/u.test(ch) && ch === ch.toUpperCase() && ch !== ch.toLowerCase()) em += 0.7;
    else if (/[.,:;'’()·\-–/|!]/u.test(ch)) em += 0.3;
    else em += 0.56;
  }
  return em * size * (bold ? 1.06 : 1);
}

/** The largest size up to `size` at which the text fits in `width` (not below `min`). */
export function fitSize(text: string, size: number, width: number, bold = false, min = 12): number {
  const wide = textWidth(text, size, bold);
  return wide <= width ? size : Math.max(min, Math.floor((size * width) / wide));
}

/** Splits text into at most `lines` lines of at most `width` at this size, on spaces; the last line keeps the rest. */
export function wrapText(text: string, size: number, width: number, lines: number, bold = false): string[] {
  const words = text.normalize("NFC").split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let line = "";
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size, bold) > width && out.length < lines - 1) {
      out.push(line);
      line = word;
    } else line = next;
  }
  if (line) out.push(line);
  return out;
}

/** SVG → PNG with the shipped fonts, at the SVG's own size (or scaled to `width`). */
export function renderPng(svg: string, width?: number): Buffer {
  const resvg = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    fitTo: width ? { mode: "width", value: width } : { mode: "original" },
    background: "white",
  });
  return resvg.render().asPng();
}
