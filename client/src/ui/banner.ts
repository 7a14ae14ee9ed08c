import Phaser from "phaser";
import { colors, symbols, textStyle } from "./theme.js";

/**
 * A message strip where the player is looking (top centre, above everything): server errors in
 * words, "reconnecting…", confirmations. Each kind has its own icon as well as its colour.
 */

export type BannerKind = "error" | "info" | "status";

const look: Record<BannerKind, { fill: number; icon: string }> = {
  error: { fill: 0x8a3b12, icon: symbols.warn },
  info: { fill: 0x0b6b52, icon: symbols.good },
  status: { fill: 0x6b5300, icon: "⟳" },
};

export class Banner {
  private plate: Phaser.GameObjects.Rectangle;
  private text: Phaser.GameObjects.Text;
  private timer: Phaser.Time.TimerEvent | null = null;
  private sticky = false;
  /** A state's message (a pause): shown for as long as it lasts, back after any other message. */
  private resident: { message: string; kind: BannerKind } | null = null;

  constructor(
    private scene: Phaser.Scene,
    private u: number,
    private onShow: (message: string) => void = () => undefined,
    top = 70 * u,
    /** Where it is centred and how wide it may wrap (default: the screen's centre, 70 % of its width). */
    area: { x: number; width: number } = { x: scene.scale.width / 2, width: scene.scale.width * 0.7 },
  ) {
    this.plate = scene.add.rectangle(area.x, top, 10, 10, 0x000000).setOrigin(0.5, 0).setDepth(1000).setRounded(Math.round(8 * u)).setVisible(false);
    this.text = scene.add
      .text(area.x, top, "", textStyle(u, 18, { bold: true, align: "center", wordWrap: { width: area.width } }))
      .setOrigin(0.5, 0)
      .setDepth(1001)
      .setVisible(false)
      // A toast is meant to lie over the screen for a moment (the test hook says so).
      .setData("floating", true);
  }

  /** Sticky messages (connection status) stay until cleared; others fade after a few seconds. */
  show(message: string, kind: BannerKind, sticky = false): void {
    this.onShow(message);
    this.timer?.remove();
    this.timer = null;
    this.sticky = sticky;
    this.draw(message, kind);
    if (!sticky) this.timer = this.scene.time.delayedCall(kind === "error" ? 6000 : 3000, () => this.hide());
  }

  /** Shows `message` until `release`; other messages pass over it and it comes back after them. */
  keep(message: string, kind: BannerKind): void {
    this.resident = { message, kind };
    this.show(message, kind, true);
  }

  release(): void {
    if (!this.resident) return;
    this.resident = null;
    this.hide();
  }

  private draw(message: string, kind: BannerKind): void {
    const { fill, icon } = look[kind];
    this.text.setText(`${icon}  ${message}`).setPadding(Math.round(16 * this.u), Math.round(10 * this.u)).setVisible(true);
    this.plate
      .setFillStyle(fill, 0.97)
      .setStrokeStyle(2, 0xffffff, 0.6)
      .setSize(this.text.width, this.text.height)
      .setVisible(true);
  }

  clearSticky(): void {
    if (this.sticky) this.hide();
  }

  hide(): void {
    this.sticky = false;
    this.timer?.remove();
    this.timer = null;
    if (this.resident) {
      this.sticky = true;
      return this.draw(this.resident.message, this.resident.kind);
    }
    this.plate.setVisible(false);
    this.text.setVisible(false);
  }
}
