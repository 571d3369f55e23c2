-- A telemetry message with NUL bytes (PostgreSQL text cannot hold them) is kept as Base64, like the inquiry inbox's.
ALTER TABLE telemetry_raw ADD COLUMN payload_encoding VARCHAR(10);
