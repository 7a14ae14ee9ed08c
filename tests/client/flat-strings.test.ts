import v8 from "node:v8";
import vm from "node:vm";
import { decode, encode } from "@colyseus/schema";
import { describe, expect, it } from "vitest";
import { decodeFlatString, installFlatStringDecoder } from "../../client/src/net/flat-strings.js";

/** The flat string decoder reads exactly what @colyseus/schema's own does, and keeps far less of it alive. */

const originalDecodeString = decode.string;

function encoded(values: string[]): Uint8Array {
  const bytes = new Uint8Array(values.reduce((n, v) => n + 5 + Buffer.byteLength(v), 0));
  const it = { offset: 0 };
  for (const value of values) encode.string(bytes, value, it);
  return bytes.subarray(0, it.offset);
}

function decodeAll(bytes: Uint8Array, count: number, read: (bytes: Uint8Array, it: { offset: number }) => string): { values: string[]; offset: number } {
  const it = { offset: 0 };
  const values = Array.from({ length: count }, () => read(bytes, it));
  return { values, offset: it.offset };
}

const samples = [
  "",
  "p1",
  "twelve chars",
  "thirteen char",
  "a".repeat(31),
  "b".repeat(32),
  '{"id":"p12","side":"japan","by":"p1","round":6,"offer":{"autoTariff":"15","rice":"75pct"}}',
  "赤沢亮正経済再生担当大臣は、ラトニック商務長官と会談した。",
  "Emoji 🚗🌾 and accents: Ishiba, Tōkyō, Müller",
  "x".repeat(255),
  "y".repeat(256),
  "z".repeat(70_000),
];

describe("the flat string decoder", () => {
  it("decodes every string length and script as the schema decoder does, at the same offsets", () => {
    const bytes = encoded(samples);
    const flat = decodeAll(bytes, samples.length, decodeFlatString);
    const original = decodeAll(bytes, samples.length, originalDecodeString);
    expect(flat.values).toEqual(samples);
    expect(flat.values).toEqual(original.values);
    expect(flat.offset).toBe(original.offset);
    expect(flat.offset).toBe(bytes.length);
  });

  it("stops at the end of a truncated frame, as the schema decoder does", () => {
    const whole = encoded(["a proposal record cut short by a broken frame"]);
    const cut = whole.subarray(0, 20);
    expect(decodeFlatString(cut, { offset: 0 })).toBe(originalDecodeString(cut, { offset: 0 }));
  });

  it("is what the schema decoder uses once installed", () => {
    installFlatStringDecoder();
    installFlatStringDecoder();
    expect(decode.string).toBe(decodeFlatString);
  });

  it("keeps a decoded 250-character record in a small fraction of the memory", () => {
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    const record = JSON.stringify({ id: "p1", side: "japan", by: "p1", round: 1, offer: { note: "n".repeat(180) } });
    const bytes = encoded(Array.from({ length: 2000 }, () => record));
    const retainedPerString = (read: typeof decodeFlatString): number => {
      gc();
      const before = process.memoryUsage().heapUsed;
      const kept = decodeAll(bytes, 2000, read).values;
      gc();
      const after = process.memoryUsage().heapUsed;
      expect(kept[1999]).toBe(record);
      return (after - before) / kept.length;
    };
    const flat = retainedPerString(decodeFlatString);
    const original = retainedPerString(originalDecodeString);
    expect(flat).toBeLessThan(2 * record.length);
    expect(original).toBeGreaterThan(5 * flat);
  });
});
