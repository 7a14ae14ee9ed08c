import { saveAs, saveBlob } from "../../ui/download.js";

/**
 * Instructors' notes pinned to steps. A log from the server keeps its notes on the server,
 * beside the log (`/api/matches/:id/notes`, exported with it by `/export`); a file opened from
 * disk keeps them in this browser (localStorage) and downloads them as a notes file to keep
 * beside the .jsonl. Either way the log itself is never touched.
 */

export type Note = { id: string; step: number; text: string; author?: string; createdAt: string };

export interface NotesStore {
  readonly where: "server" | "browser";
  list(): Note[];
  load(): Promise<void>;
  add(step: number, text: string): Promise<Note>;
  remove(id: string): Promise<void>;
  /** Saves the log with its notes (server: the export; browser: the notes file). */
  download(): void;
}

const byStep = (notes: Note[]) => [...notes].sort((a, b) => a.step - b.step);

async function answer<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => ({}))) as T & { code?: string; message?: string };
  if (!response.ok) throw new Error(body.message ?? body.code ?? `HTTP ${response.status}`);
  return body;
}

export class ServerNotes implements NotesStore {
  readonly where = "server" as const;
  private notes: Note[] = [];
  constructor(
    private base: string,
    private matchId: string,
    /** The instructor key of the match's class, when this tab holds it: writing notes needs it. */
    private key?: string,
  ) {}

  private get auth(): Record<string, string> {
    return this.key ? { authorization: `Bearer ${this.key}` } : {};
  }

  private url(suffix = ""): string {
    return `${this.base}/api/matches/${encodeURIComponent(this.matchId)}/notes${suffix}`;
  }

  list(): Note[] {
    return this.notes;
  }

  async load(): Promise<void> {
    this.notes = byStep((await answer<{ notes: Note[] }>(await fetch(this.url()))).notes);
  }

  async add(step: number, text: string): Promise<Note> {
    const { note } = await answer<{ note: Note }>(await fetch(this.url(), { method: "POST", headers: { "content-type": "application/json", ...this.auth }, body: JSON.stringify({ step, text }) }));
    this.notes = byStep([...this.notes, note]);
    return note;
  }

  async remove(id: string): Promise<void> {
    await answer(await fetch(this.url(`/${encodeURIComponent(id)}`), { method: "DELETE", headers: this.auth }));
    this.notes = this.notes.filter((n) => n.id !== id);
  }

  download(): void {
    saveAs(`${this.base}/api/matches/${encodeURIComponent(this.matchId)}/export`, `${this.matchId}.export.json`);
  }
}

export class BrowserNotes implements NotesStore {
  readonly where = "browser" as const;
  private notes: Note[] = [];
  private key: string;
  constructor(
    private matchId: string,
    private storage: Storage | null,
  ) {
    this.key = `tariffTalks.notes.${matchId}`;
  }

  list(): Note[] {
    return this.notes;
  }

  async load(): Promise<void> {
    try {
      this.notes = byStep(JSON.parse(this.storage?.getItem(this.key) ?? "[]") as Note[]);
    } catch {
      this.notes = [];
    }
  }

  private save(): void {
    this.storage?.setItem(this.key, JSON.stringify(this.notes));
  }

  async add(step: number, text: string): Promise<Note> {
    const last = this.notes.reduce((n, note) => Math.max(n, Number(note.id.slice(1)) || 0), 0);
    const note: Note = { id: `n${last + 1}`, step, text: text.trim(), createdAt: new Date().toISOString() };
    this.notes = byStep([...this.notes, note]);
    this.save();
    return note;
  }

  async remove(id: string): Promise<void> {
    this.notes = this.notes.filter((n) => n.id !== id);
    this.save();
  }

  /** The same notes file the server keeps: `<id>.notes.json`, to put beside the log. */
  download(): void {
    const file = { format: "tariff-talks-notes", version: 1, matchId: this.matchId, notes: this.notes };
    saveBlob(new Blob([JSON.stringify(file, null, 2)], { type: "application/json" }), `${this.matchId}.notes.json`);
  }
}
