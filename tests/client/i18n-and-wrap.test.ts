import { describe, expect, it } from "vitest";
import { en } from "../../client/src/i18n/en.js";
import { ja } from "../../client/src/i18n/ja.js";
import { format, I18n } from "../../client/src/i18n/index.js";
import { breakableTokens, wrapLines } from "../../client/src/ui/wrap.js";
import { lobbyError } from "../../client/src/net/colyseus-connection.js";

describe("message catalogue", () => {
  it("has every English key in Japanese, with the same placeholders", () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(ja[key], key).toBeTruthy();
      expect(names(ja[key]), key).toEqual(names(en[key]));
    }
  });

  it("fills placeholders and remembers the language", () => {
    expect(format("Round {round} of {max}", { round: 2, max: 9 })).toBe("Round 2 of 9");
    const saved = new Map<string, string>();
    const storage = { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => void saved.set(k, v) } as unknown as Storage;
    const i18n = I18n.fromStorage(storage, "en-GB");
    expect(i18n.language).toBe("en");
    (globalThis as { document?: unknown }).document ??= { documentElement: {} };
    i18n.setLanguage("ja");
    expect(I18n.fromStorage(storage, "en-GB").language).toBe("ja");
    expect(i18n.t("app.title")).toBe("関税交渉");
  });
});

describe("line breaking", () => {
  const measure = (s: string) => [...s].length;
  it("keeps English words whole", () => {
    expect(wrapLines("the car tariff is the crux", 12, measure)).toEqual(["the car", "tariff is", "the crux"]);
  });
  it("breaks Japanese between characters but never before closing punctuation", () => {
    const lines = wrapLines("自動車関税が最大の争点だ。日本は撤廃を求める。", 6, measure);
    expect(lines.every((l) => measure(l) <= 7)).toBe(true);
    expect(lines.some((l) => l.startsWith("。"))).toBe(false);
    expect(breakableTokens("G7サミット")).toEqual(["G7", "サ", "ミ", "ッ", "ト"]);
  });
});

describe("server replies", () => {
  it("turns a refused join into a code and a sentence", () => {
    const e = lobbyError(new Error("SIDE_FULL: japan already has 6 players; join the other side or as a spectator."));
    expect(e.code).toBe("SIDE_FULL");
    expect(e.message).toContain("japan already has 6 players");
  });
});
