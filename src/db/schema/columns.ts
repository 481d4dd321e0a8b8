import { integer, timestamp } from "drizzle-orm/pg-core";

/** Surrogate key shared by most tables: an integer identity. */
export const id = () => integer().primaryKey().generatedAlwaysAsIdentity();

/** Every row carries its county so the data can later be partitioned by county (docs/ARCHITECTURE.md "Data"). */
export const countyId = () => integer().notNull();

export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
