import type { Offer } from "../../../shared/index.js";
import { I18n } from "../i18n/index.js";
import type { MatchConnection, MatchLobby } from "../net/match-connection.js";

/**
 * What lives across scenes: the language, the lobby (ways into a match), the current
 * connection, and the player's choices (name, solo side and difficulty, the draft package).
 * Scenes are restarted on resize and language change, so anything they must keep lives here.
 * This module is part of the first chunk (the title page): it must not import Phaser or the
 * Colyseus SDK. The lobby is set by the game chunk when it starts (game/main.ts).
 */

const NAME_KEY = "tariffTalks.name";
const WALKTHROUGH_KEY = "tariffTalks.walkthroughSeen";

export const safeStorage = (pick: () => Storage): Storage | null => {
  try {
    return pick();
  } catch {
    return null;
  }
};

export class App {
  readonly i18n: I18n;
  /** Set by `startGame` (game/main.ts) before any scene runs. */
  lobby!: MatchLobby;
  connection: MatchConnection | null = null;
  name: string;
  soloSide = "japan";
  difficulty = "normal";
  /** The draft package on the table screen, per match code. */
  draft: { code: string; offer: Offer } | null = null;
  /** The briefing was reopened from the table (B): it stays up while the match runs, until the player goes back. */
  reviewingBriefing = false;
  /** Ids of headlines and proposals already announced, so a restarted scene does not repeat them. */
  seen = new Set<string>();
  private local: Storage | null;

  constructor() {
    this.local = safeStorage(() => window.localStorage);
    this.i18n = I18n.fromStorage(this.local, navigator.language);
    document.documentElement.lang = this.i18n.language;
    this.name = this.local?.getItem(NAME_KEY) ?? "";
  }

  setName(name: string): void {
    this.name = name.trim();
    this.local?.setItem(NAME_KEY, this.name);
  }

  playerName(): string {
    return this.name || (this.i18n.language === "ja" ? "プレイヤー" : "Player");
  }

  /** Whether this browser has seen (or skipped) the table's walkthrough; it opens by itself until then. */
  get walkthroughSeen(): boolean {
    return this.local?.getItem(WALKTHROUGH_KEY) === "1";
  }

  markWalkthroughSeen(): void {
    this.local?.setItem(WALKTHROUGH_KEY, "1");
  }

  setConnection(connection: MatchConnection | null): void {
    this.connection = connection;
    this.draft = null;
    this.reviewingBriefing = false;
    this.seen.clear();
  }
}

let instance: App | null = null;
export function app(): App {
  instance ??= new App();
  return instance;
}
