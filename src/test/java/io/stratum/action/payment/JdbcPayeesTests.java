package io.stratum.action.payment;

import io.stratum.action.payment.Payees.PayeeCheck;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The bank-details trust query against the real schema (Flyway on in-memory H2), with real scheduled payments. */
class JdbcPayeesTests {

    static final String OLD = "DE02120300000000202051";
    static final String NEW = "DE89370400440532013000";
    static final String VAT = "DE123456789";

    @TempDir
    Path data;
    PayeeHistory history;
    Payees payees;

    @BeforeEach
    void database() {
        history = new PayeeHistory(data.resolve("outbox"));
        payees = history.payees();
    }

    @Test
    void anIbanPaidToTheSellerBeforeIsTrusted() {
        history.paid("doc-1", "ACME GmbH", null, "DE02 1203 0000 0000 2020 51", true);

        // Same seller spelt differently, IBAN with spaces and lower case: trusted, no warning
        PayeeCheck check = payees.check("Acme-GmbH.", null, "de02 1203 0000 0000 2020 51");
        assertThat(check.trusted()).isTrue();
        assertThat(check.lastPaidIban()).isEqualTo(OLD);
        assertThat(check.warning()).isNull();
    }

    @Test
    void aNewSellerOrAnUnpaidInvoiceGivesNoTrust() {
        // Scheduled but never executed: nothing was paid yet
        history.paid("doc-1", "ACME GmbH", null, OLD, false);
        PayeeCheck first = payees.check("ACME GmbH", null, OLD);
        assertThat(first.trusted()).isFalse();
        assertThat(first.warning()).startsWith("Bank details not seen before for this seller").contains(OLD);

        // The same IBAN paid to another seller proves nothing for this one
        history.paid("doc-2", "Globex AG", null, NEW, true);
        assertThat(payees.check("ACME GmbH", null, NEW).trusted()).isFalse();
    }

    @Test
    void aChangedIbanNamesBothAndTheLastPaidOne() {
        history.paid("doc-1", "ACME GmbH", null, OLD, true);

        PayeeCheck changed = payees.check("ACME GmbH", null, NEW);
        assertThat(changed.trusted()).isFalse();
        assertThat(changed.lastPaidIban()).isEqualTo(OLD);
        assertThat(changed.warning()).contains("IBAN differs from the one paid last time: " + OLD + " → " + NEW);
    }

    @Test
    void missingIbanOrSellerIsNeverTrusted() {
        history.paid("doc-1", "ACME GmbH", null, OLD, true);
        assertThat(payees.check("ACME GmbH", null, " ").trusted()).isFalse();
        assertThat(payees.check(null, null, OLD).warning()).contains("No seller name");
    }

    @Test
    void withAVatIdTrustFollowsTheCompanyNotItsName() {
        history.paid("doc-1", "ACME GmbH", "DE 123 456 789", OLD, true);

        // Renamed, same VAT id (printed differently) and IBAN: still the company that was paid
        PayeeCheck renamed = payees.check("ACME Holding GmbH", "de123456789", OLD);
        assertThat(renamed.trusted()).isTrue();
        assertThat(renamed.warning()).isNull();
        // The VAT id alone identifies it too, when the name was not read
        assertThat(payees.check(null, VAT, OLD).trusted()).isTrue();

        // Another company spelt like ACME, with its own VAT id and asking for ACME's IBAN, inherits nothing
        PayeeCheck other = payees.check("Acme-GmbH", "DE987654321", OLD);
        assertThat(other.trusted()).isFalse();
        assertThat(other.lastPaidIban()).isNull();
        assertThat(other.warning()).startsWith("Bank details not seen before for this seller")
                .contains("VAT id DE987654321");
    }

    @Test
    void anEarlierInvoiceWithoutVatIdCountsByNameOnlyForTheSameName() {
        // Paid before VAT ids were kept (or the invoice named none)
        history.paid("doc-1", "ACME GmbH", null, OLD, true);

        assertThat(payees.check("ACME GmbH", VAT, OLD).trusted()).isTrue();
        assertThat(payees.check("ACME Holding GmbH", VAT, OLD).trusted()).isFalse();
        // Without a VAT id on the new invoice, the name decides, whatever ids earlier invoices named
        history.paid("doc-2", "Globex AG", "DE111111111", NEW, true);
        assertThat(payees.check("Globex AG", null, NEW).trusted()).isTrue();
    }
}
