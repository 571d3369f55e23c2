package io.stratum.action.purchasing;

import java.math.BigDecimal;
import java.util.List;

/** The invoice side of a 3-way match (the action layer's own view of the extracted fields). */
public record InvoiceToMatch(String orderNumber, String sellerName, String currency, BigDecimal netAmount,
                             List<Line> lines) {

    public record Line(String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
    }
}
