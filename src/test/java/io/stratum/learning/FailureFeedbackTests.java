package io.stratum.learning;

import io.stratum.intelligence.maintenance.MachineSample;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Technicians' outcomes as the failure model's training samples, and the invoice kind's value comparison. */
class FailureFeedbackTests {

    /** The reading variable as the maintenance case carries it (MaintenanceCaseWorkflow). */
    static final String READING = "{\"airTemperature\":302.1,\"processTemperature\":311.4,\"rotationalSpeed\":1380.0,"
            + "\"torque\":52.3,\"toolWear\":208.0,\"measuredAt\":\"2026-11-26T05:00:00Z\"}";

    @Test
    void outcomesBecomeLabelledSamples() {
        String input = FailureFeedback.input("M", READING);
        MachineSample mode = FailureFeedback.sample(input, "OSF").orElseThrow();
        assertThat(mode.productType()).isEqualTo("M");
        assertThat(mode.torque()).isEqualTo(52.3);
        assertThat(mode.failed()).isTrue();
        assertThat(mode.modes()).containsExactly(false, false, false, true, false);
        assertThat(FailureFeedback.sample(input, "failure").orElseThrow().failed()).isTrue();
        MachineSample none = FailureFeedback.sample(input, "none").orElseThrow();
        assertThat(none.failed()).isFalse();
        assertThat(none.modes()).containsOnly(false);
    }

    @Test
    void unreadableOutcomesAreNotUsed() {
        assertThat(FailureFeedback.sample(FailureFeedback.input("M", READING), "maybe")).isEmpty();
        assertThat(FailureFeedback.sample(FailureFeedback.input("X", READING), "none")).isEmpty();
        assertThat(FailureFeedback.sample(FailureFeedback.input("L", "{\"airTemperature\":300}"), "none")).isEmpty();
        assertThat(FailureFeedback.sample(FailureFeedback.input("L", "not json"), "none")).isEmpty();
        assertThat(FailureFeedback.sample("document=1; field=total", "none")).isEqualTo(Optional.empty());
    }

    @Test
    void verifiedInvoiceValuesMatchWhatTheModelReads() {
        assertThat(InvoiceModelKind.same(java.time.LocalDate.of(2026, 3, 5), "2026-03-05")).isTrue();
        assertThat(InvoiceModelKind.same(new java.math.BigDecimal("1190.0"), "1190.00")).isTrue();
        assertThat(InvoiceModelKind.same(new java.math.BigDecimal("1190.01"), "1190.00")).isFalse();
        assertThat(InvoiceModelKind.same("ACME  GmbH", "acme gmbh")).isTrue();
        assertThat(InvoiceModelKind.same("RE-2026-001", "RE-2026-002")).isFalse();
        assertThat(InvoiceModelKind.same(null, "")).isTrue();
        assertThat(InvoiceModelKind.same("PO-1", "")).isFalse();
        assertThat(InvoiceModelKind.same(null, "PO-1")).isFalse();
    }
}
