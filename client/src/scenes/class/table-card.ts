import type Phaser from "phaser";
import type { TableRow } from "../../net/class-connection.js";
import { colors, sideStyle, textPx, textStyle } from "../../ui/theme.js";
import { keepWithin } from "../widgets/draw.js";

/** One table of the dashboard at a glance: phase, round, whose turn, the standing offer's points for both sides, clock, who is connected. */
export type CardLabels = { phase: (p: string) => string; round: string; turn: string; standing: string; none: string; secondsLeft: string; readyCount: string; briefingLeft: string; paused: string; bot: string; away: string; events: string; outcome: (kind: string) => string; sideName: (s: string) => string };

/** Draws the card and returns what it drew (the dashboard redraws its cards every second without redrawing the screen). */
export function drawTableCard(scene: Phaser.Scene, x: number, y: number, w: number, h: number, u: number, row: TableRow, labels: CardLabels): Phaser.GameObjects.GameObject[] {
  const drawn: Phaser.GameObjects.GameObject[] = [];
  drawn.push(scene.add.rectangle(x, y, w, h, row.phase === "ended" ? colors.panelRaised : colors.panel).setOrigin(0).setStrokeStyle(1, colors.panelBorder).setRounded(Math.round(8 * u)));
  // Line positions in layout units, but never closer than the drawn type allows (12-px floor on small screens).
  const step = Math.max(1, (textPx(u, 13) + 4) / (18 * u));
  const at = (dy: number) => (dy <= 8 ? dy : 8 + (dy - 8) * step);
  const line = (dy: number, text: string, color: string = colors.text, size = 13, bold = false, dx = 0, width: number | null = w - 16 * u) => {
    const t = scene.add.text(x + 10 * u + dx, y + at(dy) * u, text, textStyle(u, size, { color, bold }));
    if (width !== null) t.setCrop(0, 0, width, t.height);
    // The test hook checks each line stays inside its card (a cropped line would be cut).
    keepWithin(t, () => ({ x: x + 4 * u, y, width: w - 8 * u, height: h }));
    drawn.push(t);
    return t;
  };
  line(8, `${row.tableId} · ${row.matchCode}`, colors.text, 16, true);
  // An ended table says so even while the class is paused.
  const paused = row.paused && row.phase !== "ended";
  const status = paused ? labels.paused : labels.phase(row.phase);
  line(32, `${status} · ${labels.round} ${row.round}/${row.maxRounds}`, paused ? colors.warnCss : colors.muted);
  if (row.phase === "negotiating") line(50, `${labels.turn}: ${sideStyle(row.turn).symbol} ${labels.sideName(row.turn)}`, sideStyle(row.turn).css, 13, true);
  const points = row.outcome?.points ?? row.standing?.points;
  const pointText = points ? Object.entries(points).map(([side, p]) => `${sideStyle(side).symbol} ${Math.round(p)}`).join("  ") : labels.none;
  line(68, `${row.outcome ? labels.outcome(row.outcome.kind) : labels.standing}: ${pointText}`);
  let clock = row.turnEndsAt > 0 && !paused && row.phase !== "ended" ? labels.secondsLeft.replace("{s}", String(Math.max(0, Math.round((row.turnEndsAt - Date.now()) / 1000)))) : "";
  if (row.phase === "briefing") {
    // In the briefing: how many people are ready, and when the clock starts by itself.
    const people = row.players.filter((p) => !p.bot);
    const left = Math.max(0, Math.round(((row.briefingEndsAt ?? 0) - Date.now()) / 1000));
    const parts = [labels.readyCount.replace("{n}", String(people.filter((p) => p.ready).length)).replace("{total}", String(people.length))];
    if ((row.briefingEndsAt ?? 0) > 0 && !paused) parts.push(labels.briefingLeft.replace("{time}", `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`));
    clock = parts.join(" · ");
  }
  const events = row.events.length > 0 ? labels.events.replace("{n}", String(row.events.length)) : "";
  if (clock || events) line(86, [clock, events].filter(Boolean).join(" · "), colors.muted);
  // Everyone at the table: one column when it fits, two when the card is short.
  const top = clock || events ? 106 : 88;
  const rows = Math.max(1, Math.floor((h / u - at(top) - 4) / (15 * step)));
  const columns = row.players.length > rows ? 2 : 1;
  const colW = (w - 16 * u) / columns;
  row.players.slice(0, rows * columns).forEach((p, i) => {
    const dx = Math.floor(i / rows) * colW;
    const suffix = `${p.bot ? ` (${labels.bot})` : ""}${row.phase === "briefing" && p.ready && !p.bot ? " ✓" : ""}${p.connected ? "" : ` · ${labels.away}`}`;
    // Who is away is said in words (a seat's symbol is its side's); a long name is shortened, never the rest.
    const t = line(top + (i % rows) * 15, `${sideStyle(p.side).symbol} ${p.name}${suffix}`, p.connected ? sideStyle(p.side).css : colors.dim, 12, false, dx, null);
    let name = p.name;
    while (t.width > colW - 6 * u && name.length > 3) {
      name = name.slice(0, -1);
      t.setText(`${sideStyle(p.side).symbol} ${name}…${suffix}`);
    }
  });
  return drawn;
}
