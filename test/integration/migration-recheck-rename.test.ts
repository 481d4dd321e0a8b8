import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { queryRows } from "../support/reliability-snapshot";
import { openTestDb } from "../support/test-db";

// One vocabulary (issue 13): the stored sheet status `review_requested` (a pending 复核) becomes
// `recheck_requested`. This replays the two migrations that do it on a database holding the old value.

const OLD_LIST =
  "'draft', 'submitted', 'reviewed', 'scored', 'published', 'review_requested', 'appealed', 'final'";
// The custom migration that renames stored values, and the generated one after it that re-creates the check.
const journal: { entries: { tag: string }[] } = JSON.parse(
  readFileSync(new URL("../../drizzle/meta/_journal.json", import.meta.url), "utf8"),
);
const renameAt = journal.entries.findIndex((e) => e.tag.endsWith("_rename_recheck_requested"));
const MIGRATIONS = journal.entries.slice(renameAt, renameAt + 2).map((e) => `${e.tag}.sql`);

let handle: DbHandle;
beforeAll(async () => {
  handle = await openTestDb({ demo: true });
});
afterAll(() => handle.close());

describe("the recheck_requested rename", () => {
  it("moves stored sheets from review_requested to recheck_requested and refuses the old value afterwards", async () => {
    expect(MIGRATIONS).toHaveLength(2);
    const [sheet] = await queryRows<{ id: number }>(handle.db, "select id from sheets order by id limit 1");
    const id = sheet?.id ?? 0;
    // The database as it stood before: the old status list, one sheet with a pending 复核.
    await queryRows(handle.db, "alter table sheets drop constraint sheets_status_check");
    const pending = await queryRows<{ id: number }>(
      handle.db,
      `update sheets set status = 'review_requested' where id = ${id} or status = 'recheck_requested' returning id`,
    );
    await queryRows(
      handle.db,
      `alter table sheets add constraint sheets_status_check check (status in (${OLD_LIST}))`,
    );
    for (const file of MIGRATIONS)
      for (const statement of readFileSync(new URL(`../../drizzle/${file}`, import.meta.url), "utf8").split(
        "--> statement-breakpoint",
      ))
        await queryRows(handle.db, statement);
    const after = await queryRows<{ id: number; status: string }>(
      handle.db,
      `select id, status from sheets where id in (${pending.map((p) => p.id).join(", ")}) order by id`,
    );
    expect(after.length).toBe(pending.length);
    expect(new Set(after.map((s) => s.status))).toEqual(new Set(["recheck_requested"]));
    await expect(
      queryRows(handle.db, `update sheets set status = 'review_requested' where id = ${id}`),
    ).rejects.toThrow();
  });
});
