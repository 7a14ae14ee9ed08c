import type Phaser from "phaser";
import type { TableRow } from "../../net/class-connection.js";
import { colors, sideStyle, textStyle } from "../../ui/theme.js";

/** One table of the dashboard at a glance: phase, round, whose turn, the standing offer's points for both sides, clock, who is connected. */
export type CardLabels = { phase: (p: string) => string; round: string; turn: string; standing: string; none: string; secondsLeft: string; paused: string; bot: string; sideName: (s: string) => string };

export function drawTableCard(scene: Phaser.Scene, x: number, y: number, w: number, h: number, u: number, row: TableRow, labels: CardLabels): void {
  scene.add.rectangle(x, y, w, h, row.phase === "ended" ? colors.panelRaised : colors.panel).setOrigin(0).setStrokeStyle(1, colors.panelBorder).setRounded(Math.round(8 * u));
  const line = (dy: number, text: string, color: string = colors.text, size = 13, bold = false) => scene.add.text(x + 10 * u, y + dy * u, text, textStyle(u, size, { color, bold }));
  line(8, `${row.tableId} · ${row.matchCode}`, colors.text, 16, true);
  const status = row.paused ? labels.paused : labels.phase(row.phase);
  line(32, `${status} · ${labels.round} ${row.round}/${row.maxRounds}`, row.paused ? colors.warnCss : colors.muted);
  if (row.phase === "negotiating") line(50, `${labels.turn}: ${labels.sideName(row.turn)}`, sideStyle(row.turn).css, 13, true);
  const points = row.outcome?.points ?? row.standing?.points;
  const pointText = points ? Object.entries(points).map(([side, p]) => `${labels.sideName(side)} ${Math.round(p)}`).join(" / ") : labels.none;
  line(70, `${row.outcome ? row.outcome.kind : labels.standing}: ${pointText}`);
  if (row.turnEndsAt > 0) line(88, labels.secondsLeft.replace("{s}", String(Math.max(0, Math.round((row.turnEndsAt - Date.now()) / 1000)))), colors.muted);
  let py = 108;
  for (const p of row.players.slice(0, 8)) {
    const dot = p.connected ? "●" : "○";
    line(py, `${dot} ${p.name}${p.bot ? ` (${labels.bot})` : ""}`, sideStyle(p.side).css, 12);
    py += 16;
    if (py > h / u - 16) break;
  }
}
