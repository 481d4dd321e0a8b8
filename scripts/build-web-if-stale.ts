// `npm run dev:worker` (and .ci/run before the Worker bundle) run this first: it builds the front end when
// web/dist is missing or older than its sources. (`npm start` has its own check: scripts/start.mjs.)

import { webBuildStaleReason } from "./build-web";

const reason = process.env.KAOHE_SKIP_WEB_BUILD ? undefined : webBuildStaleReason();
if (reason) {
  const vite = await import("vite").catch(() => undefined);
  if (!vite) {
    console.warn(
      `[kaohe] ${reason}, but Vite is not installed (dev dependencies omitted?): serving the API only`,
    );
  } else {
    const { buildWeb, reportSizes } = await import("./build-web");
    const startedAt = performance.now();
    console.log(`[kaohe] ${reason}: building the front end …`);
    await buildWeb();
    console.log(`[kaohe] front end built in ${Math.round(performance.now() - startedAt)} ms`);
    reportSizes();
  }
}
