package io.stratum.orchestration;

import io.stratum.intelligence.invoice.InvoiceFields;
import org.camunda.bpm.engine.delegate.VariableScope;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.stratum.orchestration.InvoiceProcessingProcess.Var.*;

/**
 * Invoice fields as flat process variables, the working values the verify form edits: texts as strings, dates as
 * ISO strings (yyyy-MM-dd), amounts as numbers. Reading them back checks each value and names the field on error.
 */
final class InvoiceVariables {

    private InvoiceVariables() {
    }

    /** Writes the proposal's fields as working values. */
    static void write(VariableScope scope, InvoiceFields f) {
        scope.setVariable(INVOICE_NUMBER, f.invoiceNumber());
        scope.setVariable(ISSUE_DATE, text(f.issueDate()));
        scope.setVariable(DUE_DATE, text(f.dueDate()));
        scope.setVariable(SELLER_NAME, f.sellerName());
        scope.setVariable(SELLER_VAT_ID, f.sellerVatId());
        scope.setVariable(SELLER_IBAN, f.sellerIban());
        scope.setVariable(BUYER_NAME, f.buyerName());
        scope.setVariable(PURCHASE_ORDER_REF, f.purchaseOrderRef());
        scope.setVariable(CURRENCY, f.currency());
        scope.setVariable(NET_AMOUNT, number(f.netAmount()));
        scope.setVariable(TAX_AMOUNT, number(f.taxAmount()));
        scope.setVariable(TOTAL, number(f.total()));
        scope.setVariable(PAYMENT_TERMS, f.paymentTerms());
        scope.setVariable(DISCOUNT_PERCENT, f.discount() == null ? null : number(f.discount().percent()));
        scope.setVariable(DISCOUNT_DAYS, f.discount() == null ? null : f.discount().days());
        scope.setVariable(INVOICE_LINES, InvoiceLines.toVariable(f.lines()));
    }

    /**
     * The working values as invoice fields; line items from {@code invoiceLines}, or the proposal's without it.
     * Fields a person has seen count as sure (confidence 1).
     *
     * @throws IllegalArgumentException naming the field when a value cannot be read
     */
    static InvoiceFields read(VariableScope scope, InvoiceFields proposal, String source) {
        BigDecimal discountPercent = amount(scope, DISCOUNT_PERCENT);
        Object days = scope.getVariable(DISCOUNT_DAYS);
        InvoiceFields.Discount discount = discountPercent == null || discountPercent.signum() == 0 ? null
                : new InvoiceFields.Discount(discountPercent, days instanceof Number n ? n.intValue()
                : days == null || days.toString().isBlank() ? 0 : integer(DISCOUNT_DAYS, days.toString()));
        List<InvoiceFields.LineItem> lines = InvoiceLines.read(scope);
        InvoiceFields f = new InvoiceFields(string(scope, INVOICE_NUMBER), date(scope, ISSUE_DATE),
                date(scope, DUE_DATE), string(scope, SELLER_NAME), string(scope, SELLER_VAT_ID),
                iban(string(scope, SELLER_IBAN)), string(scope, BUYER_NAME), string(scope, PURCHASE_ORDER_REF),
                currency(string(scope, CURRENCY)), amount(scope, NET_AMOUNT), amount(scope, TAX_AMOUNT),
                amount(scope, TOTAL), string(scope, PAYMENT_TERMS), discount,
                lines != null ? lines : proposal == null ? null : proposal.lines(), null, source);
        Map<String, Double> confidence = new HashMap<>();
        asText(f).forEach((field, value) -> {
            if (value != null) {
                confidence.put(field, 1.0);
            }
        });
        return new InvoiceFields(f.invoiceNumber(), f.issueDate(), f.dueDate(), f.sellerName(), f.sellerVatId(),
                f.sellerIban(), f.buyerName(), f.purchaseOrderRef(), f.currency(), f.netAmount(), f.taxAmount(),
                f.total(), f.paymentTerms(), f.discount(), f.lines(), confidence, source);
    }

    /** Each field (InvoiceFields component name) as comparable text, null when absent. */
    static Map<String, String> asText(InvoiceFields f) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("invoiceNumber", f.invoiceNumber());
        m.put("issueDate", text(f.issueDate()));
        m.put("dueDate", text(f.dueDate()));
        m.put("sellerName", f.sellerName());
        m.put("sellerVatId", f.sellerVatId());
        m.put("sellerIban", f.sellerIban());
        m.put("buyerName", f.buyerName());
        m.put("purchaseOrderRef", f.purchaseOrderRef());
        m.put("currency", f.currency());
        m.put("netAmount", plain(f.netAmount()));
        m.put("taxAmount", plain(f.taxAmount()));
        m.put("total", plain(f.total()));
        m.put("paymentTerms", f.paymentTerms());
        m.put("discount", f.discount() == null ? null
                : plain(f.discount().percent()) + "%/" + f.discount().days() + "d");
        m.replaceAll((k, v) -> v == null || v.isBlank() ? null : v.strip());
        return m;
    }

    /** {@link #asText} and each line item ({@code lines[1]}...) as text. */
    static Map<String, String> asTextWithLines(InvoiceFields f) {
        Map<String, String> m = asText(f);
        m.putAll(InvoiceLines.asText(f.lines()));
        return m;
    }

    /** The fields and lines whose value differs between the two (a line only on one side too), in field order. */
    static Map<String, String[]> changes(InvoiceFields proposal, InvoiceFields verified) {
        Map<String, String> before = asTextWithLines(proposal);
        Map<String, String> after = asTextWithLines(verified);
        Map<String, String[]> changed = new LinkedHashMap<>();
        Set<String> fields = new LinkedHashSet<>(before.keySet());
        fields.addAll(after.keySet());
        for (String field : fields) {
            if (!Objects.equals(before.get(field), after.get(field))) {
                changed.put(field, new String[]{before.get(field), after.get(field)});
            }
        }
        return changed;
    }

    static BigDecimal amount(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.toString().strip()).setScale(2, RoundingMode.HALF_UP);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not an amount: '" + value + "'");
        }
    }

    static String string(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    static LocalDate date(VariableScope scope, String name) {
        String value = string(scope, name);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": a date such as 2026-03-31, got '" + value + "'");
        }
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": a whole number of days, got '" + value + "'");
        }
    }

    private static String iban(String value) {
        return value == null ? null : value.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
    }

    private static String currency(String value) {
        if (value == null) {
            return null;
        }
        String c = value.toUpperCase(java.util.Locale.ROOT);
        if (!c.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException(CURRENCY + ": a three-letter ISO 4217 code such as EUR, got '"
                    + value + "'");
        }
        return c;
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static Double number(BigDecimal amount) {
        return amount == null ? null : amount.doubleValue();
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
