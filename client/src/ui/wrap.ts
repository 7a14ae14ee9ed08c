import type Phaser from "phaser";

/**
 * Line breaking that also works for Japanese: Phaser's own word wrap breaks only at spaces, so a
 * Japanese sentence would run off the screen. Latin words stay whole; a CJK character may end a
 * line anywhere except before closing punctuation (kinsoku), which stays with the character before.
 */

const CJK = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const NO_LINE_START = /^[、。，．・：；？！ー）」』】〕〉》”’％）]/;

/** Splits a paragraph into pieces that may end a line. */
export function breakableTokens(text: string): string[] {
  const tokens: string[] = [];
  let current = "";
  for (const ch of text) {
    if (CJK.test(ch)) {
      if (NO_LINE_START.test(ch) && (current || tokens.length)) {
        current += ch;
        continue;
      }
      if (current) tokens.push(current);
      current = ch;
    } else if (ch === " ") {
      current += ch;
      tokens.push(current);
      current = "";
    } else {
      if (current && CJK.test([...current].at(-1) ?? "") && !NO_LINE_START.test(ch)) {
        tokens.push(current);
        current = "";
      }
      current += ch;
    }
  }
  if (current) tokens.push(current);
  return tokens;
}

export function wrapLines(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const token of breakableTokens(paragraph)) {
      const candidate = line + token;
      if (line && measure(candidate.trimEnd()) > maxWidth) {
        lines.push(line.trimEnd());
        line = token.trimStart();
      } else line = candidate;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** A Phaser word-wrap callback measuring with the text object's own canvas context. */
export function wrapCallback(text: string, textObject: Phaser.GameObjects.Text): string[] {
  const width = textObject.style.wordWrapWidth || Infinity;
  return wrapLines(text, width, (s) => textObject.context.measureText(s).width);
}
