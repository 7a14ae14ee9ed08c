import type { ServerConfig } from "../config.js";
import { FileStorage } from "./file-storage.js";
import type { Storage } from "./storage.js";

/** The storage the configuration asks for: PostgreSQL with `databaseUrl` (DATABASE_URL), else the data folder. */
export async function openStorage(config: ServerConfig): Promise<Storage> {
  if (config.databaseUrl === undefined) return FileStorage.open(config.dataDir, config.logSyncMs);
  // Loaded only when asked for: `npm start` without a database never touches the pg client.
  const { PgStorage } = await import("./pg/pg-storage.js");
  return PgStorage.open(config.databaseUrl);
}
