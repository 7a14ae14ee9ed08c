import type { ClassSummary, InstructorLink } from "../../net/class-connection.js";
import { colors, sideStyle } from "../../ui/theme.js";
import { actionTargets, draftEvent, effectRanges, emptyDraft, eventChoices, type EffectKind } from "../../view-models/class-dashboard-model.js";
import type { ClassKit } from "./class-kit.js";
import { classState, type ControlTab } from "./class-state.js";
import { deckRows } from "./deck-rows.js";
import { keepWithin } from "../widgets/draw.js";

/**
 * The instructor's tools beside the tables: move a student (before the start), inject an event
 * into one table or all (from the scenario's deck or written on the spot), extend the deadline.
 * Choices live in classState, so a redraw keeps what was picked and typed.
 */
export function drawControlPanel(kit: ClassKit, link: InstructorLink, x: number, y: number, w: number, h: number): void {
  const { u, t } = kit;
  const d = link.dashboard;
  const seating = d?.status === "seating";
  // Before the start only moving makes sense; after it, only the events and the deadline.
  const tab: ControlTab = seating ? "move" : classState.tab === "move" ? "inject" : classState.tab;
  kit.panel(x, y, w, h);
  const pad = 12 * u;
  const inner = w - 2 * pad;
  const tabs: [ControlTab, string][] = [["move", t("class.tab.move")], ["inject", t("class.tab.inject")], ["extend", t("class.tab.extend")]];
  const tabW = (inner - 2 * 6 * u) / 3;
  // Heights never under what two lines of 12-px type need (800×600).
  const tabH = Math.max(36 * u, 34);
  tabs.forEach(([id, label], i) => {
    const b = kit.button({ id: `tab-${id}`, x: x + pad + i * (tabW + 6 * u), y: y + pad, width: tabW, height: tabH, label, kind: "toggle", fontSize: 13, selected: () => tab === id, onPress: () => ((classState.tab = id), kit.redraw()) });
    b.setEnabled(id === "move" ? seating : d?.status === "running");
  });
  const top = y + pad + tabH + 12 * u;
  const area = { x: x + pad, y: top, w: inner, bottom: y + h - pad };
  if (tab !== "move" && actionTargets(d).length === 1 && (d?.tables.length ?? 0) > 0) {
    kit.text(area.x, top, t("class.allEnded"), kit.style(14, { color: colors.muted, wordWrap: { width: inner } }));
    return;
  }
  if (tab === "move") drawMove(kit, d, area);
  else if (tab === "inject") drawInject(kit, link, area);
  else drawExtend(kit, link, area);
}

type Area = { x: number; y: number; w: number; bottom: number };

function drawMove(kit: ClassKit, d: ClassSummary | null, a: Area): void {
  const { u, t } = kit;
  let y = a.y;
  const para = (text: string, color: string = colors.text, size = 14) => {
    const o = kit.text(a.x, y, text, kit.style(size, { color, wordWrap: { width: a.w } }));
    y += o.height + 8 * u;
  };
  if (d?.status !== "seating") return para(t("class.move.after"), colors.muted);
  para(t("class.move.how"));
  const picked = d.roster.find((s) => s.id === classState.picked);
  if (!picked) return para(t("class.move.pickFirst"), colors.muted);
  const where = picked.table && picked.side && picked.role ? `${picked.table}, ${sideStyle(picked.side).symbol} ${kit.sideName(picked.side)} · ${kit.roleName(picked.side, picked.role)}` : "–";
  para(t("class.move.picked", { name: picked.name, where }), colors.focusCss, 15);
  para(t("class.move.thenSeat"), colors.muted);
  kit.button({ id: "move-cancel", x: a.x, y, width: 160 * u, height: 36 * u, label: t("class.move.cancel"), fontSize: 14, onPress: () => ((classState.picked = null), kit.redraw()) });
}

/** "All tables" and each running table, as toggles that wrap onto a second line. */
function drawTargets(kit: ClassKit, d: ClassSummary | null, a: Area, y: number): number {
  const { u, t } = kit;
  const targets = actionTargets(d);
  if (!targets.includes(classState.target)) classState.target = "all";
  const label = kit.text(a.x, y + 8 * u, t("class.targets"), kit.style(13, { bold: true }));
  // The toggles start after the label as drawn ("テーブル" at 12 px is wider than 70 units at 800×600).
  const x0 = a.x + Math.max(70 * u, label.width + 8 * u);
  const h = Math.max(30 * u, 22);
  let x = x0;
  for (const target of targets) {
    const width = target === "all" ? Math.max(96 * u, 90) : Math.max(50 * u, 34);
    if (x + width > a.x + a.w) {
      x = x0;
      y += h + 6 * u;
    }
    kit.button({ id: `target-${target}`, x, y, width, height: h, label: target === "all" ? t("class.allTables") : target, kind: "toggle", fontSize: 12, selected: () => classState.target === target, onPress: () => ((classState.target = target), kit.redraw()) });
    x += width + 6 * u;
  }
  return y + h + 10 * u;
}

function drawInject(kit: ClassKit, link: InstructorLink, a: Area): void {
  const { u, t } = kit;
  const d = link.dashboard;
  let y = drawTargets(kit, d, a, a.y);
  const half = (a.w - 6 * u) / 2;
  const sourceH = Math.max(32 * u, 34);
  (["deck", "custom"] as const).forEach((source, i) =>
    kit.button({ id: `inject-source-${source}`, x: a.x + i * (half + 6 * u), y, width: half, height: sourceH, label: t(`class.inject.${source}`), kind: "toggle", fontSize: 13, selected: () => classState.injectSource === source, onPress: () => ((classState.injectSource = source), kit.redraw()) }),
  );
  y += sourceH + 10 * u;
  const send = classState.target === "all" ? t("class.inject.sendAll") : t("class.inject.send", { target: classState.target });
  const sendY = a.bottom - 42 * u;
  if (classState.injectSource === "deck") {
    const choices = eventChoices(d);
    if (choices.length === 0) kit.text(a.x, y, t("class.inject.noDeck"), kit.style(13, { color: colors.muted, wordWrap: { width: a.w } }));
    // Every event above the send button with room left for the chosen one's headline.
    const headlineH = Math.max(48 * u, 36);
    const list = deckRows(kit, choices.map((e) => ({ id: e.id, caption: `${classState.deckChoice === e.id ? "✓ " : ""}${kit.c(`event.${e.id}.title`, e.title)}` })), a.w, sendY - y - headlineH);
    list.forEach((row) => {
      const e = choices.find((c) => c.id === row.id)!;
      kit.button({ id: `deck-${e.id}`, x: a.x + row.x, y: y + row.y, width: row.width, height: row.height, label: kit.c(`event.${e.id}.title`, e.title), kind: "toggle", fontSize: 12, selected: () => classState.deckChoice === e.id, onPress: () => ((classState.deckChoice = e.id), kit.redraw()) });
    });
    y += Math.max(0, ...list.map((row) => row.y + row.height)) + 4;
    const chosen = choices.find((e) => e.id === classState.deckChoice);
    if (chosen) {
      const box = { x: a.x, y: y + 2 * u, width: a.w, height: Math.max(0, sendY - y - 6 * u) };
      // The test hook checks the headline is not cropped (its box, 2 px around the crop).
      const headline = kit.text(box.x, box.y, kit.c(`event.${chosen.id}.headline`, chosen.headline), kit.style(12, { color: colors.muted, wordWrap: { width: a.w } })).setCrop(0, 0, a.w, box.height);
      keepWithin(headline, () => ({ x: box.x - 2, y: box.y - 2, width: box.width + 4, height: box.height + 4 }));
    }
    kit.button({ id: "inject-send", x: a.x, y: sendY, width: a.w, height: 40 * u, label: send, kind: "primary", fontSize: 15, onPress: () => {
      if (!classState.deckChoice) return kit.banner.show(t("class.inject.pickEvent"), "error");
      link.send("inject", { table: classState.target, eventId: classState.deckChoice });
    } });
    return;
  }
  const scenario = kit.scenario();
  const draft = (classState.draft ??= emptyDraft(scenario));
  const rowH = 32 * u;
  kit.field({ id: "event-title", x: a.x, y, width: a.w, height: rowH, placeholder: t("class.event.title"), label: t("class.event.title"), value: draft.title, maxLength: 120, onInput: (v) => (draft.title = v) });
  y += rowH + 6 * u;
  kit.field({ id: "event-headline", x: a.x, y, width: a.w, height: rowH, placeholder: t("class.event.headline"), label: t("class.event.headline"), value: draft.headline, maxLength: 300, onInput: (v) => (draft.headline = v) });
  y += rowH + 8 * u;
  const kinds: EffectKind[] = ["scale", "reservation", "pressure"];
  const kindW = (a.w - 12 * u) / 3;
  kinds.forEach((k, i) => kit.button({ id: `effect-${k}`, x: a.x + i * (kindW + 6 * u), y, width: kindW, height: 30 * u, label: t(`class.effect.${k}`), kind: "toggle", fontSize: 12, selected: () => draft.kind === k, onPress: () => ((draft.kind = k), kit.redraw()) }));
  y += 36 * u;
  const sides = scenario?.sides ?? [];
  const sideW = (a.w - 6 * u) / Math.max(1, sides.length);
  sides.forEach((s, i) => kit.button({ id: `effect-side-${s.id}`, x: a.x + i * (sideW + 6 * u), y, width: sideW, height: 30 * u, label: `${sideStyle(s.id).symbol} ${kit.sideName(s.id)}`, kind: "toggle", fontSize: 12, selected: () => draft.side === s.id, onPress: () => ((draft.side = s.id), kit.redraw()) }));
  y += 36 * u;
  if (draft.kind === "scale") {
    const issues = scenario?.issues ?? [];
    const issueW = Math.min(44 * u, (a.w - (issues.length - 1) * 4 * u) / Math.max(1, issues.length));
    issues.forEach((issue, i) => kit.button({ id: `effect-issue-${issue.id}`, x: a.x + i * (issueW + 4 * u), y, width: issueW, height: 30 * u, label: issue.id.length <= 2 ? issue.id : String(i + 1), kind: "toggle", fontSize: 12, selected: () => draft.issue === issue.id, onPress: () => ((draft.issue = issue.id), kit.redraw()) }));
    y += 34 * u;
    const issue = issues.find((i) => i.id === draft.issue);
    if (issue) kit.text(a.x, y, kit.c(`issue.${issue.id}`, issue.name), kit.style(12, { color: colors.muted })).setCrop(0, 0, a.w, 20 * u);
    y += 20 * u;
  }
  const range = effectRanges[draft.kind];
  kit.field({ id: "event-value", x: a.x, y, width: 90 * u, height: rowH, placeholder: range.example, label: t(`class.effect.${draft.kind}.value`), value: draft.value, maxLength: 8, onInput: (v) => (draft.value = v) });
  kit.text(a.x + 100 * u, y, t(`class.effect.${draft.kind}.value`, { min: range.min, max: range.max }), kit.style(12, { color: colors.muted, wordWrap: { width: a.w - 100 * u } }));
  kit.button({ id: "inject-send", x: a.x, y: sendY, width: a.w, height: 40 * u, label: send, kind: "primary", fontSize: 15, onPress: () => {
    const made = draftEvent(draft, scenario, d?.injected.length ?? 0);
    if (!made.ok) return kit.banner.show(t(`class.event.problem.${made.problem}`, { min: range.min, max: range.max }), "error");
    link.send("inject", { table: classState.target, event: made.event });
  } });
}

function drawExtend(kit: ClassKit, link: InstructorLink, a: Area): void {
  const { u, t } = kit;
  let y = drawTargets(kit, link.dashboard, a, a.y);
  const hint = kit.text(a.x, y, t("class.extend.how"), kit.style(13, { color: colors.muted, wordWrap: { width: a.w } }));
  y += hint.height + 12 * u;
  const change = (delta: number) => () => ((classState.extendRounds = Math.min(20, Math.max(1, classState.extendRounds + delta))), kit.redraw());
  kit.button({ id: "extend-less", x: a.x, y, width: 44 * u, height: 40 * u, label: "−", fontSize: 20, onPress: change(-1) });
  kit.text(a.x + 60 * u, y + 8 * u, t("class.extend.rounds", { n: classState.extendRounds }), kit.style(17, { bold: true }));
  kit.button({ id: "extend-more", x: a.x + 200 * u, y, width: 44 * u, height: 40 * u, label: "+", fontSize: 20, onPress: change(1) });
  const label = classState.target === "all" ? t("class.extend.sendAll", { n: classState.extendRounds }) : t("class.extend.send", { n: classState.extendRounds, target: classState.target });
  kit.button({ id: "extend-send", x: a.x, y: a.bottom - 42 * u, width: a.w, height: 40 * u, label, kind: "primary", fontSize: 15, onPress: () => link.send("extend", { table: classState.target, rounds: classState.extendRounds }) });
}
