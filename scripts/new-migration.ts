// `npm run db:new-migration -- <name>`: after editing prisma/schema.prisma,
// writes the SQL that brings the committed migrations up to the schema into
// prisma/migrations/<timestamp>_<name>/migration.sql. Runs the Prisma CLI's
// `migrate diff` with its shadow database on an in-memory PGlite (no server).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const name = (process.argv[2] ?? "").trim();
if (!/^[a-z0-9_]{3,60}$/.test(name)) {
  console.error("usage: npm run db:new-migration -- <name in snake_case, e.g. add_piggy_banks>");
  process.exit(2);
}
const sql = execFileSync(
  "npx",
  ["prisma", "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  console.log("The schema matches the migrations: nothing to write.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
console.log(`Wrote ${dir}/migration.sql — read it, then commit it.`);
