import type Phaser from "phaser";
import { fonts } from "./fonts.js";
import { wrapCallback } from "./wrap.js";

export { fonts };

/**
 * Colours, type and the layout unit. The palette is Okabe–Ito (safe for the common forms of
 * colour blindness), and nothing is told by colour alone: each side also has its own symbol
 * (Japan ●, US ★), warnings carry ⚠, good news ✓.
 */

export const colors = {
  background: 0x0f1d2b,
  backgroundCss: "#0f1d2b",
  panel: 0x172b3d,
  panelRaised: 0x1f3a52,
  panelBorder: 0x35597a,
  table: 0x4a3424,
  tableEdge: 0x6b4a31,
  felt: 0x1d4a3c,
  text: "#f5f1e8",
  muted: "#b3c4d2",
  dim: "#7f95a8",
  ink: "#10202e",
  focus: 0xf0e442,
  focusCss: "#f0e442",
  japan: 0xd55e00,
  japanCss: "#ff8a3d",
  us: 0x0072b2,
  usCss: "#56b4e9",
  good: 0x009e73,
  goodCss: "#3ddbb0",
  warn: 0xe69f00,
  warnCss: "#f5b83d",
  neutral: 0xcc79a7,
  neutralCss: "#e3a3c6",
  button: 0x2b5675,
  buttonHover: 0x3a7099,
  buttonPrimary: 0x009e73,
  buttonPrimaryHover: 0x1fb88e,
  buttonDanger: 0x9c4a1a,
  buttonDangerHover: 0xb95b24,
  buttonDisabled: 0x2a3946,
} as const;

export const symbols = { japan: "●", us: "★", warn: "⚠", good: "✓", star: "★", turn: "▶", redLine: "⚠" } as const;

/** A side's colour and symbol (unknown sides get the neutral pair). */
export function sideStyle(side: string): { color: number; css: string; symbol: string } {
  if (side === "japan") return { color: colors.japan, css: colors.japanCss, symbol: symbols.japan };
  if (side === "us") return { color: colors.us, css: colors.usCss, symbol: symbols.us };
  return { color: colors.neutral, css: colors.neutralCss, symbol: "◆" };
}

/** No text is drawn smaller than this many pixels (800×600 would otherwise shrink 13-unit text to 8 px). */
export const MIN_TEXT_PX = 12;

/** A type size in pixels: `size` layout units, never under MIN_TEXT_PX. */
export const textPx = (u: number, size: number): number => Math.max(MIN_TEXT_PX, Math.round(size * u));

/** The layout unit: 1 at 1280×720, 1.5 at 1920×1080; every size is a multiple of it. */
export function unitFor(width: number, height: number): number {
  return Math.max(0.6, Math.min(width / 1280, height / 720));
}

export type TextStyle = {
  fontFamily: string;
  fontSize: string;
  color: string;
  fontStyle?: string;
  wordWrap?: { width: number; useAdvancedWrap?: boolean; callback?: (text: string, textObject: Phaser.GameObjects.Text) => string[] };
  align?: string;
  lineSpacing?: number;
  resolution?: number;
};

export function textStyle(u: number, size: number, options: Partial<TextStyle> & { heading?: boolean; bold?: boolean } = {}): TextStyle {
  const { heading, bold, ...rest } = options;
  return {
    fontFamily: heading ? fonts.heading : fonts.body,
    fontSize: `${textPx(u, size)}px`,
    color: colors.text,
    resolution: Math.min(2, Math.max(1, globalThis.devicePixelRatio || 1)),
    ...(bold ? { fontStyle: "bold" } : {}),
    ...rest,
    // Our own line breaker, so Japanese wraps as well as English.
    ...(rest.wordWrap ? { wordWrap: { ...rest.wordWrap, callback: wrapCallback } } : {}),
  };
}
