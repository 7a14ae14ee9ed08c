import { afterAll, describe, expect, it } from "vitest";
import { sha256Hex, sha256HexPortable, useSha256 } from "../../shared/index.js";
import "../../server/native-hash.js";

describe("the server's SHA-256 (node:crypto one-shot hash)", () => {
  afterAll(() => useSha256(sha256HexPortable));

  it("gives the engine's portable digests, so server logs replay and verify anywhere", () => {
    const inputs = ["", "abc", "z".repeat(55), "z".repeat(56), "z".repeat(64), "y".repeat(5000), "赤沢 亮正 — Akazawa 🙂".repeat(30)];
    for (const text of inputs) expect(sha256Hex(text)).toBe(sha256HexPortable(text));
  });
});
