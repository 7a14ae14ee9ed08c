import { promises as fs } from "node:fs";
import path from "node:path";
import { classRecordSchema, type ClassRecord } from "./class-record.js";

/**
 * Classes on disk, one JSON file each. A save writes a temporary file, fsyncs it, renames it
 * over the old one and fsyncs the folder: a crash leaves the old class or the new one, never half.
 */

export const classesDir = (dataDir: string): string => path.join(dataDir, "classes");
const classPath = (dataDir: string, code: string): string => path.join(classesDir(dataDir), `${code}.json`);

export async function saveClass(dataDir: string, record: ClassRecord): Promise<void> {
  const dir = classesDir(dataDir);
  await fs.mkdir(dir, { recursive: true });
  const final = classPath(dataDir, record.code);
  const temp = `${final}.${process.pid}.tmp`;
  try {
    const handle = await fs.open(temp, "w");
    try {
      await handle.writeFile(JSON.stringify(record));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, final);
  } catch (error) {
    // A full disk or unwritable folder leaves no temporary file behind; the old class file stays.
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  const dirHandle = await fs.open(dir, "r");
  try {
    await dirHandle.sync();
  } finally {
    await dirHandle.close();
  }
}

/** Every class file that parses; a damaged one is reported and skipped, not fatal. */
export async function loadClasses(dataDir: string): Promise<ClassRecord[]> {
  const names = await fs.readdir(classesDir(dataDir)).catch(() => [] as string[]);
  const records: ClassRecord[] = [];
  for (const name of names.filter((n) => n.endsWith(".json"))) {
    const text = await fs.readFile(path.join(classesDir(dataDir), name), "utf8").catch(() => "");
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      raw = undefined;
    }
    const parsed = classRecordSchema.safeParse(raw);
    if (parsed.success) records.push(parsed.data);
    else console.warn(`Class file ${name} could not be read; skipped.`);
  }
  return records;
}

/** One class read again from its file (cluster: another process changed it, or this one takes it over); undefined if missing or damaged. */
export async function loadClass(dataDir: string, code: string): Promise<ClassRecord | undefined> {
  const text = await fs.readFile(classPath(dataDir, code), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = classRecordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
