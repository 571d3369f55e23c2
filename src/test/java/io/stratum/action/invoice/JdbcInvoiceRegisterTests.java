package io.stratum.action.invoice;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The duplicate register against the real schema (Flyway migrations on in-memory H2). */
class JdbcInvoiceRegisterTests {

    JdbcClient jdbc;
    JdbcInvoiceRegister register;

    @BeforeEach
    void database() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:register-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(ds);
        register = new JdbcInvoiceRegister(jdbc);
    }

    @Test
    void theSameInvoiceAgainIsADuplicateOfTheFirst() {
        // Given an invoice registered by its first document
        assertThat(register.register("doc-1", "ACME GmbH", null, "INV-0042", new BigDecimal("800"), "EUR", "pi-1"))
                .isEmpty();

        // When the same seller, number and amount come again, spelt differently, Then it is the first one's duplicate
        assertThat(register.register("doc-2", "Acme GmbH.", null, "inv 0042", new BigDecimal("800.00"), "eur",
                "pi-2")).contains("doc-1");
        // ...and the first document registered again (a retried job) is no duplicate of itself
        assertThat(register.register("doc-1", "ACME GmbH", null, "INV-0042", new BigDecimal("800.00"), "EUR",
                "pi-1")).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM invoice_register").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void anotherAmountNumberOrSellerIsAnotherInvoice() {
        register.register("doc-1", "ACME GmbH", null, "INV-0042", new BigDecimal("800.00"), "EUR", "pi-1");
        assertThat(register.register("doc-2", "ACME GmbH", null, "INV-0042", new BigDecimal("800.01"), "EUR", "pi-2"))
                .isEmpty();
        assertThat(register.register("doc-3", "ACME GmbH", null, "INV-0043", new BigDecimal("800.00"), "EUR", "pi-3"))
                .isEmpty();
        assertThat(register.register("doc-4", "Globex AG", null, "INV-0042", new BigDecimal("800.00"), "EUR", "pi-4"))
                .isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM invoice_register").query(Integer.class).single()).isEqualTo(4);
    }

    @Test
    void twoCopiesRacingCollideOnTheUniqueKey() {
        // Given a copy registered behind the check's back (as a concurrent transaction would)
        register.register("doc-1", "ACME GmbH", null, "INV-0042", new BigDecimal("800.00"), "EUR", "pi-1");
        // Then the database itself refuses a second row with the same keys
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO invoice_register (document_id, seller_key, number_key, amount, "
                + "currency, seller_name, invoice_number, registered_at) VALUES ('doc-2', 'acmegmbh', 'INV0042', "
                + "800.00, 'EUR', 'x', 'x', CURRENT_TIMESTAMP)").update()).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void theSellersVatIdIsKeptNormalisedForPayeeTrust() {
        register.register("doc-1", "ACME GmbH", "de 123.456.789", "INV-1", BigDecimal.ONE, "EUR", "pi-1");
        register.register("doc-2", "Globex AG", " ", "INV-2", BigDecimal.ONE, "EUR", "pi-2");
        assertThat(jdbc.sql("SELECT seller_vat_key FROM invoice_register WHERE document_id = 'doc-1'")
                .query(String.class).single()).isEqualTo("DE123456789");
        assertThat(jdbc.sql("SELECT seller_vat_key FROM invoice_register WHERE document_id = 'doc-2'")
                .query(String.class).optional()).isEmpty();
    }

    @Test
    void anInvoiceWithoutSellerOrNumberCannotBeRegistered() {
        assertThatThrownBy(() -> register.register("doc-1", " ", null, "INV-1", BigDecimal.ONE, "EUR", "pi-1"))
                .hasMessageContaining("needs a seller and a number");
    }
}
