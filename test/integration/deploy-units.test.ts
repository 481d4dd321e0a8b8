import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { leaveOut, onPath } from "../support/external-tools";

// The systemd units of docs/DEPLOY.md, checked the way systemd reads them: `systemd-analyze verify` reports
// unknown keys, bad values and missing executables (it needs the `systemd` package; .ci/run installs it).
const run = promisify(execFile);
const UNITS = ["kaohe.service", "kaohe-backup.service", "kaohe-backup.timer"];
const work = mkdtempSync(join(tmpdir(), "kaohe-units-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function verify(files: string[]): Promise<{ code: number; output: string }> {
  return run("systemd-analyze", ["verify", "--man=no", ...files], { cwd: work }).then(
    ({ stdout, stderr }) => ({ code: 0, output: `${stdout}${stderr}` }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: error.code ?? 1,
      output: `${error.stdout ?? ""}${error.stderr ?? ""}`,
    }),
  );
}

// Like the browser suite: left out with one clear line where systemd-analyze is missing, required under CI=true.
const haveSystemdAnalyze = onPath("systemd-analyze");
if (!haveSystemdAnalyze)
  leaveOut({
    what: "the systemd unit check of deploy/ (systemd-analyze verify)",
    because: "systemd-analyze is not installed",
    install: "apt-get install --no-install-recommends systemd",
  });

describe.runIf(haveSystemdAnalyze)("deploy/ systemd units", () => {
  it("pass systemd-analyze verify without a single warning", async () => {
    for (const unit of UNITS) copyFileSync(join("deploy", unit), join(work, unit));
    const result = await verify(UNITS.map((unit) => `./${unit}`));
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  });

  it("the check sees a mistake", async () => {
    writeFileSync(join(work, "broken.service"), "[Service]\nExecStart=/usr/bin/node x\nRestart=sometimes\n");
    const result = await verify(["./broken.service"]);
    expect(result.output).toContain("restart specifier");
  });
});
