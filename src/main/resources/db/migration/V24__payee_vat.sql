-- Payee trust keyed by the seller's VAT id when the invoice carries one: a renamed seller keeps its trust, another
-- company with a similar name does not inherit it. Normalised by the application (upper case, letters and digits);
-- NULL when the invoice named no VAT id (rows registered before this version, too). Portable: H2 2.3 and PostgreSQL.
ALTER TABLE invoice_register ADD COLUMN seller_vat_key VARCHAR(40);
CREATE INDEX invoice_register_vat ON invoice_register (seller_vat_key);
