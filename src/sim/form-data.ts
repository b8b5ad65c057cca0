// Decoding what a Bot API client sends: multipart/form-data (file uploads),
// form fields coerced to the JSON types Telegram would read, MIME guesses.

const MIME: Record<string, string> = {
  csv: "text/csv", txt: "text/plain", json: "application/json", pdf: "application/pdf", png: "image/png",
  jpg: "image/jpeg", jpeg: "image/jpeg", xls: "application/vnd.ms-excel", zip: "application/zip",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};
/** Guesses a MIME type from a file name's extension (Telegram does the same for documents). */
export function guessMime(name: string): string {
  return MIME[name.split(".").pop()?.toLowerCase() ?? ""] ?? "application/octet-stream";
}


/** Form fields that are always strings; other form values are coerced (numbers, booleans, JSON). */
const STRING_FIELDS = new Set(["text", "caption", "callback_query_id", "data", "url", "title", "description", "query",
  "file_id", "parse_mode", "action", "name", "short_description", "phone_number", "secret_token", "language_code", "first_name", "last_name"]);
export function coerce(key: string, v: string): unknown {
  if (STRING_FIELDS.has(key)) return v;
  if (/^-?\d{1,15}$/.test(v)) return Number(v);
  if (v === "true" || v === "false") return v === "true";
  if (/^\s*[[{]/.test(v)) {
    try { return JSON.parse(v) as unknown; } catch { return v; }
  }
  return v;
}


/** Minimal multipart/form-data parser (tolerates grammY's unquoted filename and header spacing). */
export function parseMultipart(body: Buffer, boundary: string): { name: string; filename?: string; type?: string; data: Buffer }[] {
  const parts: { name: string; filename?: string; type?: string; data: Buffer }[] = [];
  const delim = Buffer.from(`\r\n--${boundary}`);
  let pos = body.indexOf(`--${boundary}`);
  if (pos < 0) throw new Error("no boundary");
  pos += boundary.length + 2;
  for (;;) {
    if (body[pos] === 45 && body[pos + 1] === 45) break; // closing "--"
    if (body[pos] === 13 && body[pos + 1] === 10) pos += 2;
    const end = body.indexOf(delim, pos);
    if (end < 0) throw new Error("unterminated part");
    const part = body.subarray(pos, end);
    const sep = part.indexOf("\r\n\r\n");
    const headers = new Map<string, string>();
    for (const line of part.subarray(0, sep < 0 ? 0 : sep).toString("utf8").split("\r\n")) {
      const i = line.indexOf(":");
      if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
    }
    const params = new Map<string, string>();
    for (const kv of (headers.get("content-disposition") ?? "").split(";").slice(1)) {
      const m = /^\s*([\w*]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|(.*?))\s*$/.exec(kv);
      if (m?.[1]) params.set(m[1].toLowerCase(), m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : (m[3] ?? ""));
    }
    const filename = params.get("filename");
    const type = headers.get("content-type");
    parts.push({ name: params.get("name") ?? "", ...(filename !== undefined ? { filename } : {}), ...(type ? { type } : {}), data: sep < 0 ? Buffer.alloc(0) : part.subarray(sep + 4) });
    pos = end + delim.length;
  }
  return parts;
}
