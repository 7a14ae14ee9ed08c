import { describe, expect, it } from "vitest";
import { botStrategies, difficultyPresets, resolveBot, strategyNames } from "../../shared/bots/index.js";

describe("resolveBot", () => {
  it("knows every strategy by name, in any case", () => {
    for (const name of strategyNames) {
      const upper = resolveBot(` ${name.toUpperCase()} `);
      expect(upper.ok && upper.value.strategy).toBe(name);
      expect(upper.ok && upper.value.params).toEqual(botStrategies[name].params);
    }
  });

  it("maps the difficulty presets to strategies with their parameters", () => {
    for (const [name, preset] of Object.entries(difficultyPresets)) {
      const resolved = resolveBot(name[0]!.toUpperCase() + name.slice(1));
      expect(resolved.ok).toBe(true);
      if (!resolved.ok) continue;
      expect(resolved.value).toMatchObject({ name, strategy: preset.strategy, params: preset.params });
    }
    expect(difficultyPresets.hard.strategy).toBe("adaptive");
  });

  it("returns a copy, so a caller cannot change a preset by accident", () => {
    const a = resolveBot("linear");
    if (a.ok) a.value.params.e = 99;
    expect(botStrategies.linear.params.e).toBe(1);
  });

  it("refuses an unknown name and lists the valid ones", () => {
    const resolved = resolveBot("genius");
    expect(resolved.ok).toBe(false);
    if (resolved.ok) return;
    expect(resolved.error.code).toBe("UNKNOWN_BOT");
    for (const name of [...strategyNames, "easy", "normal", "hard"]) expect(resolved.error.message).toContain(name);
  });
});
