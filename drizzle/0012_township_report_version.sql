-- Custom SQL migration file, put your code below! --
-- Report data version (docs/decisions/21-01-report-cache.md, drizzle/0009_period_data_version.sql) for the
-- tables of issue 19: the decided 预否决 (pre_veto_decisions) is shown in the township ranking and reports, and
-- the 兑现奖惩 records (consequence_records) belong to the period's outcome. Both name their period by period_id.
-- The new township_results columns (staff_mean, own_total) and the period kinds are covered by 0009's triggers.
CREATE TRIGGER pre_veto_decisions_insert_period_data AFTER INSERT ON pre_veto_decisions REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('period');
--> statement-breakpoint
CREATE TRIGGER pre_veto_decisions_update_period_data AFTER UPDATE ON pre_veto_decisions REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('period');
--> statement-breakpoint
CREATE TRIGGER pre_veto_decisions_delete_period_data AFTER DELETE ON pre_veto_decisions REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('period');
--> statement-breakpoint
CREATE TRIGGER consequence_records_insert_period_data AFTER INSERT ON consequence_records REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('period');
--> statement-breakpoint
CREATE TRIGGER consequence_records_update_period_data AFTER UPDATE ON consequence_records REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('period');
--> statement-breakpoint
CREATE TRIGGER consequence_records_delete_period_data AFTER DELETE ON consequence_records REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('period');
