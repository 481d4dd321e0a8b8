import { monitorEventLoopDelay } from "node:perf_hooks";
import { createDb } from "./src/db/client";
import { seedDemoCounty } from "./src/services/demo/seed-demo-county";
import { buildWorkbook } from "./test/fixtures/workbooks";
import { createTestApp } from "./test/support/test-app";

const handle = await createDb({ dataDir: "memory://" });
await handle.migrate();
await seedDemoCounty(handle.db);
const api = createTestApp(handle, {});
const HEADER = ["工号", "姓名", "指标编码", "指标名称", "目标值", "调整原因"];
const rows = Array.from({ length: 20_000 }, (_, i) => [
  `X${i}`,
  null,
  "B1",
  null,
  1,
  null,
  ...Array(57).fill(null),
  1,
]);
const bytes = await buildWorkbook([{ name: "目标", rows: [HEADER, ...rows] }]);
const cookie = await api.cookieFor("admin");
for (let k = 0; k < 3; k++) {
  const form = new FormData();
  form.set("file", new File([bytes], "a.xlsx"));
  form.set("reason", "x");
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const res = await api.app.request(`/api/v1/excel/imports/targets?periodId=2`, {
    method: "POST",
    headers: { cookie },
    body: form,
  });
  await res.text();
  await new Promise((r) => setTimeout(r, 30));
  console.log(res.status, "max block", h.max / 1e6);
}
process.exit(0);
