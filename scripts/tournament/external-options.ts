import { resolveBot } from "../../shared/bots/index.js";
import type { StdioBotLimits } from "../stdio-bot/stdio-bot.js";
import type { ExternalBot } from "./external.js";

/** Reads `--bot NAME=COMMAND` (repeatable) and the time limits, with messages a person can act on. */

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const NAME = /^[A-Za-z0-9_.-]{1,40}$/;

export function parseExternalBots(specs: readonly string[]): Parsed<ExternalBot[]> {
  const bots: ExternalBot[] = [];
  for (const spec of specs) {
    const equals = spec.indexOf("=");
    const name = equals < 0 ? "" : spec.slice(0, equals).trim();
    const command = equals < 0 ? "" : spec.slice(equals + 1).trim();
    if (!name || !command) return { ok: false, error: `--bot wants NAME=COMMAND, e.g. --bot mine="python3 bot.py", not "${spec}".` };
    if (!NAME.test(name)) return { ok: false, error: `Bot name "${name}": use 1–40 letters, digits and _ . - only.` };
    if (resolveBot(name).ok) return { ok: false, error: `Bot name "${name}" is a built-in bot's name; pick another.` };
    if (bots.some((b) => b.name === name)) return { ok: false, error: `Bot name "${name}" is given twice.` };
    bots.push({ name, command });
  }
  return { ok: true, value: bots };
}

const limitFlags = { "move-ms": "moveMs", "startup-ms": "startupMs", "budget-ms": "budgetMs" } as const;

export function parseLimits(values: Partial<Record<keyof typeof limitFlags, string | undefined>>): Parsed<Partial<StdioBotLimits>> {
  const limits: Partial<StdioBotLimits> = {};
  for (const [flag, key] of Object.entries(limitFlags) as [keyof typeof limitFlags, keyof StdioBotLimits][]) {
    const text = values[flag];
    if (text === undefined) continue;
    const ms = Number(text);
    if (!Number.isInteger(ms) || ms < (flag === "startup-ms" ? 0 : 1) || ms > 3_600_000) {
      return { ok: false, error: `--${flag} must be a whole number of milliseconds (up to an hour), not "${text}".` };
    }
    limits[key] = ms;
  }
  return { ok: true, value: limits };
}
