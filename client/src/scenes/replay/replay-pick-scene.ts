import { colors, sideStyle } from "../../ui/theme.js";
import { BaseScene, sceneKeys } from "../base-scene.js";
import { installProbe } from "./replay-probe.js";
import { openLog, replayError } from "./replay-session.js";
import { endedMatches, fileDrop, serverLog, type EndedMatch, type FileDrop } from "./replay-sources.js";
import type { MessageKey } from "../../i18n/index.js";

/**
 * Choosing a log to replay: the server's ended matches, or a `.jsonl` file picked or dropped.
 * A log that does not replay is refused whole, with its line and the reason, in words.
 */

export const replayKeys = { pick: "replay-pick", view: "replay" } as const;

let listCache: EndedMatch[] | null = null;

export class ReplayPickScene extends BaseScene {
  private drop: FileDrop | null = null;

  constructor() {
    super(replayKeys.pick);
  }

  protected build(): void {
    const { W, H, u } = this;
    const m = 28 * u;
    this.languageToggle();
    this.button({ id: "back", x: W - 330 * u, y: 16 * u, width: 150 * u, height: 40 * u, label: this.t("replay.back"), shortcut: "b", fontSize: 15, onPress: () => this.scene.start(sceneKeys.title) });
    this.text(m, m, this.t("replay.pickTitle"), this.style(34, { heading: true, bold: true }));
    this.text(m, m + 52 * u, this.t("replay.pickHint"), this.style(16, { color: colors.muted, wordWrap: { width: W - 2 * m - 340 * u } }));

    const dropHint = this.text(W / 2, H / 2, this.t("replay.dropHere"), this.style(30, { bold: true, color: colors.focusCss })).setOrigin(0.5).setVisible(false).setDepth(10);
    this.drop = fileDrop((name, text) => void this.open(() => Promise.resolve(text), name), (hovering) => dropHint.setVisible(hovering));
    this.events.once("shutdown", () => this.drop?.destroy());
    const open = this.button({ id: "open-file", x: m, y: m + 110 * u, width: 300 * u, height: 50 * u, label: this.t("replay.openFile"), kind: "primary", shortcut: "o", fontSize: 18, onPress: () => this.drop?.pick() });

    const error = replayError();
    let y = m + 180 * u;
    if (error) {
      const reason = this.t(`replay.error.${error.code}` as MessageKey);
      const box = this.text(m + 16 * u, y + 12 * u, `⚠ ${this.t("replay.broken", { file: error.file, line: error.line, reason })}\n${error.message}`, this.style(15, { color: colors.warnCss, wordWrap: { width: W - 2 * m - 32 * u } }));
      this.panel(m, y, W - 2 * m, box.height + 24 * u).setStrokeStyle(2, colors.warn);
      box.setDepth(1);
      y += box.height + 40 * u;
    }

    this.text(m, y, this.t("replay.serverMatches"), this.style(20, { heading: true, bold: true }));
    const status = this.text(m, y + 34 * u, this.t("replay.loadingList"), this.style(15, { color: colors.muted }));
    const listTop = y + 34 * u;
    const show = (matches: EndedMatch[]) => {
      status.setText(matches.length ? "" : this.t("replay.noMatches"));
      const rows = Math.max(1, Math.floor((H - listTop - 40 * u) / (48 * u)));
      matches.slice(0, rows).forEach((match, i) => {
        const players = match.players.map((p) => `${sideStyle(p.side).symbol} ${p.name}`).join("  ");
        const outcome = match.outcome ? this.t(`result.${match.outcome.kind}` as MessageKey, { round: match.outcome.round, side: "" }) : "";
        this.button({ id: `match-${match.id}`, x: m, y: listTop + i * 48 * u, width: W - 2 * m, height: 42 * u, label: `${match.id} · ${players} · ${outcome}`, fontSize: 15, onPress: () => void this.open(() => serverLog(match.id), match.id, "server") });
      });
    };
    if (listCache) show(listCache);
    else
      endedMatches().then(
        (matches) => {
          listCache = matches;
          if (this.scene.isActive()) this.scene.restart();
        },
        (e: Error) => status.setText(this.t("replay.listFailed", { message: e.message })),
      );
    installProbe(() => this.scene.start(replayKeys.view), () => this.scene.restart());
    this.focus!.focus(open.id);
  }

  private async open(read: () => Promise<string>, name: string, source: "server" | "file" = "file"): Promise<void> {
    let text: string;
    try {
      text = await read();
    } catch (e) {
      this.banner.show(this.t("error.generic", { message: (e as Error).message }), "error");
      return;
    }
    const opened = await openLog(text, source, name);
    listCache = null;
    if ("code" in opened) this.scene.restart();
    else this.scene.start(replayKeys.view);
  }
}
