import { describe, expect, it } from "vitest";
import { descendants, parseXml } from "../../../shared/util/xml.js";

/** The small XML reader under the GENIUS import: attributes, nesting, and clear refusals. */

describe("parseXml", () => {
  it("reads elements and attributes, decoding entities, skipping comments, declarations, CDATA and text", () => {
    const parsed = parseXml(
      `<!-- a comment before the declaration, as some ANAC files have -->\n<?xml version="1.0"?>\n<!DOCTYPE x>\n` +
        `<root a="1" b='two &amp; &lt;three&gt; &#65;&#x42;'>\n  text <![CDATA[<ignored/>]]>\n  <child index="1"/>\n  <child index="2">\t<leaf v="x"></leaf></child>\n</root>\n`,
    );
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.root.name).toBe("root");
    expect(parsed.root.attributes).toEqual({ a: "1", b: "two & <three> AB" });
    expect(parsed.root.children.map((c) => [c.name, c.attributes.index, c.line])).toEqual([["child", "1", 6], ["child", "2", 7]]);
    expect(descendants(parsed.root, "leaf").map((l) => l.attributes.v)).toEqual(["x"]);
  });

  it("refuses malformed input with the line", () => {
    const cases: [string, string][] = [
      ["<a>\n<b>\n</a>", "line 3: </a> does not close <b>"],
      ["<a>\n<b/>", "<a> (line 1) is never closed"],
      ["<a/>\n<b/>", "line 2: a second top-level element <b>"],
      ["<a x=1/>", "line 1: the tag <a> is malformed"],
      ["<!-- open", "line 1: a comment is not closed"],
      ["just text", "no XML element found"],
    ];
    for (const [text, message] of cases) expect(parseXml(text)).toEqual({ ok: false, message });
  });
});
