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
import { ColyseusLobby, serverEndpoint } from "../net/colyseus-connection.js";
import { fontsReady } from "../ui/fonts.js";
import { colors } from "../ui/theme.js";
import { app, safeStorage } from "./app.js";
import { titlePage } from "./loader.js";
import { installHook, type HookTextStyle } from "./test-hook.js";

/**
 * The game factory (the chunk loaded after the title page): one scene per screen, sized to the
 * window (layout follows the camera); canvas text waits for the bundled fonts of the language.
 */
export async function startGame(parent: string): Promise<Phaser.Game> {
  const state = app();
  state.lobby = new ColyseusLobby(serverEndpoint(window.location, import.meta.env.DEV), safeStorage(() => window.sessionStorage));
  await fontsReady(state.i18n.language);
  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    backgroundColor: colors.backgroundCss,
    scale: { mode: Phaser.Scale.RESIZE, width: window.innerWidth, height: window.innerHeight },
    // Keys go to our own focus manager; Phaser must not swallow Tab, Space or arrows.
    input: { keyboard: false },
    scene: [BootScene, PreloaderScene, TitleScene, BriefingScene, TableScene, WatchScene, ResultScene, ReplayPickScene, ReplayScene, ClassScene, ClassDebriefScene],
  });
  installHook({
    scene: () => {
      // The title is a DOM page over the canvas (title/title-page.ts).
      if (titlePage().visible) return titlePage().probe();
      const active = game.scene.getScenes(true)[0] as (Phaser.Scene & { focus?: unknown; texts?: () => string[]; textStyles?: () => HookTextStyle[] }) | undefined;
      if (!active) return null;
      return { key: active.scene.key, focus: (active.focus ?? null) as never, texts: () => active.texts?.() ?? [], textStyles: () => active.textStyles?.() ?? [] };
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
