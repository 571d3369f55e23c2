package io.stratum.intelligence.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What extraction found on one invoice. Any field may be {@code null} (not found). Confidence per field name (the
 * record component names, e.g. {@code "invoiceNumber"}, {@code "total"}) is 0..1 after the arithmetic cross-checks;
 * a field read from an embedded e-invoice XML has confidence 1.
 *
 * @param source     {@code "embedded-xml"} or {@code "model"}
 * @param discount   early-payment discount from the payment terms, or {@code null}
 * @param confidence per field; missing key = field not found
 */
public record InvoiceFields(
        String invoiceNumber,
        LocalDate issueDate,
        LocalDate dueDate,
        String sellerName,
        String sellerVatId,
        String sellerIban,
        String buyerName,
        String purchaseOrderRef,
        String currency,
        BigDecimal netAmount,
        BigDecimal taxAmount,
        BigDecimal total,
        String paymentTerms,
        Discount discount,
        List<LineItem> lines,
        Map<String, Double> confidence,
        String source) {

    public InvoiceFields {
        lines = lines == null ? List.of() : List.copyOf(lines);
        confidence = confidence == null ? Map.of() : Map.copyOf(confidence);
    }

    /** e.g. "2 % within 10 days": {@code percent=2, days=10}. */
    public record Discount(BigDecimal percent, int days) {
    }

    public record LineItem(String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
    }
}
