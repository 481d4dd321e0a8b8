import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildWeb, reportSizes, webBuildStaleReason } from "../../../scripts/build-web";
import { buildIfStale } from "../../support/compiled";
import { prepareCounty } from "./county";

declare module "vitest" {
  export interface ProvidedContext {
    e2eTemplateDir: string;
  }
}

/** Builds the server (dist/) and the front end when stale, and the seeded data folder every test file copies. */
export default async function setup(project: TestProject) {
  mkdirSync("test-artifacts", { recursive: true });
  await buildIfStale();
  // dist/build-stamp may be current while web/dist was removed since.
  const reason = webBuildStaleReason();
  if (reason) {
    console.log(`[e2e] ${reason}: building the front end`);
    await buildWeb();
    const over = reportSizes();
    if (over.length > 0) throw new Error(`first-load JS over budget: ${over.join("; ")}`);
  }
  const template = join(tmpdir(), `kaohe-e2e-template-${process.pid}`);
  rmSync(template, { recursive: true, force: true });
  await prepareCounty(template);
  project.provide("e2eTemplateDir", template);
  return () => rmSync(template, { recursive: true, force: true });
}
