import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join } from "node:path";

// Some checks need programs that npm does not install (LibreOffice, pdftotext, systemd-analyze, Chromium).
// A fresh clone with only Node still passes `npm test`: each check whose program is missing is left out with
// one line saying what and why. Under CI=true nothing may be left out: `.ci/run` installs them all, and a
// missing one fails the run.

/** Whether `command` is an executable file in one of PATH's folders. */
export function onPath(command: string): boolean {
  return (process.env.PATH ?? "").split(delimiter).some((dir) => {
    if (!dir) return false;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Whether a file exists (a program named by its full path, such as Chromium). */
export const hasFile = (path: string): boolean => existsSync(path);

export interface MissingTool {
  /** What does not run, e.g. "the browser suite (test/e2e)". */
  what: string;
  /** Why, e.g. "no Chromium at /usr/bin/chromium". */
  because: string;
  /** How to get it, e.g. "apt-get install chromium". */
  install: string;
  /** What still checks the same facts without it, if anything. */
  instead?: string;
}

/** CI=true (as `.ci/run` sets it): every check must run. */
export const onCi = (): boolean => Boolean(process.env.CI) && process.env.CI !== "false";

/** The one line printed for a check that did not run. */
export function leftOutLine(missing: MissingTool): string {
  const instead = missing.instead ? `; ${missing.instead}` : "";
  return `[left out] ${missing.what}, because ${missing.because} (${missing.install})${instead}`;
}

/**
 * Call when a program is missing: under CI=true it throws (CI must run everything), elsewhere it prints the
 * left-out line. Call it once per run (from a global setup) or once per file, so the line is not repeated.
 */
export function leaveOut(missing: MissingTool): void {
  if (onCi()) {
    throw new Error(`CI runs every check, but ${missing.because}: ${missing.install} (${missing.what})`);
  }
  console.warn(leftOutLine(missing));
}
