import { mkdirSync } from "node:fs";
import { buildWeb, reportSizes, webBuildStaleReason } from "../../../scripts/build-web";

/** Builds the front end when it is missing or stale: the tests drive the built web/dist. */
export default async function setup(): Promise<void> {
  mkdirSync("test-artifacts", { recursive: true });
  const reason = webBuildStaleReason();
  if (!reason) return;
  console.log(`[e2e] ${reason}: building the front end`);
  await buildWeb();
  const over = reportSizes();
  if (over.length > 0) throw new Error(`first-load JS over budget: ${over.join("; ")}`);
}
