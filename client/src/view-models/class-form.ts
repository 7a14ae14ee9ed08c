import { difficultyNames, strategyNames } from "../../../shared/bots/spec.js";
import { eventModes } from "../../../shared/engine/actions.js";
import type { ClassSettingsBody } from "../net/class-connection.js";
import type { ScenarioUpload } from "./scenario-upload.js";

/**
 * The "open a class" form as data: its choices, its defaults (the server's, see
 * `classSettingsSchema` in server/classroom/class-record.ts) and the body it sends. Pure, so the
 * scene only draws it and the tests check it without a browser.
 */

export type EventMode = (typeof eventModes)[number];

export type ClassForm = {
  scenario: string;
  playersPerSide: number;
  roles: boolean;
  /** What is typed in the rounds field: "" keeps the scenario's calendar. */
  rounds: string;
  turnSeconds: number;
  /** How long tables stay in the briefing at most (0 = none). */
  briefingSeconds: number;
  events: EventMode;
  privateVariant: boolean;
  bots: boolean;
  botStrategy: string;
  /**
   * The instructor's own scenario file, checked in the browser; the class plays it instead of
   * `scenario` (sent with `PUT /api/classes/:code/scenario` once the class is open). null: none.
   */
  upload: ScenarioUpload | null;
};

export const playersPerSideChoices = [1, 2, 3, 4] as const;
export const turnClockChoices = [0, 60, 120, 300] as const;
export const briefingChoices = [0, 120, 300, 600] as const;
export const eventModeChoices: readonly EventMode[] = eventModes;
/** What the server accepts as `botStrategy`: a difficulty or a strategy (docs/bots.md). */
export const botChoices: readonly string[] = [...difficultyNames, ...strategyNames];
export const MAX_ROUNDS = 100;

export function defaultClassForm(scenario = "tariff-talks-2025"): ClassForm {
  return { scenario, playersPerSide: 2, roles: true, rounds: "", turnSeconds: 0, briefingSeconds: 300, events: "historical", privateVariant: false, bots: true, botStrategy: "normal", upload: null };
}

export type FormProblem = "rounds";

/** The rounds field: "" → the calendar; otherwise a whole number 1–100 (spaces ignored). */
export function parseRounds(text: string): { ok: true; rounds: number | undefined } | { ok: false } {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, rounds: undefined };
  if (!/^\d{1,3}$/.test(trimmed)) return { ok: false };
  const rounds = Number(trimmed);
  return rounds >= 1 && rounds <= MAX_ROUNDS ? { ok: true, rounds } : { ok: false };
}

/** The body of `POST /api/classes`, or what is wrong with the form (nothing is sent then, and nothing typed is lost). */
export function classSettingsBody(form: ClassForm): { ok: true; body: ClassSettingsBody } | { ok: false; problem: FormProblem } {
  const rounds = parseRounds(form.rounds);
  if (!rounds.ok) return { ok: false, problem: "rounds" };
  const body: ClassSettingsBody = {
    scenario: form.scenario,
    playersPerSide: form.playersPerSide,
    roles: form.roles,
    turnSeconds: form.turnSeconds,
    briefingSeconds: form.briefingSeconds,
    events: form.events,
    privateVariant: form.privateVariant,
    bots: form.bots,
    botStrategy: form.botStrategy,
    ...(rounds.rounds !== undefined ? { rounds: rounds.rounds } : {}),
  };
  return { ok: true, body };
}

/** A turn clock for people: "off", "60 s", "2 min", "5 min". */
export function clockLabel(seconds: number, words: { off: string; seconds: string; minutes: string }): string {
  if (seconds === 0) return words.off;
  if (seconds % 60 === 0 && seconds >= 120) return words.minutes.replace("{n}", String(seconds / 60));
  return words.seconds.replace("{n}", String(seconds));
}
