// A migration-aware PGlite adapter for the Prisma CLI only (prisma.config.ts).
// The stock pglite-prisma-adapter needs two fixes for the schema engine:
// whole migration files arrive through argument-less executeRaw (PGlite's
// extended protocol refuses several statements: route them to exec()), and
// executeScript must await exec(). One PGlite instance per process, because
// the CLI asks for the adapter more than once.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";

type Factory = InstanceType<typeof PrismaPGlite>;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;

function patch(adapter: Adapter, db: PGlite): Adapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length === 0) {
      const results = await db.exec(query.sql);
      return results.reduce((n, r) => n + (r.affectedRows ?? 0), 0);
    }
    return executeRaw(query);
  };
  adapter.executeScript = async (script: string) => {
    await db.exec(script);
  };
  return adapter;
}

let shared: PGlite | undefined;

export async function cliAdapterFactory(): Promise<Factory> {
  shared ??= new PGlite("memory://prisma-cli");
  const db = shared;
  const factory = new PrismaPGlite(db);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => patch(await connect(), db);
  factory.connectToShadowDb = async () => {
    const shadow = new PGlite("memory://prisma-shadow");
    return patch(await new PrismaPGlite(shadow).connect(), shadow);
  };
  process.once("beforeExit", () => process.exit(process.exitCode ?? 0));
  return factory;
}
