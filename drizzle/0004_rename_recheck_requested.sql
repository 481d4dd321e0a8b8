-- Custom SQL migration file, put your code below! --
-- One vocabulary (issue 13): the sheet status for a pending 复核 (recheck) was `review_requested`, which read
-- like the township's 审核 (review). Stored sheets move to `recheck_requested`; the check constraint is
-- re-created under its own name with the new list, so the generated migration that follows finds it.
ALTER TABLE "sheets" DROP CONSTRAINT "sheets_status_check";--> statement-breakpoint
UPDATE "sheets" SET "status" = 'recheck_requested' WHERE "status" = 'review_requested';--> statement-breakpoint
ALTER TABLE "sheets" ADD CONSTRAINT "sheets_status_check" CHECK ("sheets"."status" in ('draft', 'submitted', 'reviewed', 'scored', 'published', 'recheck_requested', 'appealed', 'final'));
