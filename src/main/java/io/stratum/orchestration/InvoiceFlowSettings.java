package io.stratum.orchestration;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.List;
import java.util.Set;

/**
 * Settings of the invoice flow ({@code stratum.invoice-flow.*}). The confidence threshold of the extraction is a
 * model threshold ({@code stratum.intelligence.models.invoice-fields.threshold}), not set here.
 *
 * @param requiredFields         extracted fields an invoice cannot be paid without (InvoiceFields component names):
 *                               missing or below the threshold sends the invoice to {@code VerifyInvoice}
 * @param accountsPayableAddress who hears about unreadable, duplicate and rejected invoices, and receives remittance
 *                               notices to forward when the seller's address is unknown
 */
@Validated
@ConfigurationProperties("stratum.invoice-flow")
public record InvoiceFlowSettings(@NotEmpty List<@NotBlank String> requiredFields,
                                  @NotBlank @Email String accountsPayableAddress) {

    static final Set<String> FIELDS = Set.of("invoiceNumber", "issueDate", "dueDate", "sellerName", "sellerVatId",
            "sellerIban", "buyerName", "purchaseOrderRef", "currency", "netAmount", "taxAmount", "total",
            "paymentTerms", "discount");

    public InvoiceFlowSettings {
        if (requiredFields != null) {
            for (String field : requiredFields) {
                if (!FIELDS.contains(field)) {
                    throw new IllegalArgumentException("stratum.invoice-flow.required-fields: unknown field '" + field
                            + "', one of " + new java.util.TreeSet<>(FIELDS));
                }
            }
        }
    }
}
