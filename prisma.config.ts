// Configuration for the Prisma CLI (generate, migrate diff). Prisma 6.19 runs
// binary-free here: the bundled WebAssembly schema engine talks to an
// in-memory PGlite through a driver adapter (TOOLCHAIN.md). The running bot
// applies migrations itself (src/db/migrate.ts), so the CLI never touches a
// real database.
import { defineConfig } from "prisma/config";
import { cliAdapterFactory } from "./src/db/cli-adapter.ts";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: cliAdapterFactory,
});
