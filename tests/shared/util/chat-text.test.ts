import { describe, expect, it } from "vitest";
import { actionSchema, cleanChatText, isCleanChatText, parseClientMessage } from "../../../shared/index.js";

/** Chat text cleaned the same way by the room's message schema and required by the engine's action schema. */

describe("chat text", () => {
  const cases: [string, string][] = [
    ["plain words", "plain words"],
    ["evil\u202Etxt.exe", "eviltxt.exe"],
    ["a\u0000b\u0007c", "abc"],
    ["zero\u200Bwidth\u200Cand\u200Djoiner\u2060\uFEFF", "zerowidthandjoiner"],
    ["\u2066isolated\u2069 \u200Fmark", "isolated mark"],
    ["line one\nline two\r\n\tthree\u2028four", "line one line two three four"],
    ["cafe\u0301", "caf\u00e9"],
    ["lone \uD800 surrogate", "lone  surrogate"],
    ["  日本語のテキスト  ", "日本語のテキスト"],
    ["tag\u{E0041}\u{E0042}s", "tags"],
  ];

  it("normalises to NFC and strips control, bidirectional and zero-width characters", () => {
    for (const [input, cleaned] of cases) {
      expect([input, cleanChatText(input)]).toEqual([input, cleaned]);
      expect(cleanChatText(cleaned)).toBe(cleaned);
      expect(isCleanChatText(cleaned)).toBe(true);
    }
    expect(isCleanChatText("evil\u202Etxt")).toBe(false);
  });

  it("is what the room's chat message yields, and refuses a line of only hidden characters", () => {
    const sent = parseClientMessage("chat", { text: "deal\u202E\u0000 ok\u200B" });
    expect(sent.ok && sent.value.payload).toEqual({ text: "deal ok", to: "table" });
    const hidden = parseClientMessage("chat", { text: "\u202E\u200B\u0000\n" });
    expect(hidden.ok ? "accepted" : hidden.error.code).toBe("BAD_MESSAGE");
  });

  it("is required by the engine, so a log or bot cannot record what the room would have cleaned", () => {
    expect(actionSchema.safeParse({ type: "chat", by: "p1", text: "fine", to: "table" }).success).toBe(true);
    expect(actionSchema.safeParse({ type: "chat", by: "p1", text: "evil\u202Etxt", to: "table" }).success).toBe(false);
    expect(actionSchema.safeParse({ type: "chat", by: "p1", text: "cafe\u0301", to: "table" }).success).toBe(false);
  });
});
