import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { checkLogSignature, parseSigningKey, publicKeyText, signingKeyPath } from "../../server/store/log-signing.js";

/**
 * `npm run replay -- --verify FILE`: replays the log and checks its signature against this
 * server's key, which is `LOG_SIGNING_KEY` when set, else the key in the data folder (`--data DIR`,
 * else `DATA_DIR`, else ./data), as the server itself finds it (server/store/log-signing.ts).
 */

export type ServerKey = { publicKey: string; from: string } | { publicKey: undefined; from: string };

export function serverKey(dataDir: string | undefined, env: NodeJS.ProcessEnv = process.env): ServerKey {
  const supplied = env.LOG_SIGNING_KEY;
  if (supplied) return { publicKey: publicKeyText(parseSigningKey(supplied)), from: "LOG_SIGNING_KEY" };
  const file = signingKeyPath(path.resolve(dataDir ?? env.DATA_DIR ?? "./data"));
  if (!existsSync(file)) return { publicKey: undefined, from: file };
  return { publicKey: publicKeyText(parseSigningKey(readFileSync(file, "utf8"))), from: file };
}

/** Prints the verdict; the exit status is 0 only for a log signed by this server. */
export function verifyFile(file: string, text: string, key: ServerKey, json: boolean): number {
  const check = checkLogSignature(text, key.publicKey);
  if (json) {
    console.log(JSON.stringify({ file, status: check.status, text: check.text, publicKey: check.publicKey ?? null, serverKey: key.publicKey ?? null, error: check.error ?? null }, null, 2));
  } else {
    console.log(`${file}: ${check.text}`);
    if (check.publicKey) console.log(`  signed with key   ${check.publicKey}`);
    console.log(key.publicKey ? `  this server's key ${key.publicKey} (from ${key.from})` : `  this server's key none found (${key.from} does not exist; set --data DIR or LOG_SIGNING_KEY)`);
  }
  return check.status === "this-server" ? 0 : 1;
}
