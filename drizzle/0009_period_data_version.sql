-- Custom SQL migration file, put your code below! --
-- Reports computed once per change (docs/decisions/21-01-report-cache.md). Every statement that changes data a
-- period's reports show records the period in period_data_changes (one row per transaction × period); at
-- commit a deferred trigger bumps period_data_versions and deletes the row. The version row is locked only at
-- commit, after every other lock of the transaction, so the bump never orders against the period row lock
-- (lockPeriod) or the data rows, and cannot deadlock with them. A report cached under version v was built
-- after v was read, so it holds at least every change committed up to v.
CREATE FUNCTION period_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- TG_ARGV[0]: how the changed rows name their period: by period_id, sheet_id, county_id, or they are periods.
  IF TG_ARGV[0] = 'period' THEN
    INSERT INTO period_data_changes (txid, period_id)
      SELECT DISTINCT txid_current(), period_id FROM changed_rows ON CONFLICT DO NOTHING;
  ELSIF TG_ARGV[0] = 'sheet' THEN
    INSERT INTO period_data_changes (txid, period_id)
      SELECT DISTINCT txid_current(), s.period_id FROM sheets s
      WHERE s.id IN (SELECT sheet_id FROM changed_rows) ON CONFLICT DO NOTHING;
  ELSIF TG_ARGV[0] = 'self' THEN
    INSERT INTO period_data_changes (txid, period_id)
      SELECT DISTINCT txid_current(), id FROM changed_rows ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO period_data_changes (txid, period_id)
      SELECT txid_current(), p.id FROM periods p
      WHERE p.county_id IN (SELECT county_id FROM changed_rows) ORDER BY p.id ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- At commit: the version moves on once per transaction × period.
CREATE FUNCTION period_data_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO period_data_versions (period_id, version) VALUES (NEW.period_id, 1)
    ON CONFLICT (period_id) DO UPDATE SET version = period_data_versions.version + 1;
  DELETE FROM period_data_changes WHERE txid = NEW.txid AND period_id = NEW.period_id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER period_data_commit AFTER INSERT ON period_data_changes
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION period_data_commit();
--> statement-breakpoint
-- An account's display name is shown in reports (the reviewer of a 乡镇审核): only a rename counts.
CREATE FUNCTION period_data_user_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO period_data_changes (txid, period_id)
    SELECT txid_current(), p.id FROM periods p WHERE p.county_id = NEW.county_id ORDER BY p.id
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER users_renamed AFTER UPDATE OF display_name ON users
  FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name)
  EXECUTE FUNCTION period_data_user_renamed();
--> statement-breakpoint
CREATE TRIGGER sheets_insert_period_data AFTER INSERT ON sheets REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('period');
--> statement-breakpoint
CREATE TRIGGER sheets_update_period_data AFTER UPDATE ON sheets REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('period');
--> statement-breakpoint
CREATE TRIGGER sheets_delete_period_data AFTER DELETE ON sheets REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('period');
--> statement-breakpoint
CREATE TRIGGER sheet_items_insert_period_data AFTER INSERT ON sheet_items REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('sheet');
--> statement-breakpoint
CREATE TRIGGER sheet_items_update_period_data AFTER UPDATE ON sheet_items REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('sheet');
--> statement-breakpoint
CREATE TRIGGER sheet_items_delete_period_data AFTER DELETE ON sheet_items REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('sheet');
--> statement-breakpoint
CREATE TRIGGER targets_insert_period_data AFTER INSERT ON targets REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('period');
--> statement-breakpoint
CREATE TRIGGER targets_update_period_data AFTER UPDATE ON targets REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('period');
--> statement-breakpoint
CREATE TRIGGER targets_delete_period_data AFTER DELETE ON targets REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('period');
--> statement-breakpoint
CREATE TRIGGER progress_entries_insert_period_data AFTER INSERT ON progress_entries REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('period');
--> statement-breakpoint
CREATE TRIGGER progress_entries_update_period_data AFTER UPDATE ON progress_entries REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('period');
--> statement-breakpoint
CREATE TRIGGER progress_entries_delete_period_data AFTER DELETE ON progress_entries REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('period');
--> statement-breakpoint
CREATE TRIGGER township_results_insert_period_data AFTER INSERT ON township_results REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('period');
--> statement-breakpoint
CREATE TRIGGER township_results_update_period_data AFTER UPDATE ON township_results REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('period');
--> statement-breakpoint
CREATE TRIGGER township_results_delete_period_data AFTER DELETE ON township_results REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('period');
--> statement-breakpoint
CREATE TRIGGER township_targets_insert_period_data AFTER INSERT ON township_targets REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('period');
--> statement-breakpoint
CREATE TRIGGER township_targets_update_period_data AFTER UPDATE ON township_targets REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('period');
--> statement-breakpoint
CREATE TRIGGER township_targets_delete_period_data AFTER DELETE ON township_targets REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('period');
--> statement-breakpoint
CREATE TRIGGER township_reviews_insert_period_data AFTER INSERT ON township_reviews REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('sheet');
--> statement-breakpoint
CREATE TRIGGER township_reviews_update_period_data AFTER UPDATE ON township_reviews REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('sheet');
--> statement-breakpoint
CREATE TRIGGER township_reviews_delete_period_data AFTER DELETE ON township_reviews REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('sheet');
--> statement-breakpoint
CREATE TRIGGER sheet_requests_insert_period_data AFTER INSERT ON sheet_requests REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('sheet');
--> statement-breakpoint
CREATE TRIGGER sheet_requests_update_period_data AFTER UPDATE ON sheet_requests REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('sheet');
--> statement-breakpoint
CREATE TRIGGER sheet_requests_delete_period_data AFTER DELETE ON sheet_requests REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('sheet');
--> statement-breakpoint
CREATE TRIGGER periods_insert_period_data AFTER INSERT ON periods REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('self');
--> statement-breakpoint
CREATE TRIGGER periods_update_period_data AFTER UPDATE ON periods REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('self');
--> statement-breakpoint
CREATE TRIGGER periods_delete_period_data AFTER DELETE ON periods REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('self');
--> statement-breakpoint
CREATE TRIGGER people_insert_period_data AFTER INSERT ON people REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('county');
--> statement-breakpoint
CREATE TRIGGER people_update_period_data AFTER UPDATE ON people REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('county');
--> statement-breakpoint
CREATE TRIGGER people_delete_period_data AFTER DELETE ON people REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('county');
--> statement-breakpoint
CREATE TRIGGER townships_insert_period_data AFTER INSERT ON townships REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('county');
--> statement-breakpoint
CREATE TRIGGER townships_update_period_data AFTER UPDATE ON townships REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('county');
--> statement-breakpoint
CREATE TRIGGER townships_delete_period_data AFTER DELETE ON townships REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('county');
--> statement-breakpoint
CREATE TRIGGER stations_insert_period_data AFTER INSERT ON stations REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('county');
--> statement-breakpoint
CREATE TRIGGER stations_update_period_data AFTER UPDATE ON stations REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('county');
--> statement-breakpoint
CREATE TRIGGER stations_delete_period_data AFTER DELETE ON stations REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION period_data_changed('county');
