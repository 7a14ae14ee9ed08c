import { describe, expect, it } from "vitest";
import { ClassSaver } from "../../../server/classroom/class-saver.js";
import type { ClassRecord } from "../../../server/classroom/class-record.js";

/** Group commit of a class file: saves that arrive during a write go out together in the next one. */

const version = (n: number) => ({ code: "ABCDEFGH", createdAt: String(n) }) as unknown as ClassRecord;
const n = (record: ClassRecord) => Number(record.createdAt);

/** A disk whose writes finish when the test says so. */
function slowDisk() {
  const written: number[] = [];
  const pending: { record: ClassRecord; finish: (error?: Error) => void }[] = [];
  const write = (record: ClassRecord) => new Promise<void>((resolve, reject) => pending.push({ record, finish: (error) => (error ? reject(error) : (written.push(n(record)), resolve())) }));
  const finishNext = async (error?: Error) => {
    for (let i = 0; i < 100 && pending.length === 0; i++) await new Promise((r) => setImmediate(r));
    pending.shift()!.finish(error);
    await new Promise((r) => setImmediate(r));
  };
  return { written, pending, write, finishNext };
}

describe("class file group commit", () => {
  it("answers each save only after a write that holds it, and batches the saves made during a write", async () => {
    const disk = slowDisk();
    const saved: number[] = [];
    const saver = new ClassSaver(disk.write, (record) => saved.push(n(record)));
    const answered: number[] = [];
    const save = (v: number) => saver.save(version(v)).then(() => answered.push(v));
    const first = save(1);
    const rest = [2, 3, 4, 5, 6].map(save);
    await new Promise((r) => setImmediate(r));
    expect(disk.pending.map((p) => n(p.record))).toEqual([1]);
    expect(answered).toEqual([]);
    await disk.finishNext();
    await first;
    // Only save 1 is on disk: 2…6 wait for the next write, which holds the latest record, 6.
    expect(answered).toEqual([1]);
    expect(disk.pending.map((p) => n(p.record))).toEqual([6]);
    await disk.finishNext();
    await Promise.all(rest);
    expect(answered).toEqual([1, 2, 3, 4, 5, 6]);
    expect(disk.written).toEqual([1, 6]);
    expect(saved).toEqual([1, 6]);
    expect(saver.writes).toBe(2);
    // Idle again: the next save is written at once.
    const later = save(7);
    await disk.finishNext();
    await later;
    expect(disk.written).toEqual([1, 6, 7]);
  });

  it("fails every save a failed write covered, and every later one", async () => {
    const disk = slowDisk();
    const saver = new ClassSaver(disk.write);
    const a = saver.save(version(1));
    const b = saver.save(version(2)).then(() => "saved", (error: Error) => error.message);
    await disk.finishNext();
    await a;
    await disk.finishNext(new Error("disk full"));
    expect(await b).toBe("disk full");
    expect(saver.failed?.message).toBe("disk full");
    await expect(saver.save(version(3))).rejects.toThrow(/disk full/);
    expect(disk.pending).toHaveLength(0);
    expect(disk.written).toEqual([1]);
  });
});

describe("a change that changed nothing", () => {
  it("writes nothing, but waits for a write in flight", async () => {
    const disk = slowDisk();
    const saver = new ClassSaver(disk.write);
    await saver.synced();
    const a = saver.save(version(1));
    let synced = false;
    const waiting = saver.synced().then(() => (synced = true));
    await new Promise((r) => setImmediate(r));
    expect(synced).toBe(false);
    await disk.finishNext();
    await Promise.all([a, waiting]);
    expect(synced).toBe(true);
    expect(disk.written).toEqual([1]);
    await saver.synced();
    expect(disk.pending).toHaveLength(0);
  });
});
