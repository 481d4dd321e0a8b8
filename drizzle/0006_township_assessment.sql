ALTER TABLE "periods" DROP CONSTRAINT "periods_countyId_year_unique";--> statement-breakpoint
ALTER TABLE "indicators" DROP CONSTRAINT "indicators_applies_check";--> statement-breakpoint
ALTER TABLE "sheets" ALTER COLUMN "person_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "sheets" ALTER COLUMN "station_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "periods" ADD COLUMN "kind" text DEFAULT 'annual' NOT NULL;--> statement-breakpoint
ALTER TABLE "periods" ADD COLUMN "quarter" smallint;--> statement-breakpoint
ALTER TABLE "periods" ADD COLUMN "starts_on" date;--> statement-breakpoint
ALTER TABLE "periods" ADD COLUMN "ends_on" date;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "applies_to_township" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "township_results" ADD COLUMN "staff_mean" numeric(8, 2);--> statement-breakpoint
ALTER TABLE "township_results" ADD COLUMN "own_total" numeric(8, 2);--> statement-breakpoint
CREATE UNIQUE INDEX "periods_annual_unique" ON "periods" USING btree ("county_id","year") WHERE kind = 'annual';--> statement-breakpoint
CREATE UNIQUE INDEX "periods_quarter_unique" ON "periods" USING btree ("county_id","year","quarter") WHERE kind = 'quarter';--> statement-breakpoint
CREATE UNIQUE INDEX "periods_campaign_unique" ON "periods" USING btree ("county_id","year","name") WHERE kind = 'campaign';--> statement-breakpoint
CREATE UNIQUE INDEX "sheets_township_sheet_unique" ON "sheets" USING btree ("period_id","township_id") WHERE person_id is null;--> statement-breakpoint
ALTER TABLE "periods" ADD CONSTRAINT "periods_kind_check" CHECK ("periods"."kind" in ('annual', 'quarter', 'campaign'));--> statement-breakpoint
ALTER TABLE "periods" ADD CONSTRAINT "periods_kind_fields_check" CHECK (("periods"."kind" = 'quarter') = ("periods"."quarter" is not null) and ("periods"."quarter" is null or "periods"."quarter" between 1 and 4) and ("periods"."kind" <> 'campaign' or ("periods"."starts_on" is not null and "periods"."ends_on" is not null and "periods"."starts_on" <= "periods"."ends_on")));--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_applies_check" CHECK ("indicators"."applies_to_station" or "indicators"."applies_to_reassigned" or "indicators"."applies_to_township");--> statement-breakpoint
ALTER TABLE "sheets" ADD CONSTRAINT "sheets_party_check" CHECK (("sheets"."category" = 'township') = ("sheets"."person_id" is null) and ("sheets"."person_id" is null) = ("sheets"."station_id" is null));