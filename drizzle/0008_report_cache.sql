CREATE TABLE "period_data_changes" (
	"txid" bigint NOT NULL,
	"period_id" integer NOT NULL,
	CONSTRAINT "period_data_changes_txid_period_id_pk" PRIMARY KEY("txid","period_id")
);
--> statement-breakpoint
CREATE TABLE "period_data_versions" (
	"period_id" integer PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_cache" (
	"period_id" integer NOT NULL,
	"report" text NOT NULL,
	"scope" text NOT NULL,
	"version" bigint NOT NULL,
	"etag" text NOT NULL,
	"body" text NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_cache_period_id_report_scope_pk" PRIMARY KEY("period_id","report","scope")
);
