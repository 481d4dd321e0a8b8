import * as audit from "./schema/audit";
import * as auth from "./schema/auth";
import * as idempotency from "./schema/idempotency";
import * as org from "./schema/org";
import * as period from "./schema/period";
import * as reportCache from "./schema/report-cache";
import * as scheme from "./schema/scheme";
import * as sheet from "./schema/sheet";

/** The full drizzle schema object, for relational queries and typing the database handle. */
export const schema = {
  ...org,
  ...auth,
  ...scheme,
  ...period,
  ...sheet,
  ...audit,
  ...idempotency,
  ...reportCache,
};
