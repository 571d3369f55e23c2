package io.stratum.action.purchasing;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Goods received against one order line. */
public record GoodsReceipt(String orderNumber, int line, BigDecimal quantity, LocalDate receivedOn) {
}
