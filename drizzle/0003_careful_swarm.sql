ALTER TABLE "sheet_items" DROP CONSTRAINT "sheet_items_score_check";--> statement-breakpoint
ALTER TABLE "sheet_items" DROP CONSTRAINT "sheet_items_one_kind_check";--> statement-breakpoint
ALTER TABLE "sheets" DROP CONSTRAINT "sheets_total_check";--> statement-breakpoint
ALTER TABLE "sheet_items" ADD COLUMN "self_counts" jsonb;--> statement-breakpoint
ALTER TABLE "sheet_items" ADD COLUMN "verified_counts" jsonb;--> statement-breakpoint
ALTER TABLE "sheet_items" ADD CONSTRAINT "sheet_items_one_kind_check" CHECK (num_nonnulls("sheet_items"."self_value", "sheet_items"."self_flag", "sheet_items"."self_rating", "sheet_items"."self_counts") <= 1 and num_nonnulls("sheet_items"."verified_value", "sheet_items"."verified_flag", "sheet_items"."verified_rating", "sheet_items"."verified_counts") <= 1);