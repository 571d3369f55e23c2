-- The start retry looks every minute for inquiries without a workflow (process_instance_id IS NULL); without an
-- index that is a scan of every inquiry ever received. Set once per inquiry, so cheap to maintain.
CREATE INDEX inquiry_unstarted_idx ON inquiry (process_instance_id);
