import type { TitleAction, TitleHost } from "../title/title-page.js";
import { TitlePage } from "../title/title-page.js";

/**
 * The seam between the first chunk (the title page, i18n, fonts, the test hook) and the rest of
 * the game (Phaser, the Colyseus SDK, every other screen), which is loaded with a dynamic import
 * after the title is interactive, or at once when a reloaded tab returns to its seat or class.
 */

let booting: Promise<void> | null = null;
let provideHost: (host: TitleHost) => void = () => undefined;
const hostReady = new Promise<TitleHost>((resolve) => (provideHost = resolve));

/** Loads the game chunk and starts Phaser (once). */
export function bootGame(): Promise<void> {
  booting ??= import("./main.js").then(async (game) => void (await game.startGame("game")));
  return booting;
}

/** The game's title scene hands over what the title page's buttons do. */
export function setTitleHost(host: TitleHost): void {
  provideHost(host);
}

let page: TitlePage | null = null;

/** The one title page: its buttons wait for the game to be loaded and at its title scene. */
export function titlePage(): TitlePage {
  page ??= new TitlePage({
    run: async (action: TitleAction) => {
      await bootGame();
      await (await hostReady).run(action);
    },
  });
  return page;
}
