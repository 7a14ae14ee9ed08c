import Phaser from "phaser";
import { app } from "../game/app.js";
import type { MatchConnection } from "../net/match-connection.js";
import { colors, textStyle, unitFor } from "../ui/theme.js";
import { resumeTarget } from "../view-models/class-dashboard-model.js";
import { sceneForView, sceneKeys } from "./base-scene.js";
import { inClassMode, sessionStore } from "./class/class-session.js";
import { classKeys } from "./class/class-state.js";
import { replayKeys } from "./replay/replay-pick-scene.js";
import { restoreReplay } from "./replay/replay-session.js";
import { serverLog } from "./replay/replay-sources.js";

/** Boot: nothing to load yet; straight to the preloader. */
export class BootScene extends Phaser.Scene {
  constructor() {
    super(sceneKeys.boot);
  }

  create(): void {
    this.scene.start(sceneKeys.preloader);
  }
}

/**
 * Preloader: loads the flags (the briefing, table and result draw them), then returns a reloaded
 * tab to its seat (sessionStorage) or class, or opens the title. The fonts are in before Phaser starts.
 */
export class PreloaderScene extends Phaser.Scene {
  constructor() {
    super(sceneKeys.preloader);
  }

  preload(): void {
    const { width, height } = this.scale;
    const u = unitFor(width, height);
    this.cameras.main.setBackgroundColor(colors.backgroundCss);
    const label = this.add.text(width / 2, height / 2, app().i18n.t("loading", { percent: 0 }), textStyle(u, 18, { color: colors.muted })).setOrigin(0.5);
    this.load.on("progress", (value: number) => label.setText(app().i18n.t("loading", { percent: Math.round(value * 100) })));
    this.load.svg("flag-japan", "assets/flag-japan.svg", { width: 300, height: 200 });
    this.load.svg("flag-us", "assets/flag-us.svg", { width: 380, height: 200 });
  }

  async create(): Promise<void> {
    const state = app();
    let connection: MatchConnection | null = null;
    if (state.lobby.savedSeatCode()) connection = await state.lobby.resume().catch(() => null);
    if (connection) {
      state.setConnection(connection);
      const view = connection.view ?? (await firstView(connection));
      if (view) {
        this.scene.start(sceneForView(view));
        return;
      }
    }
    // A reloaded replay comes back to the same log at the same step.
    if (await restoreReplay(serverLog)) {
      this.scene.start(replayKeys.view);
      return;
    }
    // A reloaded class page (the code in the address, or this tab's class) goes back to its class.
    if (resumeTarget(window.location.hash, sessionStore()) || inClassMode()) {
      this.scene.start(classKeys.lobby);
      return;
    }
    this.scene.start(sceneKeys.title);
  }
}


/** Waits (briefly) for the first state after a join. */
export function firstView(connection: MatchConnection, timeoutMs = 5000): Promise<MatchConnection["view"]> {
  if (connection.view) return Promise.resolve(connection.view);
  return new Promise((resolve) => {
    const timer = window.setTimeout(() => (stop(), resolve(null)), timeoutMs);
    const stop = connection.subscribe((event) => {
      if (event.kind !== "view") return;
      window.clearTimeout(timer);
      stop();
      resolve(event.view);
    });
  });
}

/** Makes a freshly opened match the app's connection and names the screen its first view belongs on. */
export async function enterMatch(connection: MatchConnection): Promise<string> {
  app().setConnection(connection);
  const view = await firstView(connection);
  return view ? sceneForView(view) : sceneKeys.briefing;
}
