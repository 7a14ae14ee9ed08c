import type Phaser from "phaser";
import type { TableRow } from "../../net/class-connection.js";
import { colors, sideStyle, textStyle } from "../../ui/theme.js";

/** One table of the dashboard at a glance: phase, round, whose turn, the standing offer's points for both sides, clock, who is connected. */
export type CardLabels = { phase: (p: string) => string; round: string; turn: string; standing: string; none: string; secondsLeft: string; paused: string; bot: string; away: string; events: string; outcome: (kind: string) => string; sideName: (s: string) => string };

/** Draws the card and returns what it drew (the dashboard redraws its cards every second without redrawing the screen). */
export function drawTableCard(scene: Phaser.Scene, x: number, y: number, w: number, h: number, u: number, row: TableRow, labels: CardLabels): Phaser.GameObjects.GameObject[] {
  const drawn: Phaser.GameObjects.GameObject[] = [];
  drawn.push(scene.add.rectangle(x, y, w, h, row.phase === "ended" ? colors.panelRaised : colors.panel).setOrigin(0).setStrokeStyle(1, colors.panelBorder).setRounded(Math.round(8 * u)));
  const line = (dy: number, text: string, color: string = colors.text, size = 13, bold = false) => {
    const t = scene.add.text(x + 10 * u, y + dy * u, text, textStyle(u, size, { color, bold }));
    t.setCrop(0, 0, w - 16 * u, t.height);
    drawn.push(t);
    return t;
  };
  line(8, `${row.tableId} · ${row.matchCode}`, colors.text, 16, true);
  const status = row.paused ? labels.paused : labels.phase(row.phase);
  line(32, `${status} · ${labels.round} ${row.round}/${row.maxRounds}`, row.paused ? colors.warnCss : colors.muted);
  if (row.phase === "negotiating") line(50, `${labels.turn}: ${sideStyle(row.turn).symbol} ${labels.sideName(row.turn)}`, sideStyle(row.turn).css, 13, true);
  const points = row.outcome?.points ?? row.standing?.points;
  const pointText = points ? Object.entries(points).map(([side, p]) => `${sideStyle(side).symbol} ${Math.round(p)}`).join("  ") : labels.none;
  line(70, `${row.outcome ? labels.outcome(row.outcome.kind) : labels.standing}: ${pointText}`);
  const clock = row.turnEndsAt > 0 ? labels.secondsLeft.replace("{s}", String(Math.max(0, Math.round((row.turnEndsAt - Date.now()) / 1000)))) : "";
  const events = row.events.length > 0 ? labels.events.replace("{n}", String(row.events.length)) : "";
  if (clock || events) line(88, [clock, events].filter(Boolean).join(" · "), colors.muted);
  let py = 108;
  for (const p of row.players) {
    if (py > h / u - 16) break;
    // Who is away is said in words (a seat's symbol is its side's).
    line(py, `${sideStyle(p.side).symbol} ${p.name}${p.bot ? ` (${labels.bot})` : ""}${p.connected ? "" : ` · ${labels.away}`}`, p.connected ? sideStyle(p.side).css : colors.dim, 12);
    py += 16;
  }
  return drawn;
}
