import { spawnSync } from "node:child_process";
import http from "node:http";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFromEnv } from "../../server/config.js";
import { LogSigner, signingKeyPath } from "../../server/store/log-signing.js";
import { actionLineAfter, actionLineSchema, lineHash, replayLog, resultLineAfter, resultLineSchema, stateHash, type Action } from "../../shared/index.js";
import { act, leaveAll, offerOf, startedPvp, startServer, until, type TestServer } from "./helpers.js";

/**
 * Signed logs (docs/log-format.md, "Signatures"): a live server signs each finished log with the
 * key in its data folder; `npm run replay -- --verify` and `POST /api/logs/verify` (what the
 * replay viewer asks) tell "signed by this server", "signed by another key" and "unsigned"; the
 * forgery of the finding (edit a line, recompute the chain and the result line with the
 * project's own engine) fails.
 */

const root = path.resolve(import.meta.dirname, "../..");
const replayCli = (...args: string[]) => spawnSync(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "scripts/replay/main.ts"), ...args], { cwd: root, encoding: "utf8", env: { ...process.env, LOG_SIGNING_KEY: "" } });

let server: TestServer;
let code = "";
let signedLog = "";
const work = mkdtempSync(path.join(os.tmpdir(), "tt-signed-"));

beforeAll(async () => {
  server = await startServer();
  const { code: matchCode, japan, us } = await startedPvp(server);
  code = matchCode;
  await act(japan, "chat", { text: "Cars first, then rice." });
  await act(japan, "propose", { offer: offerOf("last") });
  await until(us, (s) => s.standingProposalId !== null && s.turn === "us");
  await act(us, "accept", { proposalId: us.state().standingProposalId });
  await until(japan, (s) => s.phase === "ended");
  signedLog = readFileSync(path.join(server.dataDir, "matches", `${code}.jsonl`), "utf8");
  await leaveAll(japan, us);
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

type Verdict = { status: string; text: string; publicKey?: string; serverKey: string };
/** POST /api/logs/verify on a fresh connection (a kept-alive one may be closed by the server between two slow CLI runs). */
const verifyOverHttp = (text: string): Promise<Verdict> =>
  new Promise((resolve, reject) => {
    const req = http.request(`${server.url}/api/logs/verify`, { method: "POST", agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Verdict));
    });
    req.on("error", reject);
    req.end(text);
  });
const saved = (name: string, text: string) => {
  const file = path.join(work, name);
  writeFileSync(file, text);
  return file;
};

/**
 * The forgery of the finding: change what an action line says, then rebuild every `prev` and the
 * result line with the project's own engine and log format, so that the log replays "intact".
 */
function forge(log: string, edit: (action: Action) => Action): string[] {
  const lines = log.trimEnd().split("\n");
  const out = [lines[0]!];
  const replay = replayLog(log);
  if (!replay.ok) throw new Error(replay.error.message);
  for (const raw of lines.slice(1)) {
    const json = JSON.parse(raw) as { kind: string };
    const prev = lineHash(out.at(-1)!);
    if (json.kind === "action") {
      const entry = actionLineSchema.parse(json);
      out.push(actionLineAfter(prev, { seq: entry.seq, round: entry.round, action: edit(entry.action), ...(entry.at ? { at: entry.at } : {}) }));
    } else if (json.kind === "result") {
      const draft = [...out, ""].join("\n");
      const again = replayLog(draft.trimEnd() + "\n");
      if (!again.ok) throw new Error(again.error.message);
      const result = resultLineSchema.parse(json);
      out.push(resultLineAfter(prev, { seq: result.seq, outcome: again.value.final.outcome!, stateHash: stateHash(again.value.final), ...(result.notes ? { notes: result.notes } : {}) }));
    } else if (json.kind === "signature") {
      out.push(JSON.stringify({ ...json, prev }));
    }
  }
  return out;
}

const editChat = (action: Action): Action => (action.type === "chat" ? { ...action, text: "Rice first, never cars." } : action);

describe("signed logs", () => {
  it("signs a finished log with the data folder's key, created at first start (owner-only)", async () => {
    const replay = replayLog(signedLog);
    expect(replay.ok).toBe(true);
    if (!replay.ok) return;
    expect(replay.value.result).toBeDefined();
    expect(replay.value.signature?.publicKey).toBe(server.game.deps.signer!.publicKey);
    expect(signedLog.trimEnd().split("\n").at(-1)).toMatch(/^\{"kind":"signature","alg":"ed25519"/);
    expect(statSync(signingKeyPath(server.dataDir)).mode & 0o777).toBe(0o600);
    const published = await (await fetch(`${server.url}/api/signing-key`)).json();
    expect(published).toEqual({ alg: "ed25519", publicKey: server.game.deps.signer!.publicKey });
    // The published log is the signed one.
    expect(await (await fetch(`${server.url}/api/matches/${code}/log`)).text()).toBe(signedLog);
  });

  it("says \"signed by this server\" for its own log, on the command line and over HTTP", async () => {
    const file = saved("own.jsonl", signedLog);
    const cli = replayCli("--verify", file, "--data", server.dataDir);
    expect(cli.stdout).toContain(`${file}: signed by this server`);
    expect(cli.status).toBe(0);
    expect(await verifyOverHttp(signedLog)).toMatchObject({ status: "this-server", text: "signed by this server" });
  });

  it("fails the forgery: an edited line with the chain and result line recomputed by the project's engine", async () => {
    const forged = forge(signedLog, editChat);
    const forgedText = forged.join("\n") + "\n";
    expect(forgedText).toContain("Rice first, never cars.");
    // The chain and result are consistent again: without a signature it would pass as intact…
    const unsignedForgery = forged.slice(0, -1).join("\n") + "\n";
    expect(replayLog(unsignedForgery).ok).toBe(true);
    // …but the old signature does not match it.
    const withOldSignature = replayCli("--verify", saved("forged.jsonl", forgedText), "--data", server.dataDir);
    expect(withOldSignature.stdout).toContain("signature does not match the log");
    expect(withOldSignature.status).toBe(1);
    expect((await verifyOverHttp(forgedText)).status).toBe("bad-signature");
    // Dropping the signature line leaves an unsigned log, which is not "signed by this server".
    const dropped = replayCli("--verify", saved("dropped.jsonl", unsignedForgery), "--data", server.dataDir);
    expect(dropped.stdout).toContain(": unsigned");
    expect(dropped.status).toBe(1);
    expect((await verifyOverHttp(unsignedForgery)).status).toBe("unsigned");
    // The original signature line left as it was breaks the chain.
    const stale = [...forged.slice(0, -1), signedLog.trimEnd().split("\n").at(-1)!].join("\n") + "\n";
    expect((await verifyOverHttp(stale)).status).toBe("damaged");
  });

  it("names a forgery re-signed with the forger's own key \"signed by another key\"", async () => {
    const forged = forge(signedLog, editChat).slice(0, -1);
    const forger = await LogSigner.load(mkdtempSync(path.join(work, "forger-")));
    const resigned = [...forged, forger.signatureLineAfter(lineHash(forged.at(-1)!))].join("\n") + "\n";
    const cli = replayCli("--verify", saved("resigned.jsonl", resigned), "--data", server.dataDir);
    expect(cli.stdout).toContain("signed by another key");
    expect(cli.status).toBe(1);
    expect(await verifyOverHttp(resigned)).toMatchObject({ status: "other-key", publicKey: forger.publicKey, serverKey: server.game.deps.signer!.publicKey });
  });

  it("keeps its key across a restart, and takes LOG_SIGNING_KEY when given", async () => {
    const again = await LogSigner.load(server.dataDir);
    expect(again.publicKey).toBe(server.game.deps.signer!.publicKey);
    const seed = "11".repeat(32);
    const config = configFromEnv({ LOG_SIGNING_KEY: seed, DATA_DIR: work });
    expect(config.ok).toBe(true);
    const supplied = await LogSigner.load(work, config.ok ? config.value.logSigningKey : undefined);
    expect(supplied.publicKey).toBe((await LogSigner.load(path.join(work, "elsewhere"), seed)).publicKey);
    expect(supplied.publicKey).not.toBe(again.publicKey);
    const bad = configFromEnv({ LOG_SIGNING_KEY: "not a key" });
    expect(bad.ok ? "accepted" : bad.error).toMatch(/LOG_SIGNING_KEY.*Ed25519/);
    // The command line takes the key from LOG_SIGNING_KEY too.
    const cli = spawnSync(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "scripts/replay/main.ts"), "--verify", saved("own2.jsonl", signedLog)], { cwd: root, encoding: "utf8", env: { ...process.env, LOG_SIGNING_KEY: seed } });
    expect(cli.stdout).toContain("signed by another key");
    expect(cli.stdout).toContain("(from LOG_SIGNING_KEY)");
  });
});
