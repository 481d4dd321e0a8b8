CREATE TABLE "consequence_records" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "consequence_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"township_id" integer,
	"person_id" integer,
	"kind" text NOT NULL,
	"measure" text NOT NULL,
	"amount" numeric(14, 2),
	"applied_on" date NOT NULL,
	"document_no" text,
	"note" text,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consequence_records_party_check" CHECK (num_nonnulls("consequence_records"."township_id", "consequence_records"."person_id") = 1),
	CONSTRAINT "consequence_records_amount_check" CHECK ("consequence_records"."amount" is null or "consequence_records"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "notice_templates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notice_templates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"issuer" text NOT NULL,
	"document_no_prefix" text NOT NULL,
	"body" text NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notice_templates_countyId_unique" UNIQUE("county_id")
);
--> statement-breakpoint
CREATE TABLE "pre_veto_decisions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pre_veto_decisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"township_id" integer NOT NULL,
	"decision" text NOT NULL,
	"reason" text NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pre_veto_decisions_periodId_townshipId_unique" UNIQUE("period_id","township_id"),
	CONSTRAINT "pre_veto_decisions_decision_check" CHECK ("pre_veto_decisions"."decision" in ('confirm', 'add', 'remove'))
);
--> statement-breakpoint
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
ALTER TABLE "consequence_records" ADD CONSTRAINT "consequence_records_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consequence_records" ADD CONSTRAINT "consequence_records_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consequence_records" ADD CONSTRAINT "consequence_records_township_id_townships_id_fk" FOREIGN KEY ("township_id") REFERENCES "public"."townships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consequence_records" ADD CONSTRAINT "consequence_records_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consequence_records" ADD CONSTRAINT "consequence_records_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_templates" ADD CONSTRAINT "notice_templates_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_templates" ADD CONSTRAINT "notice_templates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pre_veto_decisions" ADD CONSTRAINT "pre_veto_decisions_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pre_veto_decisions" ADD CONSTRAINT "pre_veto_decisions_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pre_veto_decisions" ADD CONSTRAINT "pre_veto_decisions_township_id_townships_id_fk" FOREIGN KEY ("township_id") REFERENCES "public"."townships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pre_veto_decisions" ADD CONSTRAINT "pre_veto_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consequence_records_period_id_index" ON "consequence_records" USING btree ("period_id");--> statement-breakpoint
CREATE UNIQUE INDEX "periods_annual_unique" ON "periods" USING btree ("county_id","year") WHERE kind = 'annual';--> statement-breakpoint
CREATE UNIQUE INDEX "periods_quarter_unique" ON "periods" USING btree ("county_id","year","quarter") WHERE kind = 'quarter';--> statement-breakpoint
CREATE UNIQUE INDEX "periods_campaign_unique" ON "periods" USING btree ("county_id","year","name") WHERE kind = 'campaign';--> statement-breakpoint
CREATE UNIQUE INDEX "sheets_township_sheet_unique" ON "sheets" USING btree ("period_id","township_id") WHERE person_id is null;--> statement-breakpoint
ALTER TABLE "periods" ADD CONSTRAINT "periods_kind_check" CHECK ("periods"."kind" in ('annual', 'quarter', 'campaign'));--> statement-breakpoint
ALTER TABLE "periods" ADD CONSTRAINT "periods_kind_fields_check" CHECK (("periods"."kind" = 'quarter') = ("periods"."quarter" is not null) and ("periods"."quarter" is null or "periods"."quarter" between 1 and 4) and ("periods"."kind" <> 'campaign' or ("periods"."starts_on" is not null and "periods"."ends_on" is not null and "periods"."starts_on" <= "periods"."ends_on")));--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_applies_check" CHECK ("indicators"."applies_to_station" or "indicators"."applies_to_reassigned" or "indicators"."applies_to_township");--> statement-breakpoint
ALTER TABLE "sheets" ADD CONSTRAINT "sheets_party_check" CHECK (("sheets"."category" = 'township') = ("sheets"."person_id" is null) and ("sheets"."person_id" is null) = ("sheets"."station_id" is null));