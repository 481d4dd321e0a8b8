import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

// PGlite has no lock of its own: two processes on one data folder both "succeed" and overwrite each other's
// pages. A lock file beside the folder (not inside: PGlite's initdb and the backup tarball own the inside)
// holds the owner's process id; it is created atomically (a hard link fails when it exists), and a file whose process is gone (a crash, kill -9)
// is taken over.

/** A PGlite data folder that another live process holds. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `数据目录 ${dataDir} 正被进程 ${pid} 使用（kaohe 服务器或其他命令）。请先停止它，或对运行中的服务器使用 HTTP 接口。 ` +
        `The data folder ${dataDir} is in use by process ${pid} (the kaohe server or another command). ` +
        "Stop it first (e.g. systemctl stop kaohe), then run this command again.",
    );
    this.name = "DataDirInUseError";
  }
}

/** The lock file of a data folder: `<parent>/.<folder>.kaohe-lock`. */
export const lockFileOf = (dataDir: string) => {
  const full = resolve(dataDir);
  return join(dirname(full), `.${basename(full)}.kaohe-lock`);
};

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the data folder's lock for this process or throws DataDirInUseError; returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  const file = lockFileOf(dataDir);
  mkdirSync(dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // Written aside, then linked into place: the lock file appears atomically with its process id in it.
      const pending = `${file}.${process.pid}`;
      writeFileSync(pending, `${process.pid}\n`);
      try {
        linkSync(pending, file);
      } finally {
        rmSync(pending, { force: true });
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = Number.parseInt(readFileSync(file, "utf8").trim(), 10);
    if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) throw new DataDirInUseError(dataDir, owner);
    // Left by a process that is gone: remove it and try again (another starter may win the race).
    rmSync(file, { force: true });
  }
  throw new Error(`could not lock the data folder ${dataDir} (${file})`);
}

/** Throws DataDirInUseError when another live process holds the folder (for commands that move it first). */
export function assertDataDirFree(dataDir: string): void {
  lockDataDir(dataDir)();
}
