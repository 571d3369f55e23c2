-- Maintenance: a reading may carry one operating cycle's 21 condition-monitoring sensors (C-MAPSS order), the
-- remaining-life forecast's input; comma-separated decimals, null when the reading has none. Portable SQL.
ALTER TABLE telemetry_reading ADD COLUMN sensors VARCHAR(1000);
