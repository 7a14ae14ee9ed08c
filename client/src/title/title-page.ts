import { app } from "../game/app.js";
import type { SceneProbe } from "../game/test-hook.js";
import type { MessageKey } from "../i18n/index.js";
import { titleFontsReady } from "../ui/fonts.js";
import { FocusManager } from "../ui/focus.js";
import { TextField } from "../ui/text-field.js";
import { colors, sideStyle, textPx, unitFor } from "../ui/theme.js";
import { domPanel, domText, DomBanner, DomButton, type DomButtonOptions } from "./dom-kit.js";

/**
 * The title screen — the ways into a match (against a bot with a side and difficulty, a table
 * for two, joining with a code), replay and class mode, and the language switch — drawn in DOM
 * from the first, small chunk, so a visitor can act while Phaser and the rest of the game load.
 * It looks and answers the keyboard as the canvas screens do (same units, focus ring,
 * shortcuts). What the buttons do happens in the game (scenes/title.ts, the TitleHost).
 */

export type TitleAction = { kind: "solo" } | { kind: "host" } | { kind: "join"; code: string } | { kind: "open"; screen: "replay" | "class" };

/** Runs an action in the game; rejects with `{ code, message }` (a LobbyError) when it cannot. */
export type TitleHost = { run(action: TitleAction): Promise<void> };

const sides = [
  { id: "japan", name: "Japan", key: "j" },
  { id: "us", name: "United States", key: "u" },
] as const;
const difficulties = [
  { id: "easy", key: "e" },
  { id: "normal", key: "n" },
  { id: "hard", key: "h" },
] as const;

export class TitlePage {
  private root: HTMLDivElement | null = null;
  focus: FocusManager | null = null;
  private banner: DomBanner | null = null;
  private fields: TextField[] = [];
  private actionButtons: DomButton[] = [];
  private toggles: DomButton[] = [];
  private codeField: TextField | null = null;
  private busy = false;
  private cleanups: (() => void)[] = [];

  constructor(private host: TitleHost) {}

  get visible(): boolean {
    return this.root !== null;
  }

  /** Shows the page (again); `onInteractive` once its fonts are in and it takes input. */
  show(): void {
    if (this.root) return;
    const onResize = () => this.rebuild();
    window.addEventListener("resize", onResize);
    this.cleanups.push(() => window.removeEventListener("resize", onResize), app().i18n.onChange(() => this.rebuild()));
    this.build();
  }

  hide(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.clear();
  }

  /** What the test hook reads: the buttons (in page pixels already), the focus and every text shown. */
  probe(): SceneProbe {
    return {
      key: "title",
      focus: this.focus,
      offset: () => ({ left: 0, top: 0, scale: 1 }),
      texts: () => {
        const shown = Array.from(this.root?.querySelectorAll(".tt-text") ?? []).map((el) => el.textContent ?? "");
        const banner = this.banner?.text();
        return [...shown, ...this.actionButtons.concat(this.toggles).map((b) => b.caption()), ...(banner ? [banner] : [])];
      },
      textStyles: () =>
        Array.from(this.root?.querySelectorAll<HTMLElement>(".tt-text, button") ?? []).map((el) => {
          const style = getComputedStyle(el);
          const r = el.getBoundingClientRect();
          if (el.tagName !== "BUTTON") return { text: el.textContent ?? "", size: parseFloat(style.fontSize), family: style.fontFamily, x: r.left, y: r.top, width: r.width, height: r.height };
          // A button's caption as laid out (it may wrap past its plate), with the plate it must stay on.
          const range = document.createRange();
          range.selectNodeContents(el);
          const t = range.getBoundingClientRect();
          return { text: el.textContent ?? "", size: parseFloat(style.fontSize), family: style.fontFamily, x: t.left, y: t.top, width: t.width, height: t.height, within: { x: r.left, y: r.top, width: r.width, height: r.height } };
        }),
    };
  }

  private clear(): void {
    for (const field of this.fields.splice(0)) field.destroy();
    this.focus?.destroy();
    this.focus = null;
    this.root?.remove();
    this.root = null;
  }

  private rebuild(): void {
    if (!this.root) return;
    const typed = { code: this.codeField?.value ?? "" };
    this.clear();
    this.build();
    if (this.codeField) this.codeField.value = typed.code;
  }

  private t = (key: MessageKey, params?: Record<string, string | number>) => app().i18n.t(key, params);

  private build(): void {
    const hook = window.__tariffTalks;
    if (hook) {
      hook.scene = "title";
      hook.interactive = false;
    }
    const W = window.innerWidth;
    const H = window.innerHeight;
    const u = unitFor(W, H);
    const state = app();
    const root = document.createElement("div");
    root.id = "title-page";
    Object.assign(root.style, { position: "fixed", inset: "0", background: colors.backgroundCss, overflow: "hidden", zIndex: "1" } satisfies Partial<CSSStyleDeclaration>);
    // Built detached and attached once the faces its text needs are in: text laid out while a
    // face was still loading kept the fallback's boxes in Chromium (seen with no CJK system font).
    const backdrop = document.createElement("div");
    Object.assign(backdrop.style, { position: "fixed", inset: "0", background: colors.backgroundCss, zIndex: "1" } satisfies Partial<CSSStyleDeclaration>);
    document.body.appendChild(backdrop);
    this.root = root;
    this.focus = new FocusManager();
    this.banner = new DomBanner(root, u, 70 * u, (message) => window.__tariffTalks?.messages.push(message));
    this.busy = false;
    this.actionButtons = [];
    this.toggles = [];
    const button = (options: Omit<DomButtonOptions, "u">) => this.focus!.add(new DomButton(root, { ...options, u }));
    const text = (x: number, y: number, content: string, options: Omit<Parameters<typeof domText>[4], "u">) => domText(root, x, y, content, { ...options, u });

    const langW = 150 * u;
    button({ id: "language", x: W - langW - 16 * u, y: 16 * u, width: langW, height: 40 * u, label: this.t("lang.switch"), shortcut: "l", fontSize: 15, onPress: () => state.i18n.toggle() });
    // Instructors: step through a finished match; instructors and students of a class.
    button({ id: "replay", x: 16 * u, y: 16 * u, width: 220 * u, height: 40 * u, label: this.t("title.replay"), shortcut: "r", fontSize: 15, onPress: () => this.run({ kind: "open", screen: "replay" }) });
    button({ id: "class-mode", x: 246 * u, y: 16 * u, width: 200 * u, height: 40 * u, label: this.t("title.classMode"), shortcut: "k", fontSize: 15, onPress: () => this.run({ kind: "open", screen: "class" }) });

    // Everything below is centred vertically in a 650-unit-tall block.
    const oy = Math.max(0, (H - 650 * u) / 2);
    const headY = oy + 70 * u;
    text(W / 2, headY, this.t("app.title"), { size: 60, heading: true, bold: true, origin: "center" });
    text(W / 2, headY + 56 * u, this.t("app.subtitle"), { size: 20, color: colors.muted, origin: "center" });
    const flagH = 70 * u;
    for (const [flag, dx, ratio] of [["flag-japan", -330, 1.5], ["flag-us", 330, 1.9]] as const) {
      const img = document.createElement("img");
      img.src = `assets/${flag}.svg`;
      img.alt = "";
      Object.assign(img.style, { position: "absolute", left: `${W / 2 + dx * u - (flagH * ratio) / 2}px`, top: `${headY + 20 * u - flagH / 2}px`, width: `${flagH * ratio}px`, height: `${flagH}px` });
      root.appendChild(img);
    }

    // Name and side, shared by the solo game and a hosted table.
    const rowY = oy + 190 * u;
    const left = W / 2 - 560 * u;
    text(left, rowY + 10 * u, this.t("title.name"), { size: 18, bold: true });
    const nameField = this.addField(root, W, { id: "name", x: left + 150 * u, y: rowY, width: 260 * u, height: 42 * u, u, placeholder: this.t("title.namePlaceholder"), label: this.t("title.name"), value: state.name, maxLength: 40 });
    nameField.element.addEventListener("input", () => state.setName(nameField.value));
    text(left + 460 * u, rowY + 10 * u, this.t("title.side"), { size: 18, bold: true });
    sides.forEach((side, i) => {
      const style = sideStyle(side.id);
      this.toggles.push(
        button({
          id: `side-${side.id}`,
          x: left + 600 * u + i * 240 * u,
          y: rowY,
          width: 225 * u,
          height: 42 * u,
          label: `${style.symbol} ${state.i18n.content(`side.${side.id}`, side.name)}`,
          kind: "toggle",
          shortcut: side.key,
          selected: () => state.soloSide === side.id,
          onPress: () => ((state.soloSide = side.id), this.redrawToggles()),
        }),
      );
    });

    // Three cards.
    const cardY = oy + 270 * u;
    const cardH = 330 * u;
    const gap = 24 * u;
    // The cards take the width of the name row, or nearly the whole window on a small screen
    // (800×600), where 12-px type needs more than 1120 units for the difficulty toggles.
    const rowW = Math.max(1120 * u, Math.min(W - 32, 1120));
    const cardW = (rowW - 2 * gap) / 3;
    const cardX = (i: number) => W / 2 - rowW / 2 + i * (cardW + gap);
    const pad = 20 * u;
    (["title.solo", "title.host", "title.join"] as const).forEach((key, i) => {
      domPanel(root, cardX(i), cardY, cardW, cardH, u);
      text(cardX(i) + pad, cardY + pad, this.t(key), { size: 24, heading: true, bold: true, width: cardW - 2 * pad });
      text(cardX(i) + pad, cardY + pad + 40 * u, this.t(`${key}.hint`), { size: 16, color: colors.muted, width: cardW - 2 * pad });
    });

    // Card 1: difficulty and start.
    const x0 = cardX(0) + pad;
    text(x0, cardY + 120 * u, this.t("title.difficulty"), { size: 17, bold: true });
    const hint = text(x0, cardY + 210 * u, "", { size: 15, color: colors.muted, width: cardW - 2 * pad });
    const showHint = () => (hint.textContent = this.t(`title.difficulty.${state.difficulty}.hint` as MessageKey));
    const dW = (cardW - 2 * pad - 16 * u) / 3;
    difficulties.forEach((d, i) => {
      this.toggles.push(
        button({
          id: `difficulty-${d.id}`,
          x: x0 + i * (dW + 8 * u),
          y: cardY + 152 * u,
          width: dW,
          height: 46 * u,
          label: this.t(`title.difficulty.${d.id}`),
          kind: "toggle",
          fontSize: 15,
          shortcut: d.key,
          selected: () => state.difficulty === d.id,
          onPress: () => ((state.difficulty = d.id), this.redrawToggles(), showHint()),
        }),
      );
    });
    showHint();
    const actionY = cardY + cardH - pad - 54 * u;
    const action = (id: string, x: number, label: string, onPress: () => void, shortcut?: string) =>
      this.actionButtons.push(button({ id, x, y: actionY, width: cardW - 2 * pad, height: 54 * u, label, kind: "primary", fontSize: 19, onPress, ...(shortcut ? { shortcut } : {}) }));
    action("start-solo", x0, this.t("title.start"), () => this.run({ kind: "solo" }), "s");

    // Card 2: open a table for two — how it goes, in three steps.
    text(cardX(1) + pad, cardY + 120 * u, this.t("title.host.steps"), { size: 16, width: cardW - 2 * pad });
    action("host", cardX(1) + pad, this.t("title.hostButton"), () => this.run({ kind: "host" }), "o");

    // Card 3: join with a code.
    this.codeField = this.addField(root, W, { id: "code", x: cardX(2) + pad, y: cardY + 150 * u, width: cardW - 2 * pad, height: 48 * u, u, placeholder: this.t("title.codePlaceholder"), label: this.t("title.join"), maxLength: 40, onEnter: () => this.join() });
    this.codeField.element.style.fontSize = `${textPx(u, 22)}px`;
    this.codeField.element.style.letterSpacing = "0.1em";
    action("join", cardX(2) + pad, this.t("title.joinButton"), () => this.join());

    text(W / 2, Math.min(H - 40 * u, cardY + cardH + 50 * u), this.t("title.keys"), { size: 14, color: colors.dim, align: "center", width: W - 80 * u, origin: "center" });
    this.focus.focus("start-solo");
    // Shown, and interactive, once the faces its text needs (by unicode-range) are in.
    const built = this.focus;
    const captions = [...this.actionButtons, ...this.toggles].map((b) => b.caption()).join("");
    void titleFontsReady(`${root.textContent ?? ""}${captions}${this.t("title.namePlaceholder")}${this.t("title.codePlaceholder")}`).then(() => {
      backdrop.remove();
      if (this.focus !== built) return;
      document.body.appendChild(root);
      for (const field of this.fields) field.place();
      // Laid out now: captions that wrap past their plates drop their key hints (dom-kit.ts).
      for (const button of [...this.actionButtons, ...this.toggles]) button.redraw();
      if (hook) hook.interactive = true;
    });
  }

  private addField(root: HTMLElement, W: number, options: ConstructorParameters<typeof TextField>[3]): TextField {
    const field = new TextField(root, root, W, options);
    this.fields.push(field);
    return this.focus!.add(field);
  }

  private redrawToggles(): void {
    for (const toggle of this.toggles) toggle.redraw();
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    for (const b of this.actionButtons) b.setEnabled(!busy);
    if (busy) this.banner?.show(this.t("title.connecting"), "status", true);
    else this.banner?.clearSticky();
  }

  private join(): void {
    const code = this.codeField?.value.trim() ?? "";
    if (!code) {
      this.banner?.show(this.t("error.emptyCode"), "error");
      this.codeField?.activate();
      return;
    }
    this.run({ kind: "join", code });
  }

  private run(action: TitleAction): void {
    if (this.busy) return;
    const connecting = action.kind !== "open";
    if (connecting) this.setBusy(true);
    else this.busy = true;
    this.host.run(action).then(
      () => (this.busy = false),
      (error: unknown) => {
        this.busy = false;
        if (connecting) this.setBusy(false);
        this.showError(error);
      },
    );
  }

  private showError(error: unknown): void {
    const { code, message } = (error ?? {}) as { code?: string; message?: string };
    if (code === "NO_SERVER") return this.banner?.show(this.t("error.noServer"), "error");
    if (code === "BAD_CODE") return this.banner?.show(this.t("error.badCode"), "error");
    const known = code ? this.t(`error.${code}` as MessageKey) : "";
    this.banner?.show(code && known !== `error.${code}` ? known : message || this.t("error.generic", { message: String(code ?? error) }), "error");
  }
}
