-- The time index on readings cost a third of every reading's insert (a third B-tree to update) for one hourly
-- purge; the purge now deletes asset by asset along telemetry_reading_asset_idx (asset_id, measured_at) instead.
DROP INDEX telemetry_reading_time_idx;
