-- Invoice flow: the register of invoices that passed verification, for the duplicate check (same seller + number +
-- amount as an earlier invoice). Keys are normalised by the application. Portable SQL: H2 2.3 and PostgreSQL.
CREATE TABLE invoice_register (
    document_id    VARCHAR(64)   PRIMARY KEY,
    seller_key     VARCHAR(200)  NOT NULL,            -- seller name, lower case, letters and digits only
    number_key     VARCHAR(100)  NOT NULL,            -- invoice number, upper case, letters and digits only
    amount         NUMERIC(19,2) NOT NULL,            -- the invoice total
    currency       VARCHAR(3)    NOT NULL,
    seller_name    VARCHAR(200)  NOT NULL,            -- as verified, for people
    invoice_number VARCHAR(100)  NOT NULL,
    process_instance_id VARCHAR(64),
    registered_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX invoice_register_key ON invoice_register (seller_key, number_key, amount, currency);
