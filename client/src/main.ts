import Phaser from "phaser";
import { builtinScenario, DEFAULT_SCENARIO_ID } from "../../shared/index.js";

/** Entry point: a title screen for now; the full table arrives with the client issue. */
class TitleScene extends Phaser.Scene {
  constructor() {
    super("title");
  }

  create(): void {
    const { width, height } = this.scale;
    const scenario = builtinScenario(DEFAULT_SCENARIO_ID)!;
    this.add.text(width / 2, height * 0.3, "Tariff Talks", { fontFamily: "Georgia, serif", fontSize: `${Math.round(height / 10)}px`, color: "#f4efe1" }).setOrigin(0.5);
    this.add
      .text(width / 2, height * 0.5, scenario.summary, { fontFamily: "Arial, sans-serif", fontSize: `${Math.round(height / 40)}px`, color: "#c9d6df", align: "center", wordWrap: { width: width * 0.6 } })
      .setOrigin(0.5);
  }
}

new Phaser.Game({
  type: Phaser.AUTO,
  parent: "game",
  backgroundColor: "#10202e",
  scale: { mode: Phaser.Scale.RESIZE, width: window.innerWidth, height: window.innerHeight },
  scene: [TitleScene],
});
