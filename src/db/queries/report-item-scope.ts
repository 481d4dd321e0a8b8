import { and, inArray, type SQL, sql } from "drizzle-orm";
import { sheetItems, sheets } from "../schema/sheet";

/**
 * Restricts sheet_items to the items of the sheets matching `sheetConditions` (e.g. a period, a township), by
 * sheet id: `sheet_items.sheet_id = any(array(select id from sheets where …))`, computed once and looked up
 * in the (sheet_id, indicator_id) index. Filtering only through a join on sheets lets the planner hash the
 * whole sheet_items table, every county's and every year's, to find one period's few thousand items.
 * Keep the same conditions on the joined sheets too where the query reads sheet columns.
 */
export function itemsOfSheets(...sheetConditions: (SQL | undefined)[]): SQL {
  return sql`${sheetItems.sheetId} = any(array(select ${sheets.id} from ${sheets} where ${and(...sheetConditions)}))`;
}

/** The items of the sheets of these periods (see itemsOfSheets). */
export function itemsOfPeriods(periodIds: readonly number[]): SQL {
  return itemsOfSheets(inArray(sheets.periodId, [...periodIds]));
}
