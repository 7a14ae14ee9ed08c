import type { MatchResult } from "./match.js";

/**
 * The tables the automated-negotiation competitions (ANAC, GENIUS, NegMAS) report: per
 * strategy over all its matches on both sides, and per pairing.
 */

export type Row = Record<string, string | number>;

const mean = (values: readonly number[]): number => (values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : NaN);

/** `lostMoves` adds a column: moves lost per match (timeouts, crashes, garbage; external bots only). */
export function strategyRows(results: readonly MatchResult[], sideNames: [string, string], options: { lostMoves?: boolean } = {}): Row[] {
  const names = [...new Set(results.flatMap((r) => [r.a, r.b]))];
  const rows = names.map((name) => {
    // A self-play match counts once per side: the strategy played both.
    const asA = results.filter((r) => r.a === name);
    const asB = results.filter((r) => r.b === name);
    const all = [...asA, ...asB];
    const own = [...asA.map((r) => r.pointsA), ...asB.map((r) => r.pointsB)];
    const other = [...asA.map((r) => r.pointsB), ...asB.map((r) => r.pointsA)];
    const agreed = all.filter((r) => r.agreement);
    return {
      strategy: name,
      matches: all.length,
      agreement: mean(all.map((r) => (r.agreement ? 1 : 0))),
      own: mean(own),
      [`own as ${sideNames[0]}`]: mean(asA.map((r) => r.pointsA)),
      [`own as ${sideNames[1]}`]: mean(asB.map((r) => r.pointsB)),
      opponent: mean(other),
      welfare: mean(all.map((r) => r.socialWelfare)),
      "dist Pareto": mean(all.map((r) => r.distancePareto)),
      "dist Nash": mean(all.flatMap((r) => (r.distanceNash === null ? [] : [r.distanceNash]))),
      "joint gain": mean(all.map((r) => r.jointGainShare)),
      rounds: mean(agreed.map((r) => r.round)),
      ...(options.lostMoves ? { "lost moves": mean([...asA.map((r) => r.lostA), ...asB.map((r) => r.lostB)]) } : {}),
    };
  });
  rows.sort((p, q) => q.own - p.own);
  const byWelfare = [...rows].sort((p, q) => q.welfare - p.welfare).map((r) => r.strategy);
  return rows.map((row, i) => ({ rank: i + 1, ...row, "welfare rank": byWelfare.indexOf(row.strategy) + 1 }));
}

export function pairingRows(results: readonly MatchResult[], sideNames: [string, string]): Row[] {
  const keys = [...new Set(results.map((r) => `${r.a}\u0000${r.b}`))];
  return keys.map((key) => {
    const [a, b] = key.split("\u0000") as [string, string];
    const group = results.filter((r) => r.a === a && r.b === b);
    const agreed = group.filter((r) => r.agreement);
    return {
      [sideNames[0]]: a,
      [sideNames[1]]: b,
      matches: group.length,
      agreement: mean(group.map((r) => (r.agreement ? 1 : 0))),
      [`${sideNames[0]} points`]: mean(group.map((r) => r.pointsA)),
      [`${sideNames[1]} points`]: mean(group.map((r) => r.pointsB)),
      welfare: mean(group.map((r) => r.socialWelfare)),
      "dist Pareto": mean(group.map((r) => r.distancePareto)),
      "dist Nash": mean(group.flatMap((r) => (r.distanceNash === null ? [] : [r.distanceNash]))),
      "joint gain": mean(group.map((r) => r.jointGainShare)),
      rounds: mean(agreed.map((r) => r.round)),
    };
  });
}

const cell = (value: string | number, key: string): string => {
  if (typeof value === "string") return value;
  if (Number.isNaN(value)) return "–";
  if (key === "agreement" || key === "joint gain") return `${(value * 100).toFixed(0)}%`;
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(1);
};

/** A Markdown table with aligned columns (numbers right-aligned). */
export function formatTable(rows: readonly Row[]): string {
  if (rows.length === 0) return "(no matches)";
  const keys = Object.keys(rows[0]!);
  const cells = rows.map((row) => keys.map((key) => cell(row[key]!, key)));
  const widths = keys.map((key, i) => Math.max(key.length, ...cells.map((c) => c[i]!.length)));
  const numeric = keys.map((key) => typeof rows[0]![key] === "number");
  const pad = (text: string, i: number) => (numeric[i] ? text.padStart(widths[i]!) : text.padEnd(widths[i]!));
  const line = (texts: string[]) => `| ${texts.map(pad).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${"-".repeat(w + 1)}:` : `${"-".repeat(w + 2)}`)).join("|")}|`;
  return [line(keys), rule, ...cells.map(line)].join("\n");
}

export function toCsv(rows: readonly Row[]): string {
  if (rows.length === 0) return "";
  const keys = Object.keys(rows[0]!);
  const quote = (value: string | number) => {
    const text = typeof value === "number" ? (Number.isNaN(value) ? "" : String(Math.round(value * 1e4) / 1e4)) : value;
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [keys.map(quote).join(","), ...rows.map((row) => keys.map((key) => quote(row[key]!)).join(","))].join("\n") + "\n";
}
