import { z } from "zod";
import { MAX_LISTED_CASES } from "../domain/values";

// Cases per incident kind (多类扣分): at most 50 kinds, labels as short as indicator names; the scheme decides
// which labels and counts are valid.
const incidentCounts = z
  .record(z.string().min(1).max(60), z.union([z.number(), z.array(z.number()).max(MAX_LISTED_CASES)]))
  .refine((counts) => Object.keys(counts).length <= 50, "最多 50 类 at most 50 kinds");

/** A value written to a sheet item: a number, yes/no, a rating label, counts per incident kind, or null. */
export const itemValueSchema = z
  .union([z.number(), z.boolean(), z.string().max(100), incidentCounts])
  .nullable();
