import Phaser from "phaser";
import type { MessageKey } from "../i18n/index.js";
import { app, type App } from "../game/app.js";
import type { HookBox, HookTextStyle } from "../game/test-hook.js";
import type { ClientMatchView, ConnectionEvent } from "../net/match-connection.js";
import { Banner } from "../ui/banner.js";
import { Button } from "../ui/button.js";
import { FocusManager } from "../ui/focus.js";
import { TextField, type TextFieldOptions } from "../ui/text-field.js";
import { fontsReady } from "../ui/fonts.js";
import { botLine, shownName, type Speech } from "../view-models/bot-speech.js";
import { colors, textStyle, unitFor, type TextStyle } from "../ui/theme.js";

/**
 * What every screen shares: layout from the camera size (redrawn on resize and on a language
 * switch), keyboard focus, the message banner, text fields over the canvas, and following the
 * match: a view whose phase belongs to another screen moves there.
 */

export const sceneKeys = { boot: "boot", preloader: "preloader", title: "title", briefing: "briefing", table: "table", result: "result", watch: "watch" } as const;

/** Whether the instructor has paused this table (the view's `table.paused`; absent = not paused). */
export function isPaused(view: ClientMatchView): boolean {
  return (view.table as ClientMatchView["table"] & { paused?: boolean }).paused === true;
}

export function sceneForView(view: ClientMatchView): string {
  // Spectators have no sheet to brief them or table to act at: they watch until the reveal.
  if (view.viewer.kind === "spectator" && view.phase !== "ended") return sceneKeys.watch;
  if (view.phase === "briefing") return sceneKeys.briefing;
  if (view.phase === "negotiating") return sceneKeys.table;
  return sceneKeys.result;
}

export abstract class BaseScene extends Phaser.Scene {
  protected app!: App;
  protected u = 1;
  protected W = 1280;
  protected H = 720;
  focus: FocusManager | null = null;
  protected banner!: Banner;
  private fields: TextField[] = [];
  private cleanups: (() => void)[] = [];

  protected t = (key: MessageKey, params?: Record<string, string | number>): string => this.app.i18n.t(key, params);
  protected c = (key: string, fallback: string): string => this.app.i18n.content(key, fallback);

  /** Draws the screen; called on create and again after a resize or a language switch. */
  protected abstract build(): void;
  /** Where messages appear: near the top unless a screen has a better place. */
  protected bannerTop(): number {
    return 70 * this.u;
  }
  /** Where messages are centred and how wide they wrap (default: the middle of the screen). */
  protected bannerArea(): { x: number; width: number } | undefined {
    return undefined;
  }
  /** The screen a view belongs on (the briefing, reopened from the table, stays while the match runs). */
  protected sceneFor(view: ClientMatchView): string {
    return sceneForView(view);
  }
  /** A new view of the match arrived (only while connected). */
  protected onView(_view: ClientMatchView): void {}

  create(): void {
    this.app = app();
    this.W = this.scale.width;
    this.H = this.scale.height;
    this.u = unitFor(this.W, this.H);
    this.cameras.main.setBackgroundColor(colors.backgroundCss);
    this.focus = new FocusManager();
    this.banner = new Banner(this, this.u, (message) => window.__tariffTalks?.messages.push(message), this.bannerTop(), this.bannerArea());
    const hook = window.__tariffTalks;
    if (hook) {
      hook.scene = this.scene.key;
      hook.interactive = false;
    }

    let resizeTimer = 0;
    const onResize = () => {
      window.clearTimeout(resizeTimer);
      resizeTimer = window.setTimeout(() => this.scene.restart(), 150);
    };
    this.scale.on("resize", onResize);
    this.cleanups.push(() => this.scale.off("resize", onResize), () => window.clearTimeout(resizeTimer));
    // Redrawn in the new language once its fonts are in (canvas text is not redrawn when a font arrives).
    this.cleanups.push(this.app.i18n.onChange(() => void fontsReady(this.app.i18n.language).then(() => this.scene.isActive() && this.scene.restart())));
    const connection = this.app.connection;
    if (connection) this.cleanups.push(connection.subscribe((event) => this.onConnectionEvent(event)));
    this.events.once("shutdown", () => this.teardown());

    this.build();
    if (connection?.view) this.showPause(connection.view);
    if (connection?.status === "reconnecting") this.banner.show(this.t("status.reconnecting"), "status", true);
    if (hook) hook.interactive = true;
  }

  private teardown(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    for (const field of this.fields.splice(0)) field.destroy();
    this.focus?.destroy();
    this.focus = null;
  }

  private onConnectionEvent(event: ConnectionEvent): void {
    if (event.kind === "status") {
      if (event.status === "reconnecting") this.banner.show(this.t("status.reconnecting"), "status", true);
      else if (event.status === "open") this.banner.show(this.t("status.reconnected"), "info");
      else if (event.status === "lost") this.banner.show(this.t("status.lost"), "error", true);
      return;
    }
    if (event.kind === "error") {
      this.showServerError(event.code, event.message);
      return;
    }
    const target = this.sceneFor(event.view);
    if (target !== this.scene.key && this.scene.key !== sceneKeys.title) this.scene.start(target);
    else {
      this.showPause(event.view);
      this.onView(event.view);
    }
  }

  /** A paused table says so on every screen, for as long as it lasts (a sticky banner). */
  private pauseShown = false;
  private showPause(view: ClientMatchView): void {
    const paused = isPaused(view);
    if (paused && !this.pauseShown) this.banner.keep(this.t("status.paused"), "status");
    else if (!paused && this.pauseShown) this.banner.release();
    this.pauseShown = paused;
  }

  protected showServerError(code: string, message: string): void {
    const key = `error.${code}` as MessageKey;
    const known = this.app.i18n.t(key);
    // Our own sentence when the catalogue has one; the server's sentence otherwise.
    this.banner.show(known !== key ? known : message || this.t("error.generic", { message: code }), "error");
  }

  protected text(x: number, y: number, content: string, style: TextStyle): Phaser.GameObjects.Text {
    return this.add.text(x, y, content, style);
  }

  protected style(size: number, options: Parameters<typeof textStyle>[2] = {}): TextStyle {
    return textStyle(this.u, size, options);
  }

  protected button(options: Omit<ConstructorParameters<typeof Button>[1], "u">): Button {
    return this.focus!.add(new Button(this, { ...options, u: this.u }));
  }

  protected field(options: Omit<TextFieldOptions, "u">): TextField {
    const overlay = document.getElementById("overlay") ?? document.body;
    const field = new TextField(overlay, this.game.canvas, this.W, { ...options, u: this.u });
    this.fields.push(field);
    return this.focus!.add(field);
  }

  /** The language switch in the top-right corner of every screen (L). */
  protected languageToggle(): void {
    const w = 150 * this.u;
    const h = 40 * this.u;
    this.button({ id: "language", x: this.W - w - 16 * this.u, y: 16 * this.u, width: w, height: h, label: this.t("lang.switch"), shortcut: "l", fontSize: 15, onPress: () => this.app.i18n.toggle() });
  }

  /** All canvas text of this screen (for the test hook). */
  texts(): string[] {
    return this.visibleTexts().map((o) => o.text);
  }

  /** Each visible text with its drawn size in pixels (font size × its scale × the camera's zoom) and font stack (test hook). */
  textStyles(): HookTextStyle[] {
    const zoom = this.cameras.main.zoom;
    return this.visibleTexts()
      .filter((o) => o.text.trim() !== "")
      .map((o) => {
        // A text cropped to a scrolling column counts by the part in view (scroll-column.ts).
        const shown = o.getData("shown") as HookBox | undefined;
        const bounds = o.getBounds();
        const b = shown ?? { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height };
        // The box it must stay inside (buttons and rows say so) and its whole text if it was cut (draw.ts).
        const within = o.getData("within") as (() => HookBox) | undefined;
        const cut = o.getData("cut") as string | undefined;
        return {
          text: o.text,
          size: parseFloat(String(o.style.fontSize)) * o.scaleY * zoom,
          family: o.style.fontFamily,
          x: b.x,
          y: b.y,
          width: b.width,
          height: b.height,
          ...(within ? { within: within() } : {}),
          ...(cut !== undefined && o.text !== cut ? { cut, name: o.getData("name") === true } : {}),
          ...(o.getData("floating") === true ? { floating: true } : {}),
        };
      });
  }

  private visibleTexts(): Phaser.GameObjects.Text[] {
    const found: Phaser.GameObjects.Text[] = [];
    const walk = (objects: Phaser.GameObjects.GameObject[]) => {
      for (const o of objects) {
        if (o instanceof Phaser.GameObjects.Text && o.visible) found.push(o);
        else if (o instanceof Phaser.GameObjects.Container && o.visible) walk(o.list);
      }
    };
    walk(this.children.list);
    return found;
  }

  /** Names and chat lines in this screen's language (bots speak English; bot-speech.ts translates). */
  protected speech(): Speech {
    const language = this.app.i18n.language;
    const strategy = (name: string) => {
      const key = `class.bot.${name}` as MessageKey;
      const label = this.t(key);
      return label === key ? name : label;
    };
    return {
      name: (player) => shownName(player, language, strategy),
      line: (view, by, text) => (view.players.find((p) => p.id === by)?.bot ? botLine(text, language, view.scenario, this.c) : text),
    };
  }

  /** A panel: a rounded plate with a thin border. */
  protected panel(x: number, y: number, w: number, h: number, fill: number = colors.panel): Phaser.GameObjects.Rectangle {
    return this.add.rectangle(x, y, w, h, fill).setOrigin(0).setStrokeStyle(1, colors.panelBorder).setRounded(Math.round(10 * this.u));
  }
}
