import type { Db } from "../db/database.ts";

/** What every service needs; injected, never imported globally. */
export interface ServiceDeps {
  db: Db;
  adminTelegramIds: readonly number[];
  now: () => Date;
}

/** A transaction client or the plain client: audit writes go through either. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;
