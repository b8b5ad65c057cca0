// The baseline of bench/memory.ts: a bare grammY bot (echo) with the project's
// generated Prisma client connected to the same database through the same
// driver adapter, polling the same fake Bot API — what any bot on this stack
// costs, before this bot's own code. Env: BOT_TOKEN, TELEGRAM_API_ROOT, DATABASE_URL
// (postgres://… or pglite:<dir>). Prints {"msg":"connected","time":…} when the
// database has answered.
import { Bot } from "grammy";
import { PrismaClient } from "../src/db/generated/client.ts";

const url = process.env.DATABASE_URL ?? "";
let close = async () => {};
let prisma: PrismaClient;
if (url.startsWith("pglite:")) {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const pglite = new PGlite(url.slice("pglite:".length));
  await pglite.waitReady;
  prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  close = () => pglite.close();
} else {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const pg = (await import("pg")).default;
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  close = () => pool.end();
}
const members = await prisma.member.count();
console.log(JSON.stringify({ msg: "connected", time: Date.now(), members }));

const bot = new Bot(process.env.BOT_TOKEN ?? "", { client: { apiRoot: process.env.TELEGRAM_API_ROOT } });
bot.on("message:text", (ctx) => ctx.reply(ctx.message.text));
const stop = async () => {
  await bot.stop();
  await prisma.$disconnect();
  await close();
  process.exit(0);
};
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());
await bot.start({ allowed_updates: ["message", "callback_query", "my_chat_member"] });
