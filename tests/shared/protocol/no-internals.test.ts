import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Colyseus is used through its documented API only: nothing of ours reads or replaces a private
 * member or an internal method of a library (the next upgrade would break it silently), and no
 * room is cast to another room class (the classroom reaches tables through the match registry).
 */
const forbidden: [RegExp, string][] = [
  [/\b_serializer\b/, "Room's private _serializer"],
  [/\bapplyPatches\b/, "the serializer's internal applyPatches"],
  [/override\s+broadcastPatch|broadcastPatch\s*=(?!=)/, "an override of broadcastPatch"],
  [/\bsharedBuffer\b|\bfullEncodeBuffer\b|\bencoder\.(state|root|sharedBuffer)\b/, "encoder buffers"],
  [/decode\.string|\bdecode\s*\.\s*\w+\s*=(?!=)/, "the schema decoder's functions"],
  [/onMessageCallback/, "the SDK room's internal message callback"],
  [/\.prototype(\.\w+|\[[^\]]+\])\s*=(?!=)/, "an assignment to a prototype"],
  [/getLocalRoomById/, "a local room lookup (use the match registry)"],
  [/as unknown as [A-Z]\w*Room\b/, "a cast between room classes"],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules" || name === "dist") return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs|js)$/.test(path) ? [path] : [];
  });
}

/** Comments may name what is forbidden (to say why); code may not. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");

describe("no library internals", () => {
  const root = join(import.meta.dirname, "../../..");
  const files = ["server", "client/src", "shared", "scripts", "tests"].flatMap((dir) => sourceFiles(join(root, dir)));
  const self = relative(root, import.meta.filename);

  it("finds the source to check", () => expect(files.length).toBeGreaterThan(100));

  it("nothing reads or replaces a private member of Colyseus or casts between rooms", () => {
    const found: string[] = [];
    for (const file of files) {
      if (relative(root, file) === self) continue;
      const text = code(readFileSync(file, "utf8"));
      for (const [pattern, what] of forbidden) if (pattern.test(text)) found.push(`${relative(root, file)}: ${what}`);
    }
    expect(found).toEqual([]);
  });

  it("would catch one (the check itself works)", () => {
    const planted = code("const s = room._serializer; // reads a private member\nClientRoom.prototype.onMessageCallback = f;");
    expect(forbidden.filter(([pattern]) => pattern.test(planted)).length).toBeGreaterThanOrEqual(2);
  });
});
