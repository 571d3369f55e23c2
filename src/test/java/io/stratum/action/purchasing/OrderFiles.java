package io.stratum.action.purchasing;

import io.stratum.intelligence.invoice.InvoiceFields;

import java.util.List;
import java.util.function.IntFunction;

/**
 * The purchase-order and goods-receipt CSVs that make generated invoices match: each invoice's order (its lines at its
 * prices) and a receipt for every line on the invoice's issue date. For tests and benchmarks that import them over REST.
 */
public record OrderFiles(String orders, String receipts) {

    /** {@code costCentre} gets the invoice's index. */
    public static OrderFiles of(List<InvoiceFields> invoices, IntFunction<String> costCentre) {
        StringBuilder orders = new StringBuilder(String.join(",", PurchasingCsv.ORDER_HEADER)).append('\n');
        StringBuilder receipts = new StringBuilder(String.join(",", PurchasingCsv.RECEIPT_HEADER)).append('\n');
        for (int n = 0; n < invoices.size(); n++) {
            InvoiceFields t = invoices.get(n);
            for (int i = 0; i < t.lines().size(); i++) {
                InvoiceFields.LineItem l = t.lines().get(i);
                orders.append(String.join(",", t.purchaseOrderRef(), quoted(t.sellerName()), "", t.currency(),
                        costCentre.apply(n), String.valueOf(i + 1), quoted(l.description()),
                        l.quantity().toPlainString(), l.unitPrice().toPlainString())).append('\n');
                receipts.append(String.join(",", "GR-" + t.purchaseOrderRef() + "-" + (i + 1),
                        t.purchaseOrderRef(), String.valueOf(i + 1), l.quantity().toPlainString(),
                        t.issueDate().toString())).append('\n');
            }
        }
        return new OrderFiles(orders.toString(), receipts.toString());
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
