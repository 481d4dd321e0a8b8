// `npm run create-admin`: creates an admin account (and its county, when there is none yet) in the configured
// database, typically a fresh PostgreSQL deployment. Asks on a terminal; scripts set the environment instead:
//   KAOHE_COUNTY_CODE, KAOHE_COUNTY_NAME   the county (asked when several exist or none does)
//   KAOHE_ADMIN_USERNAME (default admin), KAOHE_ADMIN_DISPLAY_NAME (default 系统管理员)
//   KAOHE_ADMIN_PASSWORD                   read only when stdin is not a terminal; there is no default
import { createInterface } from "node:readline/promises";
import { parseConfig } from "../src/config";
import { createDb } from "../src/db/client";
import { createAdminAccount, listCounties } from "../src/services/accounts/first-admin-service";
import { ServiceError } from "../src/services/errors";

const interactive = Boolean(process.stdin.isTTY);

async function ask(question: string, fallback?: string): Promise<string> {
  if (!interactive) {
    if (fallback !== undefined) return fallback;
    throw new Error(`${question}: not given (no terminal to ask on; set the environment variable)`);
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await rl.question(fallback ? `${question} [${fallback}]: ` : `${question}: `)).trim();
    return answer || fallback || "";
  } finally {
    rl.close();
  }
}

/** Reads a line from the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    let value = "";
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stdout.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return finish();
        if (ch === "\u0003" || ch === "\u0004") return finish(new Error("cancelled"));
        value = ch === "\u007f" || ch === "\b" ? value.slice(0, -1) : value + ch;
      }
    };
    // Echo goes off before the prompt shows, so nothing typed early is echoed.
    stdin.setEncoding("utf8");
    stdin.setRawMode(true);
    process.stdout.write(`${question}: `);
    stdin.resume();
    stdin.on("data", onData);
  });
}

async function readPassword(): Promise<string> {
  if (!interactive) {
    const fromEnv = process.env.KAOHE_ADMIN_PASSWORD;
    if (!fromEnv) throw new Error("KAOHE_ADMIN_PASSWORD is not set and there is no terminal to ask on");
    return fromEnv;
  }
  const first = await askHidden("密码 Password (至少 10 个字符 at least 10 characters)");
  if ((await askHidden("再输一次 Repeat password")) !== first) throw new Error("密码不一致 Passwords differ");
  return first;
}

async function chooseCounty(existing: { code: string; name: string }[]) {
  const only = existing.length === 1 ? existing[0] : undefined;
  if (existing.length > 1)
    console.log(`县 Counties: ${existing.map((c) => `${c.code} ${c.name}`).join(", ")}`);
  const countyCode = process.env.KAOHE_COUNTY_CODE ?? (await ask("县代码 County code", only?.code));
  if (existing.some((c) => c.code === countyCode)) return { countyCode };
  const countyName = process.env.KAOHE_COUNTY_NAME ?? (await ask("县名称 County name (新建 new)"));
  return { countyCode, countyName };
}

const config = parseConfig(process.env);
const handle = await createDb({ databaseUrl: config.DATABASE_URL, dataDir: config.KAOHE_DATA_DIR });
try {
  await handle.migrate();
  const county = await chooseCounty(await listCounties(handle.db));
  const username = process.env.KAOHE_ADMIN_USERNAME ?? (await ask("用户名 Username", "admin"));
  const displayName = process.env.KAOHE_ADMIN_DISPLAY_NAME ?? (await ask("姓名 Display name", "系统管理员"));
  const result = await createAdminAccount(handle.db, {
    ...county,
    username,
    displayName,
    password: await readPassword(),
  });
  const created = result.countyCreated
    ? ` in the new county ${result.county.code} ${result.county.name}`
    : "";
  console.log(`[kaohe] admin ${result.user.username} created${created} (${handle.kind}).`);
} catch (error) {
  const details = error instanceof ServiceError && Array.isArray(error.details) ? error.details : [];
  const lines = details.map((d) => `  ${d.path}: ${d.message}`);
  console.error(`[kaohe] create-admin failed: ${error instanceof Error ? error.message : String(error)}`);
  if (lines.length) console.error(lines.join("\n"));
  process.exitCode = 1;
} finally {
  await handle.close();
}
