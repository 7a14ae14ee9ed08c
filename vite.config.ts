import { defineConfig } from "vite";

// The client lives in client/; the game server (npm start) serves client/dist on port 2567.
export default defineConfig({
  root: "client",
  build: {
    outDir: "dist",
    emptyOutDir: true,
  },
  server: {
    port: 5173,
  },
});
