import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ja } from "../../client/src/i18n/ja.js";
import { scenarioTextJa } from "../../client/src/i18n/scenario-ja.js";

/**
 * Every Japanese text the players see uses the terms docs/glossary-ja.md chooses: a text that uses
 * a rejected term fails here, with the key, the term and the chosen word.
 */

type Rule = { concept: string; chosen: string; rejected: RegExp; term: string };

function glossaryRules(): Rule[] {
  const markdown = readFileSync(path.resolve("docs/glossary-ja.md"), "utf8");
  const rules: Rule[] = [];
  for (const line of markdown.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    // | concept | chosen | rejected | why |  → ["", concept, chosen, rejected, why, ""]
    if (cells.length < 6 || cells[1] === "concept" || cells[1] === "concept (English)" || /^-+$/.test(cells[1]!)) continue;
    const [, concept, chosen, rejected] = cells as [string, string, string, string];
    if (!rejected || rejected === "—") continue;
    // Terms are separated by ", "; "(U+00B7)" after a term only names the character.
    for (const term of rejected.split(/,\s+/)) {
      const trimmed = term.replace(/\s*\(U\+[0-9A-F]+\)$/, "").trim();
      if (!trimmed) continue;
      const regex = /^\/(.*)\/$/.exec(trimmed);
      rules.push({ concept, chosen, term: trimmed, rejected: regex ? new RegExp(regex[1]!, "u") : new RegExp(trimmed.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "u") });
    }
  }
  return rules;
}

const texts: [string, string][] = [...Object.entries(ja).map(([k, v]) => [`ja.ts ${k}`, v] as [string, string]), ...Object.entries(scenarioTextJa).map(([k, v]) => [`scenario-ja.ts ${k}`, v] as [string, string])];

describe("the Japanese glossary", () => {
  const rules = glossaryRules();

  it("has rules to check (the table parses)", () => {
    expect(rules.length).toBeGreaterThanOrEqual(15);
    expect(rules.map((r) => r.term)).toEqual(expect.arrayContaining(["上乗せ関税", "非関税障壁", "首席交渉官", "対局", "学生", "ナッシュ点", "·"]));
  });

  it("no Japanese text uses a rejected term", () => {
    const found: string[] = [];
    for (const [key, text] of texts) {
      for (const rule of rules) if (rule.rejected.test(text)) found.push(`${key}: "${rule.term}" (use ${rule.chosen}; ${rule.concept})`);
    }
    expect(found).toEqual([]);
  });

  it("the check is live: a text with a rejected term is caught", () => {
    const caught = (text: string) => rules.filter((r) => r.rejected.test(text)).map((r) => r.term);
    expect(caught("米国産米の輸入")).toContain("米国産米");
    expect(caught("W 離席")).toContain("/離席(?!中)/");
    expect(caught("離席中")).toEqual([]);
    expect(caught("期限: 8月1日")).toContain("/[^\\x00-\\x7F]: /");
  });

  it("uses the chosen terms where the concept appears", () => {
    const all = texts.map(([, t]) => t).join("\n");
    for (const term of ["相互関税", "非関税措置", "ミニマム・アクセス", "交渉担当大臣", "コメ", "ナッシュ交渉解", "対戦", "参加者", "出典"]) expect(all).toContain(term);
  });
});
