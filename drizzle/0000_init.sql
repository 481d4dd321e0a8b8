CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"username" text,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "login_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"username" text NOT NULL,
	"client_address" text NOT NULL,
	"success" boolean NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"county_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"absolute_expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"township_id" integer,
	"person_id" integer,
	"active" boolean DEFAULT true NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username"),
	CONSTRAINT "users_personId_unique" UNIQUE("person_id"),
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('staff', 'township', 'assessor', 'admin', 'viewer')),
	CONSTRAINT "users_township_scope_check" CHECK ("users"."role" <> 'township' or "users"."township_id" is not null),
	CONSTRAINT "users_staff_scope_check" CHECK ("users"."role" <> 'staff' or "users"."person_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "counties" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "counties_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "counties_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "people_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"employee_no" text NOT NULL,
	"name" text NOT NULL,
	"gender" text,
	"station_id" integer NOT NULL,
	"category" text NOT NULL,
	"position" text NOT NULL,
	"origin_unit" text,
	"exam_score" numeric(5, 2),
	"reassigned_on" date,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_countyId_employeeNo_unique" UNIQUE("county_id","employee_no"),
	CONSTRAINT "people_category_check" CHECK ("people"."category" in ('station', 'reassigned')),
	CONSTRAINT "people_reassigned_check" CHECK ("people"."category" = 'station' or ("people"."origin_unit" is not null and "people"."exam_score" is not null and "people"."reassigned_on" is not null)),
	CONSTRAINT "people_exam_score_check" CHECK ("people"."exam_score" is null or "people"."exam_score" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "person_moves" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "person_moves_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"from_station_id" integer NOT NULL,
	"to_station_id" integer NOT NULL,
	"moved_on" date NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_moves_distinct_check" CHECK ("person_moves"."from_station_id" <> "person_moves"."to_station_id")
);
--> statement-breakpoint
CREATE TABLE "stations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"township_id" integer NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "stations_townshipId_unique" UNIQUE("township_id")
);
--> statement-breakpoint
CREATE TABLE "townships" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "townships_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "townships_countyId_code_unique" UNIQUE("county_id","code"),
	CONSTRAINT "townships_countyId_name_unique" UNIQUE("county_id","name"),
	CONSTRAINT "townships_kind_check" CHECK ("townships"."kind" in ('township', 'town', 'subdistrict'))
);
--> statement-breakpoint
CREATE TABLE "periods" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "periods_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"scheme_id" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"self_report_deadline" date NOT NULL,
	"review_deadline" date NOT NULL,
	"recheck_deadline" date NOT NULL,
	"appeal_deadline" date NOT NULL,
	"published_at" timestamp with time zone,
	"finalized_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "periods_countyId_year_unique" UNIQUE("county_id","year"),
	CONSTRAINT "periods_status_check" CHECK ("periods"."status" in ('draft', 'open', 'assessing', 'published', 'final')),
	CONSTRAINT "periods_deadlines_check" CHECK ("periods"."self_report_deadline" <= "periods"."review_deadline" and "periods"."review_deadline" <= "periods"."recheck_deadline" and "periods"."recheck_deadline" <= "periods"."appeal_deadline")
);
--> statement-breakpoint
CREATE TABLE "progress_entries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "progress_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	"month" smallint NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"value" numeric(14, 4) NOT NULL,
	"note" text,
	"entered_by" integer,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "progress_entries_periodId_personId_indicatorId_month_revision_unique" UNIQUE("period_id","person_id","indicator_id","month","revision"),
	CONSTRAINT "progress_month_check" CHECK ("progress_entries"."month" between 1 and 12),
	CONSTRAINT "progress_revision_check" CHECK ("progress_entries"."revision" >= 1),
	CONSTRAINT "progress_value_check" CHECK ("progress_entries"."value" >= 0)
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "targets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	"value" numeric(14, 4) NOT NULL,
	"source" text NOT NULL,
	"reason" text,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "targets_periodId_personId_indicatorId_unique" UNIQUE("period_id","person_id","indicator_id"),
	CONSTRAINT "targets_value_check" CHECK ("targets"."value" >= 0),
	CONSTRAINT "targets_source_check" CHECK ("targets"."source" in ('default', 'override', 'decomposed'))
);
--> statement-breakpoint
CREATE TABLE "township_targets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "township_targets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"township_id" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	"value" numeric(14, 4) NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "township_targets_periodId_townshipId_indicatorId_unique" UNIQUE("period_id","township_id","indicator_id"),
	CONSTRAINT "township_targets_value_check" CHECK ("township_targets"."value" >= 0)
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "indicators_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"scheme_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"category_code" text NOT NULL,
	"category_name" text NOT NULL,
	"unit" text,
	"points" numeric(8, 2) NOT NULL,
	"rule_type" text NOT NULL,
	"source" text NOT NULL,
	"evidence_required" boolean NOT NULL,
	"applies_to_station" boolean NOT NULL,
	"applies_to_reassigned" boolean NOT NULL,
	"default_target" numeric(14, 4),
	"sort_order" integer NOT NULL,
	CONSTRAINT "indicators_schemeId_code_unique" UNIQUE("scheme_id","code"),
	CONSTRAINT "indicators_points_check" CHECK ("indicators"."points" >= 0),
	CONSTRAINT "indicators_applies_check" CHECK ("indicators"."applies_to_station" or "indicators"."applies_to_reassigned")
);
--> statement-breakpoint
CREATE TABLE "schemes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "schemes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"document" json NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schemes_countyId_code_version_unique" UNIQUE("county_id","code","version"),
	CONSTRAINT "schemes_version_check" CHECK ("schemes"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evidence_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"sheet_item_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_storageKey_unique" UNIQUE("storage_key"),
	CONSTRAINT "evidence_size_check" CHECK ("evidence"."size_bytes" > 0),
	CONSTRAINT "evidence_sha256_check" CHECK ("evidence"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "sheet_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sheet_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"sheet_id" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	"self_value" numeric(14, 4),
	"self_flag" boolean,
	"self_rating" text,
	"self_score" numeric(8, 2),
	"note" text,
	"verified_value" numeric(14, 4),
	"verified_flag" boolean,
	"verified_rating" text,
	"score" numeric(8, 2),
	"vetoed" boolean DEFAULT false NOT NULL,
	"change_reason" text,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sheet_items_sheetId_indicatorId_unique" UNIQUE("sheet_id","indicator_id"),
	CONSTRAINT "sheet_items_self_value_check" CHECK ("sheet_items"."self_value" is null or "sheet_items"."self_value" >= 0),
	CONSTRAINT "sheet_items_verified_value_check" CHECK ("sheet_items"."verified_value" is null or "sheet_items"."verified_value" >= 0),
	CONSTRAINT "sheet_items_score_check" CHECK ("sheet_items"."score" is null or "sheet_items"."score" >= 0),
	CONSTRAINT "sheet_items_one_kind_check" CHECK (num_nonnulls("sheet_items"."self_value", "sheet_items"."self_flag", "sheet_items"."self_rating") <= 1 and num_nonnulls("sheet_items"."verified_value", "sheet_items"."verified_flag", "sheet_items"."verified_rating") <= 1)
);
--> statement-breakpoint
CREATE TABLE "sheet_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sheet_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"sheet_id" integer NOT NULL,
	"kind" text NOT NULL,
	"indicator_id" integer,
	"reason" text NOT NULL,
	"filed_by" integer,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"outcome" text,
	"decision_reason" text,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	CONSTRAINT "sheet_requests_kind_check" CHECK ("sheet_requests"."kind" in ('recheck', 'appeal')),
	CONSTRAINT "sheet_requests_decided_check" CHECK (("sheet_requests"."outcome" is null) = ("sheet_requests"."decided_at" is null) and ("sheet_requests"."outcome" is null or "sheet_requests"."decision_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "sheets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sheets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"station_id" integer NOT NULL,
	"township_id" integer NOT NULL,
	"category" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"base" numeric(8, 2),
	"bonus" numeric(8, 2),
	"total" numeric(8, 2),
	"vetoed" boolean DEFAULT false NOT NULL,
	"grade" text,
	"rank" integer,
	"township_rank" integer,
	"review_comment" text,
	"submitted_at" timestamp with time zone,
	"reviewed_at" timestamp with time zone,
	"scored_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sheets_periodId_personId_unique" UNIQUE("period_id","person_id"),
	CONSTRAINT "sheets_status_check" CHECK ("sheets"."status" in ('draft', 'submitted', 'reviewed', 'scored', 'published', 'review_requested', 'appealed', 'final')),
	CONSTRAINT "sheets_total_check" CHECK ("sheets"."total" is null or "sheets"."total" >= 0),
	CONSTRAINT "sheets_rank_check" CHECK ("sheets"."rank" is null or "sheets"."rank" >= 1)
);
--> statement-breakpoint
CREATE TABLE "township_results" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "township_results_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"township_id" integer NOT NULL,
	"composite" numeric(8, 2) NOT NULL,
	"rank" integer NOT NULL,
	"pre_veto" boolean NOT NULL,
	"has_vetoed_member" boolean NOT NULL,
	"member_count" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "township_results_periodId_townshipId_unique" UNIQUE("period_id","township_id")
);
--> statement-breakpoint
CREATE TABLE "township_reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "township_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"sheet_id" integer NOT NULL,
	"decision" text NOT NULL,
	"comment" text,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "township_reviews_decision_check" CHECK ("township_reviews"."decision" in ('pass', 'return')),
	CONSTRAINT "township_reviews_return_comment_check" CHECK ("township_reviews"."decision" = 'pass' or "township_reviews"."comment" is not null)
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_township_id_townships_id_fk" FOREIGN KEY ("township_id") REFERENCES "public"."townships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_moves" ADD CONSTRAINT "person_moves_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_moves" ADD CONSTRAINT "person_moves_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_moves" ADD CONSTRAINT "person_moves_from_station_id_stations_id_fk" FOREIGN KEY ("from_station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_moves" ADD CONSTRAINT "person_moves_to_station_id_stations_id_fk" FOREIGN KEY ("to_station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_township_id_townships_id_fk" FOREIGN KEY ("township_id") REFERENCES "public"."townships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "townships" ADD CONSTRAINT "townships_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "periods" ADD CONSTRAINT "periods_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "periods" ADD CONSTRAINT "periods_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD CONSTRAINT "progress_entries_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD CONSTRAINT "progress_entries_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD CONSTRAINT "progress_entries_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD CONSTRAINT "progress_entries_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD CONSTRAINT "progress_entries_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "township_targets" ADD CONSTRAINT "township_targets_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "township_targets" ADD CONSTRAINT "township_targets_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "township_targets" ADD CONSTRAINT "township_targets_township_id_townships_id_fk" FOREIGN KEY ("township_id") REFERENCES "public"."townships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "township_targets" ADD CONSTRAINT "township_targets_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "township_targets" ADD CONSTRAINT "township_targets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schemes" ADD CONSTRAINT "schemes_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schemes" ADD CONSTRAINT "schemes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_sheet_item_id_sheet_items_id_fk" FOREIGN KEY ("sheet_item_id") REFERENCES "public"."sheet_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheet_items" ADD CONSTRAINT "sheet_items_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheet_items" ADD CONSTRAINT "sheet_items_sheet_id_sheets_id_fk" FOREIGN KEY ("sheet_id") REFERENCES "public"."sheets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheet_items" ADD CONSTRAINT "sheet_items_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheet_items" ADD CONSTRAINT "sheet_items_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheet_requests" ADD CONSTRAINT "sheet_requests_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheet_requests" ADD CONSTRAINT "sheet_requests_sheet_id_sheets_id_fk" FOREIGN KEY ("sheet_id") REFERENCES "public"."sheets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheet_requests" ADD CONSTRAINT "sheet_requests_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheet_requests" ADD CONSTRAINT "sheet_requests_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheet_requests" ADD CONSTRAINT "sheet_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheets" ADD CONSTRAINT "sheets_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheets" ADD CONSTRAINT "sheets_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheets" ADD CONSTRAINT "sheets_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheets" ADD CONSTRAINT "sheets_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheets" ADD CONSTRAINT "sheets_township_id_townships_id_fk" FOREIGN KEY ("township_id") REFERENCES "public"."townships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "township_results" ADD CONSTRAINT "township_results_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "township_results" ADD CONSTRAINT "township_results_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "township_results" ADD CONSTRAINT "township_results_township_id_townships_id_fk" FOREIGN KEY ("township_id") REFERENCES "public"."townships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "township_reviews" ADD CONSTRAINT "township_reviews_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "township_reviews" ADD CONSTRAINT "township_reviews_sheet_id_sheets_id_fk" FOREIGN KEY ("sheet_id") REFERENCES "public"."sheets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "township_reviews" ADD CONSTRAINT "township_reviews_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_county_id_at_index" ON "audit_log" USING btree ("county_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_entity_id_index" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "login_attempts_username_attempted_at_index" ON "login_attempts" USING btree ("username","attempted_at");--> statement-breakpoint
CREATE INDEX "login_attempts_client_address_attempted_at_index" ON "login_attempts" USING btree ("client_address","attempted_at");--> statement-breakpoint
CREATE INDEX "sessions_user_id_index" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "people_station_id_index" ON "people" USING btree ("station_id");--> statement-breakpoint
CREATE INDEX "person_moves_person_id_index" ON "person_moves" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "progress_entries_period_id_indicator_id_index" ON "progress_entries" USING btree ("period_id","indicator_id");--> statement-breakpoint
CREATE INDEX "targets_person_id_index" ON "targets" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "indicators_county_id_index" ON "indicators" USING btree ("county_id");--> statement-breakpoint
CREATE INDEX "evidence_sheet_item_id_index" ON "evidence" USING btree ("sheet_item_id");--> statement-breakpoint
CREATE INDEX "sheet_items_indicator_id_index" ON "sheet_items" USING btree ("indicator_id");--> statement-breakpoint
CREATE INDEX "sheet_requests_sheet_id_index" ON "sheet_requests" USING btree ("sheet_id");--> statement-breakpoint
CREATE INDEX "sheets_period_id_township_id_index" ON "sheets" USING btree ("period_id","township_id");--> statement-breakpoint
CREATE INDEX "sheets_person_id_index" ON "sheets" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "township_reviews_sheet_id_index" ON "township_reviews" USING btree ("sheet_id");