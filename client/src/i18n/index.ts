import { en, type Catalogue, type MessageKey } from "./en.js";
import { ja } from "./ja.js";
import { scenarioTextEn } from "virtual:tt-scenario-en";
import { scenarioTextJa } from "./scenario-ja.js";

/**
 * The message catalogue: `t(key, params)` for the interface, `content(key, fallback)` for the
 * scenario's own texts (translated where a translation exists, the scenario's English otherwise).
 * The choice of language lives in localStorage so a class keeps it between visits.
 */

export const languages = ["en", "ja"] as const;
export type Language = (typeof languages)[number];

const catalogues: Record<Language, Catalogue> = { en, ja };
const STORAGE_KEY = "tariffTalks.lang";

export type Params = Record<string, string | number>;

export function format(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translate(language: Language, key: MessageKey, params?: Params): string {
  return format(catalogues[language][key] ?? en[key] ?? key, params);
}

/**
 * A scenario text in the player's language. The Japanese in scenario-ja.ts translates the built-in
 * scenario's English under the same key, so it replaces `fallback` only when `fallback` is that
 * English: an uploaded scenario reusing a key (`story`, `side.japan`, `issue.A`) keeps its own words.
 */
export function translateContent(language: Language, key: string, fallback: string): string {
  if (language !== "ja" || !Object.hasOwn(scenarioTextJa, key) || scenarioTextEn[key] !== fallback) return fallback;
  return scenarioTextJa[key]!;
}

export class I18n {
  private listeners = new Set<() => void>();

  constructor(
    public language: Language,
    private storage: Pick<Storage, "setItem"> | null = null,
  ) {}

  static fromStorage(storage: Storage | null, browserLanguage = ""): I18n {
    const stored = storage?.getItem(STORAGE_KEY);
    const language: Language = stored === "en" || stored === "ja" ? stored : browserLanguage.startsWith("ja") ? "ja" : "en";
    return new I18n(language, storage);
  }

  t = (key: MessageKey, params?: Params): string => translate(this.language, key, params);

  /** Scenario texts by a stable key such as `issue.A`, `option.A.15`, `side.japan`. */
  content = (key: string, fallback: string): string => translateContent(this.language, key, fallback);

  setLanguage(language: Language): void {
    this.language = language;
    this.storage?.setItem(STORAGE_KEY, language);
    document.documentElement.lang = language;
    for (const listener of this.listeners) listener();
  }

  toggle(): void {
    this.setLanguage(this.language === "en" ? "ja" : "en");
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export type { MessageKey };
