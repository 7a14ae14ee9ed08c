import Phaser from "phaser";
import { BootScene, PreloaderScene } from "../scenes/boot.js";
import { BriefingScene } from "../scenes/briefing.js";
import { ResultScene } from "../scenes/result.js";
import { TableScene } from "../scenes/table.js";
import { WatchScene } from "../scenes/watch.js";
import { TitleScene } from "../scenes/title.js";
import { ReplayPickScene } from "../scenes/replay/replay-pick-scene.js";
import { ReplayScene } from "../scenes/replay/replay-scene.js";
import { ClassDebriefScene } from "../scenes/class/class-debrief-scene.js";
import { ClassScene } from "../scenes/class/class-scene.js";
import { colors } from "../ui/theme.js";
import { app } from "./app.js";
import { installHook } from "./test-hook.js";

/** The game factory: one scene per screen, sized to the window (layout follows the camera). */
export function startGame(parent: string): Phaser.Game {
  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    backgroundColor: colors.backgroundCss,
    scale: { mode: Phaser.Scale.RESIZE, width: window.innerWidth, height: window.innerHeight },
    // Keys go to our own focus manager; Phaser must not swallow Tab, Space or arrows.
    input: { keyboard: false },
    scene: [BootScene, PreloaderScene, TitleScene, BriefingScene, TableScene, WatchScene, ResultScene, ReplayPickScene, ReplayScene, ClassScene, ClassDebriefScene],
  });
  const state = app();
  installHook({
    scene: () => {
      const active = game.scene.getScenes(true)[0] as (Phaser.Scene & { focus?: unknown; texts?: () => string[] }) | undefined;
      if (!active) return null;
      return { key: active.scene.key, focus: (active.focus ?? null) as never, texts: () => active.texts?.() ?? [] };
    },
    language: () => state.i18n.language,
    view: () => state.connection?.view ?? null,
    seat: () => state.connection?.seat ?? null,
    status: () => state.connection?.status ?? "none",
    code: () => state.connection?.code ?? null,
    canvasOffset: () => {
      const rect = game.canvas.getBoundingClientRect();
      return { left: rect.left, top: rect.top, scale: rect.width / game.scale.width };
    },
  });
  return game;
}
