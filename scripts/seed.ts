// `npm run seed`: migrates the configured database and seeds the demo county 桂阳县 with its demo accounts.
// On PostgreSQL this is the only way demo accounts appear; run it on purpose, never in production.
import { parseConfig } from "../src/config";
import { createDb } from "../src/db/client";
import { DEMO_PASSWORD, isDatabaseEmpty, seedDemoCounty } from "../src/services/demo/seed-demo-county";

const config = parseConfig(process.env);
if (config.NODE_ENV === "production") {
  // The demo accounts share a published password; production must never have one.
  console.error(
    "[kaohe] refusing to seed demo accounts with NODE_ENV=production; use `npm run create-admin`.",
  );
  process.exit(1);
}
const handle = await createDb({ databaseUrl: config.DATABASE_URL, dataDir: config.KAOHE_DATA_DIR });
try {
  await handle.migrate();
  if (!(await isDatabaseEmpty(handle.db))) {
    console.error(
      "[kaohe] the database already holds a county; the demo county is seeded only into an empty database.",
    );
    process.exitCode = 1;
  } else {
    const summary = await seedDemoCounty(handle.db);
    console.log(
      `[kaohe] seeded 桂阳县 into ${handle.kind}: ${summary.townships} townships, ${summary.people} people, ${summary.users} accounts (password ${DEMO_PASSWORD})`,
    );
  }
} finally {
  await handle.close();
}
