import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildWeb, reportSizes, webBuildStaleReason } from "../../../scripts/build-web";
import { buildIfStale } from "../../support/compiled";
import { hasFile, leaveOut, onPath } from "../../support/external-tools";
import { CHROMIUM } from "./chromium-path";
import { prepareCounty } from "./county";

declare module "vitest" {
  export interface ProvidedContext {
    e2eTemplateDir: string;
    /** Whether Chromium and pdftotext are installed; without them (and not on CI) the suite is left out. */
    browserReady: boolean;
  }
}

/** Builds the server (dist/) and the front end when stale, and the seeded data folder every test file copies. */
export default async function setup(project: TestProject) {
  // The suite prints pages to PDF and reads them with pdftotext, so it needs both programs.
  const chromium = hasFile(CHROMIUM);
  const pdftotext = onPath("pdftotext");
  project.provide("browserReady", chromium && pdftotext);
  project.provide("e2eTemplateDir", "");
  if (!chromium || !pdftotext) {
    // Said once here rather than in each of the suite's files; under CI=true this throws instead.
    leaveOut({
      what: "the browser suite (test/e2e: every page of every role in Chromium)",
      because: chromium ? "pdftotext is not installed" : `there is no Chromium at ${CHROMIUM}`,
      install: chromium
        ? "apt-get install poppler-utils"
        : "apt-get install chromium fonts-wqy-zenhei poppler-utils",
    });
    return;
  }
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
