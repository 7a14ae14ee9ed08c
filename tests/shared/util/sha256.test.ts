import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Hex, sha256HexPortable, stableStringify, useSha256 } from "../../../shared/index.js";

describe("sha256Hex", () => {
  it("agrees with Node's crypto on padding edge cases and non-ASCII text", () => {
    const inputs = ["", "abc", "z".repeat(55), "z".repeat(56), "z".repeat(64), "y".repeat(5000), "赤沢 亮正 — Akazawa 🙂".repeat(30)];
    for (const text of inputs) expect(sha256HexPortable(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
  });

  it("uses the implementation a host hands in (the server's node:crypto)", () => {
    const calls: string[] = [];
    useSha256((text) => (calls.push(text), sha256HexPortable(text)));
    try {
      expect(sha256Hex("abc")).toBe(createHash("sha256").update("abc").digest("hex"));
      expect(calls).toEqual(["abc"]);
    } finally {
      useSha256(sha256HexPortable);
    }
  });
});

describe("stableStringify", () => {
  it("gives the same text whatever the key order, and drops undefined fields", () => {
    expect(stableStringify({ b: 1, a: [{ d: 2, c: undefined, e: null }] })).toBe('{"a":[{"d":2,"e":null}],"b":1}');
    expect(stableStringify({ x: 1, y: 2 })).toBe(stableStringify({ y: 2, x: 1 }));
  });
});
