import { faces } from "virtual:tt-fonts";

/**
 * The game's bundled fonts (scripts/build/fonts.ts cuts them to the game's own characters):
 * "TT Sans" for the interface and its symbols, "TT Sans JP" for Japanese. Every face is
 * registered with its unicode-range at start, so the DOM title downloads only the faces its text
 * needs. Canvas text (Phaser) does not wait for a font, and is not redrawn when one arrives, so
 * the game loads the faces of its language before a scene draws (`fontsReady`).
 */

const registered: { face: FontFace; family: string; title: boolean }[] = [];

export function registerFonts(): void {
  if (registered.length > 0 || typeof FontFace === "undefined") return;
  for (const spec of faces) {
    const face = new FontFace(spec.family, `url(${spec.url}) format("woff2")`, { weight: String(spec.weight), unicodeRange: spec.unicodeRange, display: "swap" });
    // FontFaceSet is set-like; TypeScript's DOM library (without DOM.Iterable) does not declare `add`.
    (document.fonts as unknown as { add(face: FontFace): void }).add(face);
    registered.push({ face, family: spec.family, title: spec.title });
  }
}

/** Resolves when every face of `which` has loaded (or failed: a missing font must not stop the game), or after `timeoutMs`. */
function settle(which: (entry: (typeof registered)[number]) => boolean, timeoutMs: number): Promise<void> {
  const loads = registered.filter(which).map((entry) => entry.face.load().then(() => undefined, () => undefined));
  return Promise.race([Promise.all(loads).then(() => undefined), new Promise<void>((resolve) => window.setTimeout(resolve, timeoutMs))]);
}

/** The faces canvas text of `language` needs: the interface's always, Japanese's for "ja" (started in the background for "en": names may be Japanese). */
export function fontsReady(language: string, timeoutMs = 8000): Promise<void> {
  registerFonts();
  const japanese = settle((e) => e.family === "TT Sans JP", timeoutMs);
  const latin = settle((e) => e.family === "TT Sans", timeoutMs);
  return language === "ja" ? Promise.all([latin, japanese]).then(() => undefined) : latin;
}

/** For the title page: the faces that its text uses (the browser picks them by unicode-range). */
export function titleFontsReady(text: string, timeoutMs = 3000): Promise<void> {
  registerFonts();
  const loads = [`16px ${fonts.body}`, `bold 16px ${fonts.body}`].map((font) => document.fonts.load(font, text).then(() => undefined, () => undefined));
  return Promise.race([Promise.all(loads).then(() => undefined), new Promise<void>((resolve) => window.setTimeout(resolve, timeoutMs))]);
}

/** Font stacks: the bundled faces first, so every machine draws the same glyphs; system fonts only for what they lack. */
export const fonts = {
  body: '"TT Sans", "TT Sans JP", "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, sans-serif',
  heading: 'Georgia, "Noto Serif", "DejaVu Serif", "TT Sans", "TT Sans JP", serif',
};
