import type Phaser from "phaser";
import type { MatchView } from "../../../../shared/index.js";
import { sumPoints } from "../../view-models/table-model.js";
import type { ReplayModel, ReplayStep } from "../../view-models/replay-model.js";
import { formatPoints, issueName, optionLabel, roundName, sideName, type ContentFn } from "../../view-models/names.js";
import type { MessageKey } from "../../i18n/index.js";
import { colors, sideStyle, textStyle } from "../../ui/theme.js";
import { truncate, type Box } from "../widgets/draw.js";

/**
 * The replay viewer's two text panels: the timeline of every action around the current step,
 * and the table as it stood then (the standing offer with both sides' points, both sheets'
 * no-deal values, the news). They draw from the replay model only; no rule is computed here.
 */

export type Words = { t: (key: MessageKey, params?: Record<string, string | number>) => string; c: ContentFn };

/** The words for one logged action, in the player's language. */
export function stepWords(step: ReplayStep, view: MatchView, words: Words): string {
  const who = step.by ? step.by.name : "";
  const key = step.team ? "replay.action.chatTeam" : `replay.action.${step.type}`;
  return words.t(key as MessageKey, { who, detail: step.detail, side: step.by ? sideName(view.scenario, step.by.side, words.c) : "" });
}

/** Timeline rows centred on the current step; `onPick` jumps to a clicked row. */
export function drawTimeline(scene: Phaser.Scene, box: Box, model: ReplayModel, current: number, noteSteps: ReadonlySet<number>, u: number, words: Words, onPick: (step: number) => void): void {
  const rowH = 24 * u;
  const rows = Math.max(3, Math.floor(box.h / rowH));
  const first = Math.max(0, Math.min(model.last + 1 - rows, current - Math.floor(rows / 2)));
  const view = model.viewAt(model.last);
  for (let i = 0; i < rows && first + i <= model.last; i++) {
    const k = first + i;
    const y = box.y + i * rowH;
    const plate = scene.add.rectangle(box.x, y, box.w, rowH - 2 * u, k === current ? colors.panelRaised : colors.panel, k === current ? 1 : 0.001).setOrigin(0);
    if (k === current) plate.setStrokeStyle(2, colors.focus);
    plate.setInteractive({ useHandCursor: true }).on("pointerup", () => onPick(k));
    const step = k === 0 ? undefined : model.steps[k - 1];
    const side = step?.by?.side;
    const color = side ? sideStyle(side).css : colors.muted;
    const pin = noteSteps.has(k) ? "▲ " : "";
    const label = step ? `${pin}${k}. R${step.round} ${stepWords(step, view, words)}` : `${pin}0. ${words.t("replay.start")}`;
    const text = scene.add.text(box.x + 6 * u, y + 3 * u, label, textStyle(u, 13, { color: k === current ? colors.text : color }));
    const pointsW = step?.points ? 112 * u : 0;
    const room = box.w - 12 * u - pointsW;
    if (text.width > room) text.setText(fit(label, Math.floor((label.length * room) / text.width)));
    if (step?.points) {
      const pts = view.scenario.sides.map((s) => `${sideStyle(s.id).symbol}${formatPoints(step.points![s.id] ?? 0)}`).join(" ");
      scene.add.text(box.x + box.w - 6 * u, y + 3 * u, pts, textStyle(u, 13, { bold: true, color: colors.text })).setOrigin(1, 0);
    }
  }
}

const fit = (text: string, chars: number) => (text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1))}…`);

/** The table at this step: standing offer issue by issue with both sides' points, then no-deal values and news. */
export function drawTableState(scene: Phaser.Scene, box: Box, view: MatchView, u: number, words: Words): number {
  const { t, c } = words;
  const sides = view.scenario.sides.map((s) => s.id);
  let y = box.y;
  const standing = view.proposals.find((p) => p.id === view.standingProposalId);
  const line = (text: string, size: number, color: string = colors.text, bold = false) => {
    const o = scene.add.text(box.x, y, text, textStyle(u, size, { color, bold, wordWrap: { width: box.w } }));
    y += o.height + 4 * u;
    return o;
  };
  line(t("replay.sheets"), 17, colors.text, true);
  line(standing ? t("replay.standing", { id: standing.id, side: sideName(view.scenario, standing.side, c) }) : t("replay.noStanding"), 14, standing ? sideStyle(standing.side).css : colors.muted, true);
  const colW = 56 * u;
  const ptsX = (i: number) => box.x + box.w - (sides.length - i - 1) * colW;
  sides.forEach((side, i) => scene.add.text(ptsX(i), y, sideStyle(side).symbol, textStyle(u, 14, { bold: true, color: sideStyle(side).css })).setOrigin(1, 0));
  y += 18 * u;
  const offer = standing?.offer ?? {};
  for (const issue of view.scenario.issues) {
    const option = offer[issue.id];
    const label = `${issue.id}. ${issueName(view.scenario, issue.id, c)}${option ? ` — ${optionLabel(view.scenario, issue.id, option, c)}` : ""}`;
    const text = scene.add.text(box.x, y, label, textStyle(u, 12, { color: colors.text }));
    // Cut only what does not fit before the points columns (the option's end first), never a fixed number of characters.
    const room = box.w - sides.length * colW - 4 * u;
    truncate(text, room);
    if (option) sides.forEach((side, i) => scene.add.text(ptsX(i), y, formatPoints(view.sheets[side]?.points[issue.id]?.[option] ?? 0), textStyle(u, 12, { color: sideStyle(side).css })).setOrigin(1, 0));
    y += 17 * u;
  }
  if (standing) {
    scene.add.text(box.x, y, t("replay.total"), textStyle(u, 13, { bold: true }));
    sides.forEach((side, i) => scene.add.text(ptsX(i), y, formatPoints(sumPoints(view.sheets[side]?.points ?? {}, offer)), textStyle(u, 13, { bold: true, color: sideStyle(side).css })).setOrigin(1, 0));
    y += 20 * u;
  }
  y += 4 * u;
  line(sides.map((side) => `${sideStyle(side).symbol} ${sideName(view.scenario, side, c)}: ${t("replay.noDeal", { points: formatPoints(view.sheets[side]?.reservation ?? 0) })}`).join("   "), 12, colors.muted);
  const news = view.events.slice(-2).map((e) => t("replay.news", { title: c(`event.${e.id}.title`, e.title) }));
  if (news.length) line(news.join("\n"), 12, colors.warnCss);
  return y;
}

/** The round line: "Round 2 of 9 · Week of 9 June · Japan to move". */
export function roundLine(view: MatchView, words: Words): string {
  const phase = view.phase === "negotiating" ? words.t("replay.phase.negotiating", { side: sideName(view.scenario, view.turn, words.c) }) : words.t(`replay.phase.${view.phase}` as MessageKey);
  return `${words.t("replay.round", { round: view.round, max: view.maxRounds, label: view.round > view.scenario.rounds.length ? words.t("table.calendar.extra", { n: view.round - view.scenario.rounds.length }) : roundName(view.scenario, view.round, words.c) })} · ${phase}`;
}
