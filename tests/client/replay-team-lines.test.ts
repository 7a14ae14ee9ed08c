import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { translate } from "../../client/src/i18n/index.js";
import { stepWords } from "../../client/src/scenes/replay/replay-panels.js";
import { openReplay } from "../../client/src/view-models/replay-model.js";

/** The replay's timeline marks a chat line to one's own team, which the other side never saw (EN and JA). */
describe("team lines in the replay", () => {
  const model = openReplay(readFileSync(path.resolve("tests/fixtures/logs/v1-agreement.jsonl"), "utf8"));
  if (!model.ok) throw new Error(model.error.message);
  const chats = model.value.steps.filter((s) => s.type === "chat");
  const view = model.value.viewAt(model.value.last);
  const words = (language: "en" | "ja") => ({ t: (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params), c: (_key: string, fallback: string) => fallback });

  it("says which lines went to the team only", () => {
    expect(chats.map((s) => [s.detail, s.team === true])).toEqual([["Shall we start with cars?", false], ["They want everything.", true]]);
    const [table, team] = chats.map((s) => stepWords(s, view, words("en")));
    expect(table).not.toContain("team");
    expect(team).toMatch(/\(team only\): “They want everything\.”$/);
    expect(stepWords(chats[1]!, view, words("ja"))).toMatch(/（チーム内）：「They want everything\.」$/);
  });
});
