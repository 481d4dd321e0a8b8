import { sql } from "drizzle-orm";
import { createDb } from "../../../src/db/client";
import { seedDemoCounty } from "../../../src/services/demo/seed-demo-county";

/** The staff member whose year the browser test walks through; everyone else is already scored. */
export const E2E_STAFF = "GY0102";
/** Their township's account (龙潭街道). */
export const E2E_TOWNSHIP = "xz01";
/** A late arrival (年中新进) in the same station, with no sheet in 2026: the admin adds one in the browser. */
export const E2E_LATE_ARRIVAL = { employeeNo: "GY0199", name: "林新来" };

/**
 * Builds the data folder the browser tests start from: the demo county, where in the open 2026 period
 * every sheet but E2E_STAFF's already carries last year's values and is scored, and one late arrival has no
 * sheet yet. Publishing needs every
 * sheet scored, and clicking 169 sheets through the browser would prove nothing more than one does.
 */
export async function prepareCounty(dataDir: string): Promise<void> {
  const handle = await createDb({ dataDir });
  try {
    await handle.migrate();
    await seedDemoCounty(handle.db);
    await handle.db.execute(sql`
      with current_period as (select id from periods where year = 2026 and kind = 'annual'),
           last_period as (select id from periods where year = 2025 and kind = 'annual')
      update sheet_items as item
         set self_value = previous.self_value, self_flag = previous.self_flag, self_rating = previous.self_rating,
             verified_value = previous.verified_value, verified_flag = previous.verified_flag,
             verified_rating = previous.verified_rating, change_reason = previous.change_reason
        from sheets as sheet, sheets as last_sheet, sheet_items as previous, people as person
       where item.sheet_id = sheet.id
         and sheet.period_id = (select id from current_period)
         and person.id = sheet.person_id and person.employee_no <> ${E2E_STAFF}
         and last_sheet.period_id = (select id from last_period) and last_sheet.person_id = sheet.person_id
         and previous.sheet_id = last_sheet.id and previous.indicator_id = item.indicator_id`);
    await handle.db.execute(sql`
      update sheets set status = 'scored', submitted_at = now(), reviewed_at = now(), scored_at = now()
       where period_id = (select id from periods where year = 2026 and kind = 'annual')
         and person_id <> (select id from people where employee_no = ${E2E_STAFF})`);
    await handle.db.execute(sql`
      insert into people (county_id, employee_no, name, gender, station_id, category, position)
      select county_id, ${E2E_LATE_ARRIVAL.employeeNo}, ${E2E_LATE_ARRIVAL.name}, 'female', station_id, 'station', position
        from people where employee_no = ${E2E_STAFF}`);
  } finally {
    await handle.close();
  }
}
