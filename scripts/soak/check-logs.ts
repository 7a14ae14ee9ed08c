import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { checkLogSignature } from "../../server/store/log-signing.js";
import { replayLog, type Replay } from "../../shared/index.js";

/** Every log in a data folder replayed; the ended ones must carry this server's signature. */

export type LogCheck = { logs: number; ended: number; damaged: string[]; unsigned: string[]; replays: Map<string, Replay> };

export function checkLogs(dataDir: string, serverKey: string): LogCheck {
  const dir = path.join(dataDir, "matches");
  const check: LogCheck = { logs: 0, ended: 0, damaged: [], unsigned: [], replays: new Map() };
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".jsonl"))) {
    const code = name.slice(0, -".jsonl".length);
    const text = readFileSync(path.join(dir, name), "utf8");
    check.logs++;
    const replay = replayLog(text);
    if (!replay.ok) {
      check.damaged.push(`${code}: line ${replay.error.line}: ${replay.error.message}`);
      continue;
    }
    check.replays.set(code, replay.value);
    if (replay.value.final.phase !== "ended") continue;
    check.ended++;
    const signature = checkLogSignature(text, serverKey);
    if (signature.status !== "this-server") check.unsigned.push(`${code}: ${signature.text}`);
  }
  return check;
}

/** The server's public key, as it publishes it. */
export async function publishedKey(httpUrl: string): Promise<string> {
  const response = await fetch(`${httpUrl}/api/signing-key`);
  return ((await response.json()) as { publicKey: string }).publicKey;
}
