import Phaser from "phaser";
import type { BriefingIssue } from "../../view-models/briefing-model.js";
import { formatPoints } from "../../view-models/names.js";
import { colors, symbols, textStyle } from "../../ui/theme.js";

/**
 * The seat's points for every option, issue by issue, in a box: a bar per option (length =
 * points, with the number written beside it, so the bar is never the only carrier) and ⚠ on
 * options a red line forbids. Shrinks its type until everything fits.
 */

/** Splits the issues in two columns of about the same number of lines. */
export function splitIssues(issues: BriefingIssue[]): [BriefingIssue[], BriefingIssue[]] {
  const lines = (i: BriefingIssue) => i.options.length + 1.5;
  const total = issues.reduce((sum, i) => sum + lines(i), 0);
  let acc = 0;
  let cut = issues.length;
  for (let k = 0; k < issues.length; k++) {
    if (acc + lines(issues[k]!) / 2 > total / 2) {
      cut = k;
      break;
    }
    acc += lines(issues[k]!);
  }
  return [issues.slice(0, cut), issues.slice(cut)];
}

export function drawIssueSheet(
  scene: Phaser.Scene,
  box: { x: number; y: number; w: number; h: number },
  issues: BriefingIssue[],
  u: number,
  labels: { priority: (weight: number) => string; redLine: string },
  maxSize = 15,
): Phaser.GameObjects.Container & { fittedSize?: number } {
  const container: Phaser.GameObjects.Container & { fittedSize?: number } = scene.add.container(0, 0);
  const max = Math.max(1, ...issues.flatMap((i) => i.options.map((o) => Math.abs(o.points))));
  for (let size = maxSize; size >= 9; size -= 1) {
    container.fittedSize = size;
    container.removeAll(true);
    let y = box.y;
    const lineH = size * 1.45 * u;
    const labelW = box.w * 0.7;
    const barX = box.x + labelW + 8 * u;
    const barW = box.w - labelW - 70 * u;
    for (const issue of issues) {
      const star = issue.roleWeight !== 1 ? `  ${symbols.star} ${labels.priority(issue.roleWeight)}` : "";
      const head = scene.add.text(box.x, y, `${issue.id}. ${issue.name}${star}`, textStyle(u, size + 1, { bold: true, color: issue.roleWeight !== 1 ? colors.warnCss : colors.text, wordWrap: { width: box.w } }));
      container.add(head);
      y += head.height + 2 * u;
      for (const option of issue.options) {
        const mark = option.redLine ? `${symbols.redLine} ` : "";
        const label = scene.add.text(box.x + 10 * u, y, `${mark}${option.label}`, textStyle(u, size, { color: option.redLine ? colors.warnCss : colors.muted }));
        if (label.width > labelW - 10 * u) label.setScale((labelW - 10 * u) / label.width, 1);
        const len = (Math.abs(option.points) / max) * barW * 0.5;
        const mid = barX + barW * 0.5;
        const bar = scene.add
          .rectangle(option.points >= 0 ? mid : mid - len, y + lineH * 0.2, Math.max(1, len), lineH * 0.55, option.points >= 0 ? colors.good : colors.japan)
          .setOrigin(0);
        const axis = scene.add.rectangle(mid, y, 1, lineH * 0.9, 0xffffff, 0.35).setOrigin(0);
        const value = scene.add.text(box.x + box.w, y, formatPoints(option.points), textStyle(u, size, { bold: true })).setOrigin(1, 0);
        container.add([label, axis, bar, value]);
        y += lineH;
      }
      y += 6 * u;
    }
    if (y - box.y <= box.h) break;
  }
  return container;
}

/** Stacks paragraphs in a column, shrinking the type until they fit the box. */
export function drawParagraphs(
  scene: Phaser.Scene,
  box: { x: number; y: number; w: number; h: number },
  blocks: { heading?: string; text: string; color?: string }[],
  u: number,
  startSize = 16,
): Phaser.GameObjects.Container {
  const container = scene.add.container(0, 0);
  for (let size = startSize; size >= 9; size -= 1) {
    container.removeAll(true);
    let y = box.y;
    for (const block of blocks) {
      if (block.heading) {
        const head = scene.add.text(box.x, y, block.heading, textStyle(u, size + 2, { heading: true, bold: true, wordWrap: { width: box.w } }));
        container.add(head);
        y += head.height + 4 * u;
      }
      const body = scene.add.text(box.x, y, block.text, textStyle(u, size, { color: block.color ?? colors.muted, wordWrap: { width: box.w }, lineSpacing: 2 * u }));
      container.add(body);
      y += body.height + 12 * u;
    }
    if (y - box.y <= box.h) break;
  }
  return container;
}
