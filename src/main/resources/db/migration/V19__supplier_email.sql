-- The supplier's address for remittance and rejection notices (optional column of the purchase order CSV).
ALTER TABLE purchase_order ADD COLUMN supplier_email VARCHAR(254);
