import { fetchStudentReport, type ClassDebrief } from "../../net/class-connection.js";
import { serverEndpoint } from "../../net/colyseus-connection.js";
import { colors, textStyle } from "../../ui/theme.js";
import { classChartModel } from "../../view-models/class-debrief-model.js";
import { sideName } from "../../view-models/names.js";
import { BaseScene } from "../base-scene.js";
import { drawChart, drawLegend, plotFrame, type ChartLabels } from "../debrief/chart.js";
import { replayKeys } from "../replay/replay-pick-scene.js";
import { serverLog } from "../replay/replay-sources.js";
import { openLog } from "../replay/replay-session.js";
import { readingButtons } from "../widgets/reading-panels.js";
import { rememberClassScreen } from "./class-session.js";
import { classKeys, classState } from "./class-state.js";

/**
 * The class debrief: every table's deal in the points plane with the frontier, Nash point,
 * no-deal point and the real July 2025 deal; beside it the table of tables (outcome, points,
 * joint gain share, distance to the frontier, rounds, first concession, ratification).
 */
export class ClassDebriefScene extends BaseScene {
  private debrief: ClassDebrief | null = null;

  /**
   * One printable page per student (server/http/student-report-page.ts). The endpoint wants the
   * key in a header, so the page is fetched and written into a tab opened at the click (opened
   * first, so that no popup blocker stands between the press and the tab).
   */
  private openStudentReport(): void {
    const link = classState.link;
    if (!link) return;
    const tab = window.open("", "_blank");
    void fetchStudentReport(serverEndpoint(window.location, import.meta.env.DEV), link.code, link.key, this.app.i18n.language).then(
      (html) => {
        if (!tab) return void this.banner.show(this.t("class.studentReportBlocked"), "error");
        tab.document.open();
        tab.document.write(html);
        tab.document.close();
      },
      (error: Error) => {
        tab?.close();
        if (this.scene.isActive()) this.banner.show(error.message.replace(/^[A-Z_]+: /, ""), "error");
      },
    );
  }

  constructor() {
    super(classKeys.debrief);
  }

  protected build(): void {
    const { u, W, H } = this;
    this.languageToggle();
    rememberClassScreen("debrief");
    this.button({ id: "back", x: 16 * u, y: 16 * u, width: 190 * u, height: 40 * u, label: this.t("class.back.dashboard"), fontSize: 15, onPress: () => (rememberClassScreen("dashboard"), this.scene.start(classKeys.lobby)) });
    this.text(W / 2, 24 * u, this.t("class.debriefTitle"), this.style(22, { bold: true })).setOrigin(0.5, 0);
    const link = classState.link;
    if (!link) return;
    this.button({ id: "student-report", x: 218 * u, y: 16 * u, width: 240 * u, height: 40 * u, label: this.t("class.studentReport"), shortcut: "p", fontSize: 15, onPress: () => this.openStudentReport() });
    if (!this.debrief) {
      void link.debrief().then(
        (d) => {
          this.debrief = d;
          if (this.scene.isActive()) this.scene.restart();
        },
        (error: Error) => this.scene.isActive() && this.banner.show(error.message.replace(/^[A-Z_]+: /, ""), "error"),
      );
      return;
    }
    const { chart, deals } = classChartModel(this.debrief);
    // The class's own scenario names its sides (a scenario from SCENARIOS_DIR is not the default one).
    const scenario = classState.link?.dashboard?.scenario ?? classState.scenarios.find((s) => s.id === classState.link?.dashboard?.settings.scenario);
    const name = (s: string) => (scenario ? sideName(scenario, s, this.c) : this.c(`side.${s}`, s === "japan" ? "Japan" : s === "us" ? "United States" : s));
    const labels: ChartLabels = {
      axisA: this.t("result.axisA", { side: name(chart.sides[0]) }), axisB: this.t("result.axisB", { side: name(chart.sides[1]) }),
      frontier: this.t("result.legend.frontier"), nash: this.t("result.legend.nash"), noDeal: this.t("result.legend.noDeal"), real: this.t("result.legend.real"), realShort: this.t("result.legend.realShort"),
      deal: this.t("result.legend.deal"), failed: this.t("result.legend.failed"), path: (side) => this.t("result.legend.path", { side }), sideName: name,
    };
    const box = { x: 20 * u, y: 90 * u, w: Math.min(W * 0.55, H - 120 * u + 200 * u), h: H - 130 * u };
    drawChart(this, box, chart, u, labels);
    // The chart's own mapping, so each table's ring sits where drawChart puts that point.
    const { px, py } = plotFrame(box, chart.bounds, u);
    for (const d of deals) {
      const color = d.ratified === false ? colors.warnCss : colors.text;
      this.add.text(px(d.a), py(d.b), "◯", textStyle(u, 16, { color, bold: true })).setOrigin(0.5);
      this.add.text(px(d.a) + 9 * u, py(d.b) + 4 * u, d.tableId, textStyle(u, 11, { color, bold: true })); // below-right: the reference marks label above-right
    }
    const sx = box.x + box.w + 24 * u;
    // What the ★ stands for, issue by issue, and the model's assumptions and sources (issue 23), as on a player's result screen.
    if (scenario) readingButtons({ scene: this, focus: this.focus!, u, t: this.t, c: this.c, scenario }, sx, H - 62 * u, 170 * u, 44 * u, ["realDeal", "model", "sources"]);
    let y = drawLegend(this, sx, 90 * u, u, { ...chart, deal: null }, labels);
    this.add.text(sx, y, `◯  ${this.t("class.tableDeal")}`, textStyle(u, 14, { color: colors.text }));
    y += 34 * u;
    const head = [this.t("class.col.table"), this.t("class.col.outcome"), this.t("class.col.points"), this.t("class.col.share"), this.t("class.col.rounds"), this.t("class.col.first")];
    const colX = [0, 58, 180, 270, 340, 400].map((c) => sx + c * u);
    head.forEach((h, i) => this.add.text(colX[i]!, y, h, textStyle(u, 12, { bold: true, color: colors.muted })));
    y += 20 * u;
    const rowsTop = y;
    for (const t of this.debrief.tables) {
      if (y > H - 20 * u) break;
      const points = t.points ? chart.sides.map((s) => Math.round(t.points![s] ?? 0)).join(" / ") : "–";
      const cells = [t.tableId, this.t(`class.outcome.${t.outcome}` as Parameters<typeof this.t>[0]), points, t.jointGainShare === null ? "–" : `${Math.round(t.jointGainShare * 100)}%`, String(t.rounds), t.firstConcession ? name(t.firstConcession) : "–"];
      cells.forEach((c, i) => i > 0 && this.add.text(colX[i]!, y, c, textStyle(u, 12, { color: colors.text })));
      // Each ended table is one click from its replay (client/src/scenes/replay).
      this.button({ id: `replay-${t.tableId}`, x: colX[0]!, y: y - 4 * u, width: 50 * u, height: 22 * u, label: `▶ ${t.tableId}`, fontSize: 12, onPress: () => void this.replay(t.matchId) });
      y += 26 * u;
    }
    if (y > rowsTop) this.add.text(sx, y + 8 * u, this.t("class.replayHint"), textStyle(u, 13, { color: colors.muted, wordWrap: { width: W - sx - 20 * u } }));
  }

  private async replay(matchId: string): Promise<void> {
    try {
      const opened = await openLog(await serverLog(matchId), "server", `${matchId}.jsonl`);
      if (!("code" in opened)) this.scene.start(replayKeys.view);
    } catch (error) {
      this.banner.show(this.t("error.generic", { message: (error as Error).message }), "error");
    }
  }
}
