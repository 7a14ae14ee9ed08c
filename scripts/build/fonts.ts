import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Blob, Face } from "harfbuzzjs";
import subsetFont from "subset-font";
import type { Plugin } from "vite";

/**
 * The game's own fonts, cut at build time to the characters the game can show, so a machine
 * without Japanese (or any) system fonts still renders every screen:
 * - "TT Sans": Noto Sans (Latin, Latin-ext, Greek), 400 and 700, for the interface, with the
 *   symbols it draws (● ★ ▶ ⚠ ✓ ⏱ ← →) from Noto Sans Symbols 2 and Noto Sans Math;
 * - "TT Sans JP": Noto Sans JP 400 for Japanese (bold is synthesised: a second weight would double it).
 * The characters are every one used in client/src and shared/ (catalogues, scenarios, bot chat,
 * symbols drawn by code) plus printable ASCII. Each source file of the @fontsource packages
 * becomes at most one face holding the characters it covers, with an exact unicode-range, so a
 * browser downloads only the faces a screen's text needs. The Japanese face is cut in two: the
 * characters of the title screen, and the rest, so the first screen needs only the small one.
 * Served as virtual:tt-fonts (URLs and ranges) and emitted under assets/fonts/ with the OFL.
 */

export type FontFamily = "TT Sans" | "TT Sans JP";
export type BuiltFace = { family: FontFamily; weight: 400 | 700; file: string; unicodeRange: string; chars: string; title: boolean };
type Built = { faces: (BuiltFace & { bytes: Buffer })[]; missing: string; licence: string };

const require = createRequire(import.meta.url);
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, pattern) : pattern.test(name) ? [full] : [];
  });
}

/** Every character the game can draw from its own sources, ASCII included. */
export function gameCharacters(root = ROOT): string {
  const chars = new Set<string>();
  for (let c = 0x20; c <= 0x7e; c++) chars.add(String.fromCharCode(c));
  for (const file of [...filesUnder(path.join(root, "client/src"), /\.ts$/), ...filesUnder(path.join(root, "shared"), /\.(ts|json)$/)]) {
    for (const ch of readFileSync(file, "utf8")) if (ch.codePointAt(0)! > 0x7e && !/\s/.test(ch)) chars.add(ch);
  }
  return [...chars].sort().join("");
}

/**
 * The title screen's own characters in Japanese: the values of its keys (app.*, title.*, lang.*,
 * error.*, loading) in the catalogue, and the side names. Read from the source text (one
 * `"key": "value",` per line) because the build runs before any TypeScript is compiled.
 */
export function titleCharacters(root = ROOT): string {
  const entries = (file: string) =>
    [...readFileSync(path.join(root, file), "utf8").matchAll(/^\s*"([\w.]+)":\s*"((?:[^"\\]|\\.)*)",?\s*$/gm)].map((m) => [m[1]!, m[2]!] as const);
  const texts = [...entries("client/src/i18n/ja.ts"), ...entries("client/src/i18n/ja-class.ts")].filter(([key]) => /^(app|title|lang|error|loading)\b/.test(key)).map(([, value]) => value);
  texts.push(...entries("client/src/i18n/scenario-ja.ts").filter(([key]) => key.startsWith("side.")).map(([, value]) => value));
  if (texts.length < 20) throw new Error("scripts/build/fonts.ts: the title's Japanese strings were not found in client/src/i18n/ja.ts");
  return [...new Set(texts.join(""))].join("");
}

/** A compact CSS unicode-range for a set of characters. */
export function unicodeRange(chars: string): string {
  const points = [...new Set([...chars].map((c) => c.codePointAt(0)!))].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < points.length; ) {
    let j = i;
    while (j + 1 < points.length && points[j + 1] === points[j]! + 1) j++;
    const hex = (n: number) => n.toString(16).toUpperCase();
    parts.push(i === j ? `U+${hex(points[i]!)}` : `U+${hex(points[i]!)}-${hex(points[j]!)}`);
    i = j + 1;
  }
  return parts.join(",");
}

/** The characters of `wanted` that the font in `source` has glyphs for. */
async function covered(source: Buffer, wanted: string): Promise<string> {
  if (!wanted) return "";
  const sfnt = await subsetFont(source, wanted, { targetFormat: "truetype" });
  const have = new Set(new Face(new Blob(new Uint8Array(sfnt)), 0).collectUnicodes());
  return [...wanted].filter((c) => have.has(c.codePointAt(0)!)).join("");
}

/** `oneWeight`: the font has a regular face only, registered for bold too (else bold text falls back to a system font without the symbol: ⏱ drawn as a box). */
type Source = { family: FontFamily; file: string; weights: (400 | 700)[]; label: string; oneWeight?: boolean };

function sources(): Source[] {
  const latin = path.join(packageDir("@fontsource/noto-sans"), "files");
  const jp = path.join(packageDir("@fontsource/noto-sans-jp"), "files");
  const slices = readdirSync(jp)
    .map((name) => /^noto-sans-jp-(\d+)-400-normal\.woff2$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((m) => ({ family: "TT Sans JP" as const, file: path.join(jp, m[0]), weights: [400 as const], label: `jp-${m[1]}` }));
  return [
    ...["latin", "latin-ext", "greek"].map((subset) => ({ family: "TT Sans" as const, file: path.join(latin, `noto-sans-${subset}-400-normal.woff2`), weights: [400 as const, 700 as const], label: subset })),
    // The interface's symbols (● ★ ▶ ⚠ ✓ ⏱ …) from one small face rather than a dozen Japanese slices.
    { family: "TT Sans", file: path.join(packageDir("@fontsource/noto-sans-symbols-2"), "files", "noto-sans-symbols-2-symbols-400-normal.woff2"), weights: [400, 700], label: "symbols", oneWeight: true },
    { family: "TT Sans", file: path.join(packageDir("@fontsource/noto-sans-math"), "files", "noto-sans-math-latin-400-normal.woff2"), weights: [400, 700], label: "arrows", oneWeight: true },
    { family: "TT Sans JP", file: path.join(jp, "noto-sans-jp-japanese-400-normal.woff2"), weights: [400], label: "jp" },
    ...slices,
  ];
}

async function buildFaces(chars: string, titleChars: string): Promise<Built> {
  let left = chars;
  const faces: Built["faces"] = [];
  const hash = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex").slice(0, 10);
  const add = async (source: Source, weight: 400 | 700, part: string, title: boolean, label: string) => {
    if (!part) return;
    const file = weight === 400 || source.oneWeight ? source.file : source.file.replace("-400-normal", "-700-normal");
    const bytes = await subsetFont(readFileSync(file), part, { targetFormat: "woff2" });
    const slug = source.family === "TT Sans" ? "tt-sans" : "tt-sans-jp";
    faces.push({ family: source.family, weight, file: `assets/fonts/${slug}-${label}-${weight}-${hash(bytes)}.woff2`, unicodeRange: unicodeRange(part), chars: part, title, bytes });
  };
  for (const source of sources()) {
    const have = await covered(readFileSync(source.file), left);
    if (!have) continue;
    left = [...left].filter((c) => !have.includes(c)).join("");
    for (const weight of source.weights) {
      if (source.label === "jp") {
        // The title screen's characters apart, so the first screen downloads a few kilobytes of Japanese.
        await add(source, weight, [...have].filter((c) => titleChars.includes(c)).join(""), true, "jp-title");
        await add(source, weight, [...have].filter((c) => !titleChars.includes(c)).join(""), false, "jp");
      } else await add(source, weight, have, source.family === "TT Sans", source.label);
    }
  }
  const licence = [
    "The fonts in this folder are cut from Noto Sans, Noto Sans JP, Noto Sans Symbols 2 and Noto Sans Math",
    "(Google; packaged by Fontsource), all under the SIL Open Font License 1.1, reproduced below.",
    "",
    readFileSync(path.join(packageDir("@fontsource/noto-sans-jp"), "LICENSE"), "utf8"),
  ].join("\n");
  return { faces, missing: left, licence };
}

/** Built faces, cached on disk under node_modules/.cache by the characters and the font packages' versions. */
export async function gameFonts(root = ROOT): Promise<Built> {
  const chars = gameCharacters(root);
  const titleChars = titleCharacters(root);
  const versions = ["@fontsource/noto-sans", "@fontsource/noto-sans-jp", "@fontsource/noto-sans-symbols-2", "@fontsource/noto-sans-math", "subset-font"].map((name) => (JSON.parse(readFileSync(path.join(packageDir(name), "package.json"), "utf8")) as { version: string }).version);
  // `v`: the way faces are cut (2: the symbol faces registered for bold too).
  const key = createHash("sha256").update(JSON.stringify({ chars, titleChars, versions, v: 2 })).digest("hex").slice(0, 16);
  const cacheDir = path.join(root, "node_modules/.cache/tt-fonts", key);
  const manifest = path.join(cacheDir, "manifest.json");
  if (existsSync(manifest)) {
    const cached = JSON.parse(readFileSync(manifest, "utf8")) as { faces: BuiltFace[]; missing: string; licence: string };
    return { ...cached, faces: cached.faces.map((f) => ({ ...f, bytes: readFileSync(path.join(cacheDir, path.basename(f.file))) })) };
  }
  const built = await buildFaces(chars, titleChars);
  mkdirSync(cacheDir, { recursive: true });
  for (const face of built.faces) writeFileSync(path.join(cacheDir, path.basename(face.file)), face.bytes);
  writeFileSync(manifest, JSON.stringify({ faces: built.faces.map(({ bytes: _bytes, ...face }) => face), missing: built.missing, licence: built.licence }));
  return built;
}

const VIRTUAL = "virtual:tt-fonts";
const LICENCE_FILE = "assets/fonts/LICENSE-OFL.txt";

/** The Vite plugin: `import { faces } from "virtual:tt-fonts"` in the client; the files in the build (and from the dev server). */
export function fontsPlugin(): Plugin {
  let built: Promise<Built> | null = null;
  let base = "/";
  let building = false;
  const fonts = () => (built ??= gameFonts());
  return {
    name: "tariff-talks:fonts",
    configResolved(config) {
      base = config.base;
      building = config.command === "build";
    },
    async buildStart() {
      // Only a build says what it cannot cover; elsewhere (dev server, Vitest) the faces are cut when first imported.
      if (!building) return;
      const { missing } = await fonts();
      if (missing) this.warn(`no bundled glyph for ${[...missing].map((c) => `${c} U+${c.codePointAt(0)!.toString(16).toUpperCase()}`).join(", ")} (a system font draws these)`);
    },
    resolveId(id) {
      return id === VIRTUAL ? `\0${VIRTUAL}` : null;
    },
    async load(id) {
      if (id !== `\0${VIRTUAL}`) return null;
      const { faces } = await fonts();
      const list = faces.map(({ family, weight, file, unicodeRange: range, title }) => ({ family, weight, url: `${base}${file}`, unicodeRange: range, title }));
      return `export const faces = ${JSON.stringify(list)};\n`;
    },
    async generateBundle() {
      const { faces, licence } = await fonts();
      for (const face of faces) this.emitFile({ type: "asset", fileName: face.file, source: face.bytes });
      this.emitFile({ type: "asset", fileName: LICENCE_FILE, source: licence });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const wanted = (req.url ?? "").replace(base, "");
        void fonts().then(({ faces, licence }) => {
          const face = faces.find((f) => f.file === wanted);
          if (face) {
            res.setHeader("Content-Type", "font/woff2");
            res.end(face.bytes);
          } else if (wanted === LICENCE_FILE) res.end(licence);
          else next();
        });
      });
    },
  };
}
