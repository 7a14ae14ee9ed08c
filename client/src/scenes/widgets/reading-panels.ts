import type Phaser from "phaser";
import type { PublicScenario } from "../../../../shared/index.js";
import type { MessageKey } from "../../i18n/index.js";
import { Button } from "../../ui/button.js";
import type { FocusManager } from "../../ui/focus.js";
import { openInfoPanel } from "../../ui/info-panel.js";
import { assumptionsModel, realDealModel, sourcesModel, type InfoBlock } from "../../view-models/info-model.js";
import type { ContentFn } from "../../view-models/names.js";

/**
 * The buttons that open the reading panels, shared by the briefing and the result screens:
 * "How this model works" [M], "Sources" [S] and, in the debrief, "★ The real deal" [D].
 */

export type ReadingContext = {
  scene: Phaser.Scene;
  focus: FocusManager;
  u: number;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  c: ContentFn;
  scenario: PublicScenario;
};

export type ReadingPanel = "model" | "sources" | "realDeal";

function blocksFor(ctx: ReadingContext, panel: ReadingPanel): InfoBlock[] {
  if (panel === "model") return assumptionsModel(ctx.scenario, { citing: (list) => ctx.t("info.citing", { list }) }, ctx.c);
  if (panel === "sources") return sourcesModel(ctx.scenario);
  return realDealModel(ctx.scenario, ctx.c, (parts) => ctx.t("info.realDealItem", parts));
}

const titles: Record<ReadingPanel, MessageKey> = { model: "info.modelTitle", sources: "info.sourcesTitle", realDeal: "info.realDealTitle" };
const hints: Partial<Record<ReadingPanel, MessageKey>> = { sources: "info.sourcesHint", realDeal: "info.realDealHint" };

export function openReadingPanel(ctx: ReadingContext, panel: ReadingPanel): () => void {
  const hint = hints[panel];
  return openInfoPanel(ctx.scene, ctx.focus, ctx.u, {
    title: ctx.t(titles[panel]),
    blocks: blocksFor(ctx, panel),
    close: ctx.t("info.close"),
    prev: ctx.t("info.prev"),
    next: ctx.t("info.next"),
    page: (page, pages) => ctx.t("info.page", { page, pages }),
    ...(hint ? { hint: ctx.t(hint) } : {}),
  });
}

/** A row of panel buttons from (x, y), each `width` wide; returns the buttons (already in the focus order). */
export function readingButtons(ctx: ReadingContext, x: number, y: number, width: number, height: number, panels: ReadingPanel[]): Button[] {
  const labels: Record<ReadingPanel, [MessageKey, string, string]> = {
    model: ["info.model", "m", "open-model"],
    sources: ["info.sources", "s", "open-sources"],
    realDeal: ["info.realDeal", "d", "open-real-deal"],
  };
  const gap = 10 * ctx.u;
  return panels
    .filter((panel) => blocksFor(ctx, panel).length > 0)
    .map((panel, i) => {
      const [key, shortcut, id] = labels[panel];
      const button = new Button(ctx.scene, { id, x: x + i * (width + gap), y, width, height, label: ctx.t(key), u: ctx.u, shortcut, fontSize: 14, onPress: () => openReadingPanel(ctx, panel) });
      return ctx.focus.add(button);
    });
}
