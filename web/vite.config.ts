import { fileURLToPath } from "node:url";
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

/** The browser front end: built to web/dist, which the Node entry and the Worker serve as static files. */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [preact()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // scripts/build-web.ts reads the manifest to report each page's first-load size.
    manifest: true,
    target: "es2022",
    reportCompressedSize: false,
    rolldownOptions: {
      // Chart.js gets a chunk of its own, named so, which only the report pages load.
      output: { codeSplitting: { groups: [{ name: "chartjs", test: /node_modules[\\/]chart\.js/ }] } },
    },
  },
  server: {
    // `npx vite web` during development: the API runs on `npm start`.
    proxy: { "/api": `http://127.0.0.1:${process.env.KAOHE_API_PORT ?? "3000"}` },
  },
});
