import { describe, expect, it } from "vitest";
import { outcomeKinds } from "../../shared/index.js";
import { en, type MessageKey } from "../../client/src/i18n/en.js";
import { languages, translate } from "../../client/src/i18n/index.js";

/** The result and replay screens show `result.<outcome kind>`: every kind the engine can end with needs its line. */
describe("outcome lines", () => {
  it("has a sentence for every outcome kind in every language", () => {
    for (const kind of outcomeKinds) {
      const key = `result.${kind}` as MessageKey;
      expect(en[key], key).toBeTruthy();
      for (const language of languages) expect(translate(language, key, { round: 4, side: "Japan" }), `${language} ${key}`).not.toContain("{");
    }
  });

  it("says the instructor ended a stopped match, with no deal", () => {
    expect(translate("en", "result.stopped", { round: 4, side: "" })).toBe("The instructor ended the match in round 4 — no deal.");
    expect(translate("ja", "result.stopped", { round: 4, side: "" })).toContain("合意なし");
  });
});
