// Reliability suite, permissions (issue 9): every command and every button
// the bot has × every role × own unit / a unit under it / another subtree,
// driven through the real bot on one database. The expected answers are the
// hand-written table in permissions-table.ts; a refused cell must show a
// refusal and change nothing in the database. The table is cross-checked
// against the domain rules (can), and against the bot's source: a new
// command or button without a row fails here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_COMMANDS } from "../../src/bot/command-names.ts";
import { actionsAnywhere, can, isAdmin, type Actor } from "../../src/domain/permissions.ts";
import { type BotHarness, t } from "../helpers/bot.ts";
import { startUploadHarness } from "../helpers/stats-harness.ts";
import type { TestChat } from "../helpers/telegram.ts";
import { ACTOR_IDS, buildFixture, COLUMNS, expected, ROWS, UNIT_CODES, type Column, type Fixture, type Letter, type Pos, type Row } from "./permissions-table.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const SRC = path.join(here, "../../src/bot");
const YEAR = 2026;

let h: BotHarness;
let fx: Fixture;
const chats = {} as Record<Column, TestChat>;
const actors = {} as Record<Column, Actor>;

beforeAll(async () => {
  h = await startUploadHarness(); // the fake that takes uploads: exports (xg:) send a file
  for (const column of COLUMNS) {
    if (column !== "stranger" && column !== "root") await h.makeMember(ACTOR_IDS[column], UNIT_CODES.own, column, `Người ${column}`);
  }
  fx = await buildFixture(h, YEAR);
  for (const column of COLUMNS) {
    chats[column] = h.chat({ id: ACTOR_IDS[column] });
    await chats[column].send("/menu"); // a message to press buttons on
    actors[column] = (await h.person(ACTOR_IDS[column])).actor;
  }
}, 60_000);

afterAll(async () => {
  await h?.close();
});

// ---- what a cell did ----

/** Texts that say "no": the common refusals (a record outside one's reach is "not found"). */
const COMMON_REFUSALS = [
  "errors-forbidden", "errors-forbidden-members", "errors-forbidden-coordinators", "import-files-admin-only",
  "errors-not_found", "errors-unit_not_found", "errors-member_not_found", "errors-request_not_found", "errors-drive_not_found",
  "errors-opening_not_found", "errors-case_not_found", "errors-registration_not_found", "errors-evaluation_not_found",
  "errors-report_not_found", "errors-deadline_not_found", "errors-broadcast_not_found",
];

/** E: the "something went wrong" apology; X: another errors-* text (a refusal for some other reason); 0: no answer at all. */
type Observed = Letter | "E" | "X" | "0";

/** The fixed beginning of every errors-* text of the locale (up to its first placeable). */
const ERROR_STARTS = readFileSync(path.join(here, "../../locales/vi.ftl"), "utf8")
  .split("\n")
  .map((line) => /^(errors-[\w-]+) = ([^{]*)/.exec(line))
  .filter((m): m is RegExpExecArray => m !== null && m[2]!.trim().length >= 8)
  .map((m) => ({ key: m[1]!, start: m[2]!.trim() }));

interface CellResult {
  observed: Observed;
  seen: string[];
}

/** Every text the person could read after the action: toasts and alerts, messages, captions. */
function seenBy(chat: TestChat): string[] {
  const mine = (c: { payload: Record<string, unknown> }) => Number(c.payload.chat_id) === chat.id;
  const captions = chat.calls().filter((c) => (c.method === "sendPhoto" || c.method === "sendDocument") && mine(c)).map((c) => `[${c.method}] ${String(c.payload.caption ?? "")}`);
  const edits = chat.calls("editMessageReplyMarkup").filter(mine).map(() => "[editMessageReplyMarkup]");
  return [...chat.callbackTexts(), ...chat.texts(), ...captions, ...edits];
}

function classify(row: Row, seen: string[], calls: number): Observed {
  const refusals = new Set([...COMMON_REFUSALS, ...(row.refusals ?? [])].map((key) => t("vi", key)));
  if (seen.includes(t("vi", "errors-internal"))) return "E";
  if (seen.some((text) => refusals.has(text))) return "n";
  if (seen.includes(t("vi", "stale-button"))) return "s";
  if (seen.some((text) => ERROR_STARTS.some((e) => text.startsWith(e.start)))) return "X";
  return seen.length > 0 || calls > 0 ? "Y" : "0";
}

/** A fingerprint of every table a press could change (sessions aside: they hold the chat's own state). */
async function snapshot(): Promise<string> {
  const tables = [
    "Unit", "Member", "Membership", "Invite", "JoinRequest", "PiggyBankDrive", "PiggyBankYearAllowance", "PiggyBankOpening",
    "SponsorKind", "SponsorshipCase", "SponsorshipEvent", "SponsorshipCheckIn", "SponsorshipSupport", "CriteriaSet", "CriteriaInForce",
    "LearningRegistration", "Evaluation", "EvaluationAnswer", "Report", "ReportValue", "Deadline", "Broadcast", "BroadcastAck", "OutboxMessage",
  ];
  const parts = tables.map((name) => `coalesce((SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) FROM "${name}" t), '-')`);
  const sql = `SELECT md5(concat_ws('|', (SELECT count(*) FROM "AuditLog")::text, ${parts.join(", ")})) AS h`;
  const rows = await h.prisma.$queryRawUnsafe<{ h: string }[]>(sql);
  return rows[0]!.h;
}

async function runCell(row: Row, column: Column, pos: Pos | null): Promise<CellResult> {
  const chat = chats[column];
  const want = expected(row, column, pos);
  const data = await row.trigger(fx, pos, want === "Y" && row.consumes === true);
  if (row.kind === "command") await chat.send(data);
  else await chat.pressData(data);
  const seen = seenBy(chat);
  const observed = classify(row, seen, chat.calls().length);
  // A flow that started waits for an answer: leave it, so that the next cell starts clean.
  if (row.flow && observed !== "n") await chat.send("/cancel");
  return { observed, seen };
}

function cellsOf(row: Row): { column: Column; pos: Pos | null }[] {
  const positions: (Pos | null)[] = row.positions.length > 0 ? row.positions : [null];
  return COLUMNS.flatMap((column) => positions.map((pos) => ({ column, pos })));
}

// ---- the table, through the bot ----

describe("every command and button × every role × own / child / other unit", () => {
  it("the fingerprint of the database notices a change", async () => {
    const before = await snapshot();
    const m = await h.prisma.membership.findUniqueOrThrow({ where: { id: fx.units.other.membershipId } });
    await h.prisma.membership.update({ where: { id: m.id }, data: { role: "REPORTER" } });
    expect(await snapshot()).not.toBe(before);
    await h.prisma.membership.update({ where: { id: m.id }, data: { role: m.role, updatedAt: m.updatedAt } });
    expect(await snapshot()).toBe(before);
  });

  it.each(ROWS.map((row) => [row.name, row] as const))("%s", async (_name, row) => {
    const wrong: string[] = [];
    const check = (column: Column, pos: Pos | null, got: CellResult) => {
      const want = expected(row, column, pos);
      if (got.observed !== want) wrong.push(`${column}${pos ? ` on ${pos}` : ""}: expected ${want}, got ${got.observed} — ${JSON.stringify(got.seen.slice(0, 2)).slice(0, 240)}`);
    };
    // The cells expected to be refused first, between two fingerprints of the database: none of them may change it.
    const cells = cellsOf(row);
    const refused = cells.filter(({ column, pos }) => expected(row, column, pos) !== "Y");
    const before = await snapshot();
    for (const { column, pos } of refused) check(column, pos, await runCell(row, column, pos));
    if ((await snapshot()) !== before) wrong.push(`the database changed while refusing ${refused.map(({ column, pos }) => `${column}${pos ? ` on ${pos}` : ""}`).join(", ")}`);
    for (const { column, pos } of cells.filter((c) => !refused.includes(c))) check(column, pos, await runCell(row, column, pos));
    expect(wrong).toEqual([]);
  });
});

// ---- the table against the domain rules ----

/** What the domain rules say for a cell, for the rows whose need they decide. */
function domainSays(row: Row, column: Column, pos: Pos | null): boolean | null {
  const actor = actors[column];
  const need = row.need;
  if (need === "anyone") return true;
  if (need === "member") return actor.roles.length > 0 || isAdmin(actor);
  if (need === "admin") return isAdmin(actor);
  if (need === "nobody" || need === "sender" || need === "recipient") return null;
  if (pos === null) return actionsAnywhere(actor).has(need.action);
  const unit = unitRefs[pos]!;
  return can(actor, need.action, unit);
}

const unitRefs: Partial<Record<Pos, { id: number; path: string }>> = {};

describe("the table agrees with the domain rules (test/domain/permissions.test.ts)", () => {
  beforeAll(async () => {
    for (const pos of ["own", "child", "other"] as Pos[]) {
      const u = await h.unit(UNIT_CODES[pos]);
      unitRefs[pos] = { id: u.id, path: u.path };
    }
  });

  it("the positions are what the domain table calls self, ancestor and sibling", () => {
    expect(unitRefs.child!.path.startsWith(unitRefs.own!.path)).toBe(true);
    expect(unitRefs.other!.path.startsWith(unitRefs.own!.path)).toBe(false);
    expect(unitRefs.own!.path.startsWith(unitRefs.other!.path)).toBe(false);
  });

  it("every row without a stated divergence expects exactly what can() answers", () => {
    const disagree: string[] = [];
    for (const row of ROWS.filter((r) => r.divergence === undefined)) {
      for (const { column, pos } of cellsOf(row)) {
        const says = domainSays(row, column, pos);
        if (says === null) continue;
        const want = expected(row, column, pos) === "Y";
        if (want !== says) disagree.push(`${row.name} ${column}${pos ? ` on ${pos}` : ""}: table ${want ? "Y" : "n"}, domain ${says ? "Y" : "n"}`);
      }
    }
    expect(disagree).toEqual([]);
  });

  it("the rows that differ from the domain rules are exactly these, each with its reason", () => {
    const diverging = ROWS.filter((r) => r.divergence !== undefined).map((r) => r.name).sort();
    expect(diverging).toEqual(["bl", "dv:", "dy:", "impgo", "impno", "imx", "ru:", "si:", "sx:", "xt:"].sort());
  });
});

// ---- the table against the source: no command or button without a row ----

function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(dir).filter((f) => f.endsWith(".ts")).map((f) => ({ file: f, text: readFileSync(path.join(dir, f), "utf8") }));
}

/** The first argument of each `.callbackQuery(` in a file, as a RegExp (strings: exact). */
function handlerPatterns(file: string, text: string): { label: string; re: RegExp }[] {
  const out: { label: string; re: RegExp }[] = [];
  const consts = new Map<string, string>();
  for (const m of text.matchAll(/const (\w+) = (\/(?:\\.|[^/\n])+\/|"[^"]*");/g)) consts.set(m[1]!, m[2]!);
  const exact = (s: string) => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
  const literal = (src: string): RegExp => (src.startsWith("/") ? new RegExp(src.slice(1, src.lastIndexOf("/"))) : exact(JSON.parse(src) as string));
  for (const m of text.matchAll(/\.callbackQuery\(\s*(\/(?:\\.|[^/\n])+\/|"[^"]*"|new RegExp\(`[^`]*`\)|\w+)\s*,/g)) {
    const arg = m[1]!;
    const label = `${file}: ${arg}`;
    if (arg.startsWith("/") || arg.startsWith('"')) out.push({ label, re: literal(arg) });
    else if (arg.startsWith("new RegExp")) {
      const body = arg.slice("new RegExp(`".length, -2).replace(/\$\{(\w+)\}/g, (_, name: string) => {
        const value = consts.get(name);
        if (value === undefined) throw new Error(`${label}: unknown constant ${name}`);
        return JSON.parse(value) as string;
      });
      out.push({ label, re: new RegExp(body) });
    } else if (consts.has(arg)) out.push({ label, re: literal(consts.get(arg)!) });
    else {
      // A loop variable: `for (const [pattern, …] of list)` over a `const list … = [[/re/, …], …]`.
      const loop = new RegExp(`for \\(const \\[${arg}\\b[^\\]]*\\] of (\\w+)\\)`).exec(text);
      const list = loop ? new RegExp(`const ${loop[1]}\\b[^=]*= \\[([\\s\\S]*?)\\];`).exec(text) : null;
      if (!list) throw new Error(`${label}: cannot tell which callback data this handles`);
      for (const r of list[1]!.matchAll(/\/(?:\\.|[^/\n])+\//g)) out.push({ label: `${file}: ${r[0]}`, re: literal(r[0]) });
    }
  }
  return out;
}

describe("the table covers every command and button of the source", () => {
  const features = sources(path.join(SRC, "features"));
  const handlers = features.flatMap(({ file, text }) => handlerPatterns(file, text));
  const commands = new Set(features.flatMap(({ text }) => [...text.matchAll(/\.command\("(\w+)"/g)].map((m) => m[1]!)));

  it("finds the handlers and the error texts (the parsers work)", () => {
    expect(ERROR_STARTS.length).toBeGreaterThan(50);
    expect(handlers.length).toBeGreaterThan(100);
    expect(commands.size).toBeGreaterThan(15);
  });

  it("every command registered, and every command of the command lists, has a row", () => {
    const rows = new Set(ROWS.filter((r) => r.kind === "command").map((r) => r.name.slice(1)));
    const missing = [...new Set([...commands, ...ALL_COMMANDS, "cancel"])].filter((c) => !rows.has(c));
    expect(missing).toEqual([]);
    const unknown = [...rows].filter((c) => !commands.has(c) && c !== "cancel");
    expect(unknown).toEqual([]); // /cancel is handled by the flows' middleware, before the features
  });

  it("every callbackQuery handler is pressed by some row", async () => {
    const samples = await Promise.all(ROWS.filter((r) => r.kind === "button").map(async (r) => r.trigger(fx, r.positions[0] ?? null, false)));
    const missing = handlers.filter((hd) => !samples.some((s) => hd.re.test(s))).map((hd) => hd.label);
    expect(missing).toEqual([]);
  });

  it("every button row is handled by a handler, or is one of the outdated kind", async () => {
    const dead: string[] = [];
    for (const row of ROWS.filter((r) => r.kind === "button" && r.need !== "nobody")) {
      const sample = await row.trigger(fx, row.positions[0] ?? null, false);
      if (!handlers.some((hd) => hd.re.test(sample))) dead.push(`${row.name} (${sample})`);
    }
    expect(dead).toEqual([]);
  });

  it("every callback data the bot puts on a button is handled (or is a flow's own f: button)", () => {
    const emitted = new Set<string>();
    for (const dir of ["features", "conversations"]) {
      for (const { text } of sources(path.join(SRC, dir))) {
        // `xx:${…}` templates and "literal" second arguments of .text(…)
        for (const m of text.matchAll(/(value: )?`([a-zA-Z]{1,5}):\$\{/g)) if (!m[1]) emitted.add(`${m[2]}:`); // values of a flow's choices are f: buttons
        for (const m of text.matchAll(/\.text\([^;]*?,\s*"([a-zA-Z][\w:]*)"\)/g)) emitted.add(m[1]!);
      }
    }
    const unhandled = [...emitted].filter((data) => data !== "f:" && !data.startsWith("f:"))
      .filter((data) => !handlers.some((hd) => (data.endsWith(":") ? prefixOf(hd.re, data) : hd.re.test(data))));
    expect(unhandled).toEqual([]);
    expect(emitted.size).toBeGreaterThan(60);
  });
});

/** Whether a pattern's source begins with the literal prefix, allowing grouped letters (^l([tj]):, ^(r[pst]):). */
function prefixOf(re: RegExp, prefix: string): boolean {
  const tries = [prefix + "1", prefix + "2026", prefix + "1:1", prefix + "1:2026", prefix + "1:2026:1", prefix + "1:1:1", prefix + "1:2026:H1", prefix + "1:2026:H1:1", prefix + "1:2026:H1:1:x", prefix + "1:a", prefix + "1:REPORTER", prefix + "1:0", prefix + "1:name:a", prefix + "1:1:a"];
  return tries.some((s) => re.test(s));
}
