import type Phaser from "phaser";
import type { MessageKey } from "../../i18n/index.js";
import type { Banner } from "../../ui/banner.js";
import type { Button } from "../../ui/button.js";
import type { TextField, TextFieldOptions } from "../../ui/text-field.js";
import type { TextStyle, textStyle } from "../../ui/theme.js";
import type { PublicScenario } from "../../../../shared/index.js";

/**
 * What the class screen's parts (form, dashboard, control panel, seating cards) draw with: the
 * scene's layout unit, strings and widget helpers, so each part lives in its own file.
 */
export type ButtonSpec = { id: string; x: number; y: number; width: number; height: number; label: string; kind?: "normal" | "primary" | "danger" | "toggle"; shortcut?: string; fontSize?: number; onPress: () => void; selected?: () => boolean };

export type ClassKit = {
  scene: Phaser.Scene;
  u: number;
  W: number;
  H: number;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  c: (key: string, fallback: string) => string;
  button: (spec: ButtonSpec) => Button;
  field: (options: Omit<TextFieldOptions, "u">) => TextField;
  text: (x: number, y: number, content: string, style: TextStyle) => Phaser.GameObjects.Text;
  style: (size: number, options?: Parameters<typeof textStyle>[2]) => TextStyle;
  panel: (x: number, y: number, w: number, h: number, fill?: number) => Phaser.GameObjects.Rectangle;
  banner: Banner;
  /** A refusal in words (the catalogue's sentence for its code, else the server's). */
  showError: (error: unknown) => void;
  /** Draws the screen again (form values live in classState, so nothing typed is lost). */
  redraw: () => void;
  scenario: () => PublicScenario | undefined;
  sideName: (side: string) => string;
  roleName: (side: string, role: string) => string;
};
