import Phaser from "phaser";
import { app } from "../game/app.js";
import { setTitleHost, titlePage } from "../game/loader.js";
import type { MatchConnection } from "../net/match-connection.js";
import { LobbyError } from "../net/match-connection.js";
import type { TitleAction } from "../title/title-page.js";
import { fontsReady } from "../ui/fonts.js";
import { colors } from "../ui/theme.js";
import { sceneKeys } from "./base-scene.js";
import { enterMatch } from "./boot.js";
import { classKeys } from "./class/class-state.js";
import { replayKeys } from "./replay/replay-pick-scene.js";

/**
 * The title in the game: the screen itself is the DOM title page (title/title-page.ts, drawn
 * from the first chunk before Phaser loads); this scene shows it over an empty canvas and does
 * what its buttons ask — open a match against a bot, host or join a table for two, or go to the
 * replay or class screens. A failure rejects with the LobbyError, which the page puts in words.
 */
export class TitleScene extends Phaser.Scene {
  constructor() {
    super(sceneKeys.title);
  }

  create(): void {
    this.cameras.main.setBackgroundColor(colors.backgroundCss);
    const page = titlePage();
    page.show();
    this.events.once("shutdown", () => page.hide());
    setTitleHost({ run: (action) => this.run(action) });
  }

  private async run(action: TitleAction): Promise<void> {
    const state = app();
    // Canvas text is drawn once: the next screen's fonts must be in before it draws.
    await fontsReady(state.i18n.language);
    if (action.kind === "open") {
      this.scene.start(action.screen === "replay" ? replayKeys.pick : classKeys.lobby);
      return;
    }
    const open = (): Promise<MatchConnection> => {
      if (action.kind === "solo") return state.lobby.playSolo({ name: state.playerName(), side: state.soloSide, difficulty: state.difficulty });
      if (action.kind === "host") return state.lobby.hostTable({ name: state.playerName(), side: state.soloSide });
      return state.lobby.joinTable(action.code, state.playerName());
    };
    try {
      this.scene.start(await enterMatch(await open()));
    } catch (error) {
      throw error instanceof LobbyError ? error : new LobbyError("ERROR", String(error));
    }
  }
}
