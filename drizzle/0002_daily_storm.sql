CREATE TABLE "deadline_extensions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deadline_extensions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"township_id" integer,
	"person_id" integer,
	"self_report_deadline" date NOT NULL,
	"review_deadline" date NOT NULL,
	"reason" text NOT NULL,
	"granted_by" integer,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deadline_extensions_target_check" CHECK (num_nonnulls("deadline_extensions"."township_id", "deadline_extensions"."person_id") = 1)
);
--> statement-breakpoint
ALTER TABLE "sheets" ADD COLUMN "exempt_category" text;--> statement-breakpoint
ALTER TABLE "sheets" ADD COLUMN "exempt_reason" text;--> statement-breakpoint
ALTER TABLE "sheets" ADD COLUMN "exempt_by" integer;--> statement-breakpoint
ALTER TABLE "sheets" ADD COLUMN "exempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deadline_extensions" ADD CONSTRAINT "deadline_extensions_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadline_extensions" ADD CONSTRAINT "deadline_extensions_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadline_extensions" ADD CONSTRAINT "deadline_extensions_township_id_townships_id_fk" FOREIGN KEY ("township_id") REFERENCES "public"."townships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadline_extensions" ADD CONSTRAINT "deadline_extensions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadline_extensions" ADD CONSTRAINT "deadline_extensions_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deadline_extensions_period_id_index" ON "deadline_extensions" USING btree ("period_id");--> statement-breakpoint
ALTER TABLE "sheets" ADD CONSTRAINT "sheets_exempt_by_users_id_fk" FOREIGN KEY ("exempt_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheets" ADD CONSTRAINT "sheets_exempt_check" CHECK (("sheets"."exempt_category" is null or "sheets"."exempt_category" in ('sick_leave', 'transferred', 'new_hire', 'other')) and ("sheets"."exempt_category" is null) = ("sheets"."exempt_reason" is null));