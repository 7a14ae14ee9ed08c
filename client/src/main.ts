import { app } from "./game/app.js";
import { bootGame, titlePage } from "./game/loader.js";
import { installHook } from "./game/test-hook.js";
import { SeatStore } from "./net/seat-store.js";
import { inClassMode, sessionStore } from "./scenes/class/class-session.js";
import { fontsReady, registerFonts } from "./ui/fonts.js";
import { resumeTarget } from "./view-models/class-dashboard-model.js";

/**
 * Entry point, and all of the first chunk: the fonts' faces, the test hook, and the title page
 * drawn in DOM. The game (Phaser and the rest, game/main.ts) loads after the title takes input.
 * A reloaded tab that holds a seat, a class or a replay skips the title and starts the game at once.
 */
registerFonts();
const state = app();
installHook({ language: () => state.i18n.language, scene: () => (titlePage().visible ? titlePage().probe() : null) });

const session = sessionStore();
// A seat, a class (or the class landing, `#class`), or a replay (replay-session.ts keeps it under this key) to go back to.
const returning =
  new SeatStore(session).load() !== null || resumeTarget(window.location.hash, session) !== null || inClassMode() || session?.getItem("tariffTalks.replay") != null;
if (returning) {
  // The fonts download beside the game's chunks rather than after them.
  void fontsReady(state.i18n.language);
  void bootGame();
} else {
  titlePage().show();
  // The rest of the game, once the title is up: by the time a button is pressed it is usually here.
  const prefetch = () => (window.__tariffTalks?.interactive ? void bootGame() : window.setTimeout(prefetch, 50));
  prefetch();
}
