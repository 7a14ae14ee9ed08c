/**
 * The numeric `--name value` options of the load tests, with `--help`. A misspelt or unknown
 * option is refused rather than ignored: a load test that silently runs its defaults for
 * minutes, because `--round 3` was meant, wastes the time it was asked to save.
 */

export type NumberOption = { name: string; fallback: number; min: number; max: number; integer?: boolean; help: string };

export type ParsedOptions = { ok: true; values: Record<string, number> } | { ok: false; exitCode: 0 | 2; text: string };

export function usageText(command: string, summary: string, options: readonly NumberOption[]): string {
  const width = Math.max(...options.map((o) => o.name.length)) + 4;
  const lines = options.map((o) => `  --${o.name.padEnd(width - 2)}${o.help} (default ${o.fallback})`);
  return `Usage: ${command} [-- options]\n${summary}\n\nOptions:\n${lines.join("\n")}\n  --help${"".padEnd(width - 6)}this text`;
}

export function parseNumberOptions(argv: readonly string[], command: string, summary: string, options: readonly NumberOption[]): ParsedOptions {
  const usage = usageText(command, summary, options);
  if (argv.includes("--help") || argv.includes("-h")) return { ok: false, exitCode: 0, text: usage };
  const values = Object.fromEntries(options.map((o) => [o.name, o.fallback]));
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    const option = options.find((o) => `--${o.name}` === flag);
    if (!option) return { ok: false, exitCode: 2, text: `Unknown option "${flag}".\n\n${usage}` };
    const raw = argv[i + 1];
    const value = Number(raw);
    const whole = option.integer !== false;
    if (raw === undefined || raw.trim() === "" || !Number.isFinite(value) || (whole && !Number.isInteger(value)) || value < option.min || value > option.max) {
      return { ok: false, exitCode: 2, text: `--${option.name} takes ${whole ? "a whole number" : "a number"} from ${option.min} to ${option.max}${raw === undefined ? "" : `, not "${raw}"`}.` };
    }
    values[option.name] = value;
  }
  return { ok: true, values };
}

/** Parses, or prints the help or the error and exits (0 for help, 2 for a bad option). */
export function numberOptionsOrExit(command: string, summary: string, options: readonly NumberOption[]): Record<string, number> {
  const parsed = parseNumberOptions(process.argv.slice(2), command, summary, options);
  if (parsed.ok) return parsed.values;
  (parsed.exitCode === 0 ? console.log : console.error)(parsed.text);
  process.exit(parsed.exitCode);
}
