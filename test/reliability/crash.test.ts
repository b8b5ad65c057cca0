// Kill -9 (issue 9, reliability suite): the real bot (`src/main.ts`) as a child process,
// polling the fake Bot API over HTTP through a proxy (crash-support.ts) that can hold a call
// or delay its answer, on a PGlite directory and, when TEST_DATABASE_URL is set, on a fresh
// PostgreSQL database. The bot is killed with SIGKILL at chosen moments and started again on
// the same database:
//  1. a reporter halfway through the piggy-bank opening form: killed right after an answer was
//     acknowledged, killed in the middle of handling an answer whose update Telegram had not
//     been told about yet (it comes again), killed after the final "Send" was handled but before
//     its update was confirmed (it comes again): the form resumes at the next question each
//     time, the summary shows every answer, the opening is recorded once;
//  2. a bug found (reported, shown by `it.fails` until fixed): the runner confirms an update
//     to Telegram as soon as it is fetched, so an update being handled at the kill is never
//     delivered again; and a "Send" whose opening was written but whose chat state was not
//     comes again after the restart and records the opening once (its submission key);
//  3. a coordinator's broadcast to 80 members, with every send's answer delayed so that the
//     outbox has 16 in flight: killed mid-way, restarted with OUTBOX_STALE_SECONDS=2: everyone
//     gets it, the only duplicates are messages that were in flight at the kill (at most 16),
//     and the summary is made once.
import type { Message } from "grammy/types";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from "vitest";
import { summaryText } from "../../src/bot/conversations/broadcast-text.ts";
import { formatDate, schoolYearLabel, schoolYearOf, vietnamToday } from "../../src/domain/dates.ts";
import { formatAmount } from "../../src/domain/money.ts";
import { createServices } from "../../src/services/index.ts";
import { seedExampleTree } from "../../src/services/unit-import.ts";
import type { Role } from "../../src/domain/permissions.ts";
import { chatDriver, withButton } from "../e2e/chat.ts";
import { buttonsOf, fromLocale, hasButton, killAll, t, tempDir, type Child } from "../e2e/support.ts";
import { TEST_DATABASES } from "../helpers/db.ts";
import { FakeBotApi, type FakeUser } from "../helpers/fake-bot-api.ts";
import { letters } from "../helpers/people.ts";
import { BotApiProxy, childDatabase, kill9, startBotChild, waitHandled, wasHandled, withDatabase, type ChildDatabase } from "./crash-support.ts";

const ADMIN = 1;
const tr = (key: string, vars?: Record<string, string | number>) => t("vi", key, vars);
const vnd = (n: number) => formatAmount(n, "vi");
const user = (id: number, first_name: string): FakeUser => ({ id, first_name, language_code: "vi" });

// Reporters, each with a drive of 120 banks in their own branch; the coordinator of Kim Bôi and its members.
const R1 = user(201, "Hoa");
const R2 = user(202, "Lan");
const R3 = user(203, "Mai");
const REPORTERS = [
  { u: R1, name: "Bùi Thị Hoa", unit: "HB-TL-MD-01" },
  { u: R2, name: "Đinh Thị Lan", unit: "HB-TL-MD-02" },
  { u: R3, name: "Lò Thị Mai", unit: "HB-MC-CC-01" },
];
const COORD = user(301, "Điều");
const MEMBERS = 80;
const FIRST_MEMBER = 10_000;
const MAX_IN_FLIGHT = 16; // the outbox sender's default maxInFlight (src/delivery/outbox-sender.ts)
const TEXT = "Kính gửi các hội viên: họp tổng kết năm học vào 8 giờ sáng Chủ nhật tại nhà văn hoá thị trấn Bo.";

interface Figures { opened: number; collected: number; schCount: number; schAmount: number; supplies: number; fund: number }

describe.each(TEST_DATABASES)("kill -9 of the bot on %s, then a restart on the same database", (kind) => {
  const api = new FakeBotApi({ token: `123456:kill-nine-reliability-test-token-${kind}` });
  const proxy = new BotApiProxy(() => api.apiRoot);
  const tmp = tempDir(`crash-${kind}-`);
  const { reply, send, tap } = chatDriver(api, user(ADMIN, "Admin"));
  let cdb: ChildDatabase;
  let bot: Child;
  const start = async (env?: Record<string, string>) => {
    bot = await startBotChild(api, { apiRoot: proxy.apiRoot, databaseUrl: cdb.url, adminId: ADMIN, dir: tmp.dir, env });
  };
  /** Kills the bot, forgets the proxy's holds and delays, and starts it again. */
  const killAndRestart = async (env?: Record<string, string>) => {
    await kill9(bot);
    proxy.reset();
    await start(env);
  };

  const today = () => formatDate(vietnamToday(new Date()));
  const year = schoolYearOf(vietnamToday(new Date())).start;
  const branchName = new Map<number, string>();

  beforeAll(async () => {
    await api.start();
    await proxy.start();
    cdb = await childDatabase(kind, tmp.dir);
    await withDatabase(cdb, async (db) => {
      const services = createServices({ db: db.prisma, adminTelegramIds: [ADMIN], now: () => new Date() });
      await seedExampleTree(services.deps);
      const admin = await services.access.loadPerson(ADMIN);
      const unit = async (code: string) => db.prisma.unit.findUniqueOrThrow({ where: { code } });
      const join = async (role: Role, code: string, people: { id: number; name: string }[]) => {
        const invite = await services.invites.createInvite(admin, { unitId: (await unit(code)).id, role, maxUses: people.length, expiresAt: null });
        for (const p of people) await services.invites.acceptInvite(invite.code, { telegramId: p.id, fullName: p.name, phone: null, language: "vi" });
      };
      for (const r of REPORTERS) {
        await join("REPORTER", r.unit, [{ id: r.u.id, name: r.name }]);
        const branch = await unit(r.unit);
        branchName.set(r.u.id, branch.name);
        await services.piggyBanks.startDrive(await services.access.loadPerson(r.u.id), {
          unitId: branch.id, schoolYear: year, recipientKind: "HOUSEHOLD", banksHandedOut: 120, note: null,
        });
      }
      await join("COORDINATOR", "HB-KB", [{ id: COORD.id, name: "Bùi Văn Điều" }]);
      await join("MEMBER", "HB-KB-KB-01", Array.from({ length: MEMBERS }, (_, i) => ({ id: FIRST_MEMBER + i, name: `Người ${letters(i)}` })));
    });
    await start();
  }, 120_000);

  afterAll(async () => {
    await killAll();
    await proxy.stop();
    await api.stop();
    await cdb?.drop();
    tmp.remove();
  });

  // A failure shows the end of the bot's log (its errors and the updates it handled).
  beforeEach((ctx) => onTestFailed(() => void (ctx.task.fails || console.log(`the bot's output (end):\n${bot?.output().slice(-6000)}\nproxy: ${proxy.calls.slice(-30).map((c) => `${c.method}${c.method === "getUpdates" ? `(${String(c.payload.offset)})` : ""}${c.forwarded ? "" : " held"}${c.answered ? "" : " unanswered"}`).join(", ")}`))));

  // ---- driving the chat ----
  /** Types as the user; the call index to wait from and the update's id. */
  const type = (u: FakeUser, text: string) => {
    const since = api.calls.length;
    return { since, id: api.sendText(u, text).update_id };
  };
  /** Presses a button by its label; the call index to wait from and the update's id. */
  const pressU = (u: FakeUser, m: Message, label: string) => {
    const b = buttonsOf(m).find((x) => x.text === label);
    if (!b) throw new Error(`no button ${label} on ${JSON.stringify(m.text)}`);
    const since = api.calls.length;
    return { since, id: api.pressButton(u, { message_id: m.message_id, chat_id: m.chat.id }, b.callback_data).update_id };
  };
  const sentTo = (chatId: number, since: number, text: string) =>
    api.calls.slice(since).filter((c) => c.method === "sendMessage" && !c.error && c.payload.chat_id === chatId && c.payload.text === text).length;
  const pending = () => api.pendingUpdates.map((u) => u.update_id);

  const cardTitle = (u: FakeUser) => tr("piggy-card-title", { unit: branchName.get(u.id) ?? "", year: schoolYearLabel(year) });
  /** /piggy → the branch's card → 🔨 record an opening: the date question. */
  async function openForm(u: FakeUser): Promise<Message> {
    const card = await send(u, "/piggy", (m) => m.text?.startsWith(cardTitle(u)) === true && hasButton(tr("btn-piggy-record"))(m));
    const since = pressU(u, card, tr("btn-piggy-record")).since;
    await reply(u, since, fromLocale("vi", "piggy-opening-intro"));
    return reply(u, since, withButton(tr("piggy-ask-date"), tr("btn-today")));
  }
  const summary = (u: FakeUser, f: Figures) =>
    `${tr("piggy-opening-confirm")}\n${tr("piggy-figures", {
      unit: branchName.get(u.id) ?? "", date: today(), opened: String(f.opened), collected: vnd(f.collected), scholarshipCount: String(f.schCount),
      scholarshipAmount: vnd(f.schAmount), supplies: vnd(f.supplies), fund: vnd(f.fund), other: vnd(0),
      left: vnd(f.collected - f.schAmount - f.supplies - f.fund), photo: tr("piggy-photo-no"),
    })}`;
  const openingLine = (n: number, f: Figures) =>
    tr("piggy-card-opening", { n, date: today(), opened: String(f.opened), amount: vnd(f.collected), status: tr("piggy-status-submitted") });
  /** The reporter's card as /piggy shows it now. */
  const card = async (u: FakeUser) => (await send(u, "/piggy", (m) => m.text?.startsWith(cardTitle(u)) === true)).text ?? "";

  const F1: Figures = { opened: 40, collected: 1_500_000, schCount: 3, schAmount: 900_000, supplies: 300_000, fund: 200_000 };

  it("a reporter's opening form resumes after each kill where it was, and the opening is recorded once", async () => {
    await tap(R1, await openForm(R1), tr("btn-today"), tr("piggy-ask-opened", { handed: "120" }));
    let s = type(R1, "40");
    await reply(R1, s.since, tr("piggy-ask-collected"));
    await waitHandled(bot, s.id);

    // ---- kill 1: right after an answer was acknowledged (the next question arrived, the chat's state written) ----
    await killAndRestart();
    await send(R1, "1tr5", tr("piggy-ask-scholarship-count", { collected: vnd(1_500_000) }));
    s = type(R1, "3");
    await reply(R1, s.since, tr("piggy-ask-scholarship-amount", { count: "3", left: vnd(1_500_000) }));
    await waitHandled(bot, s.id);

    // ---- kill 2: in the middle of handling an answer (its reply held back), its update not yet confirmed by a poll ----
    const last = s.id;
    const nextPoll = proxy.hold((c) => c.method === "getUpdates" && Number(c.payload.offset) > last + 1);
    const heldReply = proxy.hold((c) => c.method === "sendMessage" && c.payload.chat_id === R1.id);
    s = type(R1, "900k");
    await heldReply.arrived;
    await nextPoll.arrived;
    expect(wasHandled(bot, s.id)).toBe(false);
    expect(pending(), "Telegram has not been told the answer was received").toContain(s.id);
    await killAndRestart();
    // Delivered again and handled by the new process: the next question, once (the held one never reached Telegram).
    const supplies = tr("piggy-ask-supplies", { left: vnd(600_000) });
    await reply(R1, s.since, supplies);
    await waitHandled(bot, s.id);
    expect(sentTo(R1.id, s.since, supplies)).toBe(1);

    await send(R1, "300.000", tr("piggy-ask-fund", { left: vnd(300_000) }));
    let m = await send(R1, "200k", tr("piggy-ask-other", { left: vnd(100_000) }));
    m = await tap(R1, m, tr("btn-zero"), tr("piggy-ask-photo"));
    const skip = pressU(R1, m, tr("btn-skip"));
    // The summary holds every answer, those given before each kill and after.
    m = await reply(R1, skip.since, withButton(summary(R1, F1), tr("btn-piggy-send")));
    await waitHandled(bot, skip.id);

    // ---- kill 3: "Send" handled to the end (saved, told, state written) but its update not confirmed ----
    const confirm = proxy.hold((c) => c.method === "getUpdates" && Number(c.payload.offset) > skip.id + 1);
    const p = pressU(R1, m, tr("btn-piggy-send"));
    await reply(R1, p.since, tr("piggy-opening-saved", { date: today(), collected: vnd(1_500_000) }));
    await waitHandled(bot, p.id);
    await confirm.arrived;
    expect(pending(), "the press is still unconfirmed at the kill").toContain(p.id);
    await killAndRestart();
    await waitHandled(bot, p.id); // the press came again and the new process handled it
    expect(pending()).not.toContain(p.id);

    // One opening, with the figures.
    const text = await card(R1);
    expect(text).toContain(openingLine(1, F1));
    expect(text).not.toContain(openingLine(2, F1));
  }, 120_000);

  // ---- the two cases: what happened is kept here, the correct behaviour is asserted below ----
  const seen = { r2Redelivered: true, r3Openings: 0 };
  const F3: Figures = { opened: 30, collected: 2_000_000, schCount: 0, schAmount: 0, supplies: 500_000, fund: 1_500_000 };

  it("killed while two updates are being handled: a half-answered form, and a \"Send\" whose opening was written (delivered again)", async () => {
    // Mai fills the whole form up to the summary.
    await tap(R3, await openForm(R3), tr("btn-today"), tr("piggy-ask-opened", { handed: "120" }));
    await send(R3, "30", tr("piggy-ask-collected"));
    let m3 = await send(R3, "2tr", tr("piggy-ask-scholarship-count", { collected: vnd(2_000_000) }));
    await tap(R3, m3, tr("btn-zero"), tr("piggy-ask-supplies", { left: vnd(2_000_000) }));
    await send(R3, "500k", tr("piggy-ask-fund", { left: vnd(1_500_000) }));
    m3 = await send(R3, "1.500.000", tr("piggy-ask-other", { left: vnd(0) }));
    m3 = await tap(R3, m3, tr("btn-zero"), tr("piggy-ask-photo"));
    m3 = await tap(R3, m3, tr("btn-skip"), withButton(summary(R3, F3), tr("btn-piggy-send")));
    // Lan is at the number of banks opened.
    await tap(R2, await openForm(R2), tr("btn-today"), tr("piggy-ask-opened", { handed: "120" }));

    // Lan's answer is being handled (its reply held back) …
    const lanReply = proxy.hold((c) => c.method === "sendMessage" && c.payload.chat_id === R2.id);
    const a2 = type(R2, "40");
    await lanReply.arrived;
    // … and the runner has already asked for the updates after it: Telegram counts it as received.
    await expect.poll(pending, { timeout: 5000, interval: 20 }).not.toContain(a2.id);
    expect(wasHandled(bot, a2.id)).toBe(false);

    // Mai presses "Send": her opening is written, the "saved" reply held back, and the poll that would
    // confirm the press held too — as in webhook mode, where Telegram sends an update again until the
    // bot has answered the request that carried it (after the whole update was handled).
    const confirm = proxy.hold((c) => c.method === "getUpdates" && Number(c.payload.offset) > a2.id + 1);
    const maiSaved = proxy.hold((c) => c.method === "sendMessage" && c.payload.chat_id === R3.id && fromLocale("vi", "piggy-opening-saved").test(String(c.payload.text)));
    const a3 = pressU(R3, m3, tr("btn-piggy-send"));
    await maiSaved.arrived;
    await confirm.arrived;
    expect(pending()).toContain(a3.id);
    await killAndRestart();
    seen.r2Redelivered = pending().includes(a2.id);
    console.log(`[crash ${kind}] Lan's answer confirmed before it was handled, delivered again after the restart: ${seen.r2Redelivered}`);

    // Mai's press comes again and is handled by the new process.
    await waitHandled(bot, a3.id);
    const text = await card(R3);
    seen.r3Openings = [1, 2, 3].filter((n) => text.includes(openingLine(n, F3))).length;
    console.log(`[crash ${kind}] Mai's openings after her "Send" was delivered again: ${seen.r3Openings}`);
    expect(seen.r3Openings, "Mai's opening was kept").toBeGreaterThanOrEqual(1);
    // Lan got no answer and types hers again: the form goes on from there.
    await send(R2, "40", tr("piggy-ask-collected"));
  }, 90_000);

  // BUG (reported, not fixed here): src/app.ts polls with @grammyjs/runner's run(bot), whose update
  // fetcher moves the getUpdates offset past a batch as soon as it is fetched, before its updates are
  // handled: an update being handled when the process dies is never delivered again (lost).
  it.fails("an update being handled at the kill is delivered again after the restart", () => {
    expect(seen.r2Redelivered).toBe(true);
  });

  // The opening is written inside the conversation (piggy-openings.ts, recordOpening through call()), but
  // the chat's state after it only when the whole update is done (the session middleware): killed in
  // between, the restarted bot replays the flow from the summary and the same "Send" comes again. The
  // submission key made when the form began (kept in the saved state) gets the opening written the first time.
  it("a \"Send\" delivered again after a kill between the save and the chat's state records the opening once", () => {
    expect(seen.r3Openings).toBe(1);
  });

  // ---- the broadcast ----
  const recipients = Array.from({ length: MEMBERS }, (_, i) => FIRST_MEMBER + i);
  const isRecipient = (chatId: unknown) => typeof chatId === "number" && chatId >= FIRST_MEMBER && chatId < FIRST_MEMBER + MEMBERS;
  let progressMessageId = 0;

  it("a broadcast to 80 killed mid-way: everyone gets it, duplicates only among the sends in flight at the kill (≤ 16)", async () => {
    let m = await send(COORD, "/broadcast", hasButton(tr("btn-broadcast-new")));
    await tap(COORD, m, tr("btn-broadcast-new"), fromLocale("vi", "broadcast-compose-ask-content"));
    m = await send(COORD, TEXT, hasButton(tr("btn-broadcast-compose-next")));
    m = await tap(COORD, m, tr("btn-broadcast-compose-next"), hasButton(tr("btn-broadcast-compose-audience-everyone")));
    m = await tap(COORD, m, tr("btn-broadcast-compose-audience-everyone"), hasButton(tr("btn-broadcast-compose-ack-no")));
    m = await tap(COORD, m, tr("btn-broadcast-compose-ack-no"), hasButton(tr("btn-broadcast-compose-send")));
    expect(m.text).toContain(tr("broadcast-compose-summary-recipients", { count: MEMBERS }));

    // Every send to a member reaches Telegram at once but its answer comes back 1.5 s later: 16 in flight.
    proxy.delay((c) => c.method === "sendMessage" && isRecipient(c.payload.chat_id), 1500);
    const deliveries = new Map<number, number>();
    let delivered = 0;
    let enough: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => (enough = resolve));
    api.on("call", (c) => {
      if (c.method !== "sendMessage" || c.error || !isRecipient(c.payload.chat_id)) return;
      const chat = c.payload.chat_id as number;
      deliveries.set(chat, (deliveries.get(chat) ?? 0) + 1);
      delivered++;
      if (delivered >= 30) enough();
    });
    const sent = pressU(COORD, m, tr("btn-broadcast-compose-send"));
    const progress = await reply(COORD, sent.since, fromLocale("vi", "broadcast-progress"));
    progressMessageId = progress.message_id;
    await reached;

    await kill9(bot);
    const deliveredAtKill = new Set(deliveries.keys());
    const countsAtKill = new Map(deliveries);
    // Which were claimed and not settled when it died (in flight, or claimed and waiting their turn).
    const claimed = await withDatabase(cdb, async (db) =>
      new Set((await db.prisma.outboxMessage.findMany({ where: { status: "SENDING" }, select: { chatId: true } })).map((r) => Number(r.chatId))),
    );
    const inFlight = [...claimed].filter((c) => deliveredAtKill.has(c));
    expect(deliveredAtKill.size, "killed mid-way").toBeLessThan(MEMBERS);
    expect([...countsAtKill.values()].every((n) => n === 1), "no duplicate before the kill").toBe(true);
    expect(inFlight.length).toBeLessThanOrEqual(MAX_IN_FLIGHT);

    proxy.reset(); // answers at once from now on: a live sender's rows never get stale
    const notice = fromLocale("vi", "broadcast-finished-notice");
    const since = api.calls.length;
    await start({ OUTBOX_STALE_SECONDS: "2" });
    await reply(COORD, since, notice);

    const missing = recipients.filter((c) => !deliveries.has(c));
    expect(missing, "every member got the message").toEqual([]);
    // The kill explains one more message to each member whose send was in flight then.
    const byCrash = inFlight.filter((c) => (deliveries.get(c) ?? 0) > 1);
    const extra = recipients.reduce((sum, c) => sum + Math.max(0, (deliveries.get(c) ?? 0) - 1 - (inFlight.includes(c) ? 1 : 0)), 0);
    // Rows requeued by the new process beyond those the dead one left: its own, found "stale" while it
    // was still sending them (OUTBOX_STALE_SECONDS=2 and a slow moment, e.g. a start-up job holding
    // PGlite's one connection): each can cost one more message. Reported; the test accounts for them.
    const requeued = [...bot.output().matchAll(/"rows":(\d+),"msg":"outbox: requeued messages left sending by a stopped sender"/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    const ownRequeued = Math.max(0, requeued - claimed.size);
    console.log(`[crash ${kind}] broadcast to ${MEMBERS}: ${deliveredAtKill.size} delivered at the kill, ${claimed.size} rows claimed and unsettled then, ${inFlight.length} of them already delivered (in flight); after the restart ${byCrash.length} of those got it twice, ${extra} more messages beyond them; the new process requeued ${requeued} rows (${ownRequeued} of its own)`);
    expect(byCrash.length).toBeLessThanOrEqual(MAX_IN_FLIGHT);
    expect(extra, "no message beyond the in-flight ones, but for rows the live sender requeued itself").toBeLessThanOrEqual(ownRequeued);
    // The summary: made once (one notice), the progress message edited into it.
    expect(api.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === COORD.id && notice.test(String(c.payload.text))).length).toBe(1);
  }, 90_000);

  it("after a clean stop, the database holds one opening of Hoa's with her figures, and the broadcast is done with its summary in place", async () => {
    const { code } = await bot.stop("SIGTERM", 15_000);
    expect(code).toBe(0);
    await withDatabase(cdb, async (db) => {
      const openings = await db.prisma.piggyBankOpening.findMany({ where: { createdByTelegramId: BigInt(R1.id) } });
      expect(openings).toHaveLength(1);
      expect(openings[0]).toMatchObject({
        banksOpened: F1.opened, amountCollected: BigInt(F1.collected), scholarshipCount: F1.schCount, scholarshipAmount: BigInt(F1.schAmount),
        suppliesAmount: BigInt(F1.supplies), fundAmount: BigInt(F1.fund), otherAmount: 0n,
      });
      const services = createServices({ db: db.prisma, adminTelegramIds: [ADMIN], now: () => new Date() });
      const b = await db.prisma.broadcast.findFirstOrThrow();
      const view = await services.broadcasts.getBroadcast(await services.access.loadPerson(COORD.id), b.id);
      expect(view).toMatchObject({ status: "DONE", progress: { recipients: MEMBERS, sent: MEMBERS, waiting: 0, failed: 0, blocked: 0 } });
      const shown = api.chatMessages(COORD.id).find((x) => x.message_id === progressMessageId);
      expect(shown?.text).toBe(summaryText(tr, "vi", view));
      const notice = fromLocale("vi", "broadcast-finished-notice");
      expect(api.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === COORD.id && notice.test(String(c.payload.text)))).toHaveLength(1);
    });
  }, 60_000);
});
