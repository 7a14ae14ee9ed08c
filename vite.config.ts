import { defineConfig } from "vite";
import { fontsPlugin } from "./scripts/build/fonts.js";
import { precompress } from "./scripts/build/precompress.js";
import { scenarioSourcePlugin } from "./scripts/build/scenario-source.js";

// The client lives in client/; the game server (npm start) serves client/dist on port 2567.
export default defineConfig({
  root: "client",
  plugins: [fontsPlugin(), scenarioSourcePlugin(), precompress()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // Phaser is most of the bytes and changes least: its own chunk, cached apart from the game.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: "phaser", test: /node_modules[\\/]phaser[\\/]/ }],
        },
      },
    },
  },
  server: {
    port: 5173,
  },
});
