package io.stratum.action.purchasing;

import java.math.BigDecimal;
import java.util.List;

/** An order placed with a supplier; {@code costCentre} feeds the approval matrix. */
public record PurchaseOrder(String number, String supplierName, String supplierVatId, String currency,
                            String costCentre, List<Line> lines) {

    public record Line(int line, String description, BigDecimal quantity, BigDecimal unitPrice) {
    }
}
