// `npm run db:migrate`: applies pending migrations to DATABASE_URL (the
// explicit production step; the embedded database migrates on start).
import { parseDatabaseUrl, describeTarget, openDatabase } from "./database.ts";
import { migrate } from "./migrate.ts";

const target = parseDatabaseUrl(process.env.DATABASE_URL);
const db = await openDatabase(target);
try {
  const result = await migrate(db);
  console.log(`${describeTarget(target)}: ${result.applied.length > 0 ? `applied ${result.applied.join(", ")}` : "up to date"}`);
  if (result.modified.length > 0) console.warn(`warning: applied migrations changed since: ${result.modified.join(", ")}`);
} finally {
  await db.close();
}
