import { defineConfig } from "vitest/config";
import { fontsPlugin } from "./scripts/build/fonts.js";
import { scenarioSourcePlugin } from "./scripts/build/scenario-source.js";

export default defineConfig({
  // Client modules import the bundled fonts' list (virtual:tt-fonts).
  plugins: [fontsPlugin(), scenarioSourcePlugin()],
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
