package io.stratum.learning;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Retraining settings of the non-text model kinds ({@code stratum.learning.kinds.*}).
 *
 * @param failureFeedbackWeight    each technician's outcome counts this many times when the failure model retrains:
 *                                 one real label against thousands of generated readings would otherwise vanish
 * @param failureBootstrapExamples generated readings a failure challenger starts from (0 = as many as the bootstrap
 *                                 model, {@code stratum.failure-model.bootstrap-examples})
 * @param invoiceFeedbackWeight    each verified invoice counts this many times when the invoice field model retrains
 * @param invoiceBootstrapInvoices generated invoices an invoice challenger starts from (0 = as many as the bootstrap
 *                                 model, {@code stratum.intelligence.invoice.bootstrap-invoices})
 */
@Validated
@ConfigurationProperties("stratum.learning.kinds")
public record KindSettings(@Min(1) @DefaultValue("20") int failureFeedbackWeight,
                           @Min(0) @DefaultValue("0") int failureBootstrapExamples,
                           @Min(1) @DefaultValue("10") int invoiceFeedbackWeight,
                           @Min(0) @DefaultValue("0") int invoiceBootstrapInvoices) {
}
