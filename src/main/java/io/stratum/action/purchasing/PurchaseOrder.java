package io.stratum.action.purchasing;

import java.math.BigDecimal;
import java.util.List;

/**
 * An order placed with a supplier; {@code costCentre} feeds the approval matrix, {@code supplierEmail} (optional) is
 * where the invoice process sends remittance and rejection notices.
 */
public record PurchaseOrder(String number, String supplierName, String supplierVatId, String currency,
                            String costCentre, List<Line> lines, String supplierEmail) {

    public record Line(int line, String description, BigDecimal quantity, BigDecimal unitPrice) {
    }
}
