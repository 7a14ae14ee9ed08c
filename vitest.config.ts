import { defineConfig } from "vitest/config";
import { fontsPlugin } from "./scripts/build/fonts.js";

export default defineConfig({
  // Client modules import the bundled fonts' list (virtual:tt-fonts).
  plugins: [fontsPlugin()],
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
