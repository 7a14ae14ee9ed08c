import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lineHash, replayLog, signatureLine } from "../../../shared/index.js";

/** Where a signature line may stand in a log (its cryptography is the server's: tests/server/log-signing.test.ts). */

const fixture = readFileSync(path.join(import.meta.dirname, "../../fixtures/logs/v1-agreement.jsonl"), "utf8").trimEnd().split("\n");
const shape = (prev: string) => signatureLine({ publicKey: "A".repeat(43), prev, sig: "B".repeat(86) });
const text = (lines: string[]) => lines.join("\n") + "\n";

describe("the signature line", () => {
  it("follows the result line, chained to it, and is returned by replay", () => {
    const signed = [...fixture, shape(lineHash(fixture.at(-1)!))];
    const replay = replayLog(text(signed));
    expect(replay.ok && replay.value.signature?.publicKey).toBe("A".repeat(43));
  });

  it("is refused anywhere else, unchained, malformed, or followed by anything", () => {
    const beforeResult = [...fixture.slice(0, -1), shape(lineHash(fixture.at(-2)!))];
    const unchained = [...fixture, shape("0".repeat(64))];
    const malformed = [...fixture, JSON.stringify({ kind: "signature", alg: "rsa", prev: lineHash(fixture.at(-1)!) })];
    const signed = [...fixture, shape(lineHash(fixture.at(-1)!))];
    const twice = [...signed, shape(lineHash(signed.at(-1)!))];
    const codes = [beforeResult, unchained, malformed, twice].map((lines) => {
      const replay = replayLog(text(lines));
      return replay.ok ? "ok" : replay.error.code;
    });
    expect(codes).toEqual(["LOG_BAD_LINE", "LOG_CHAIN_BROKEN", "LOG_BAD_LINE", "LOG_AFTER_END"]);
  });
});
