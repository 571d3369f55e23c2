package io.stratum.action.purchasing;

import java.util.List;
import java.util.Optional;

/** The built-in purchase order and goods receipt records (CSV import), the other two legs of the 3-way match. */
public interface PurchaseOrders {

    Optional<PurchaseOrder> find(String orderNumber);

    /** Receipts booked against an order, oldest first. */
    List<GoodsReceipt> receipts(String orderNumber);

    /**
     * Compares an invoice with its order and the goods received: per line, price and quantity deviations (as shares,
     * e.g. 0.02 = 2 %), and lines invoiced but never ordered or received. Tolerances are decided by DMN, not here.
     */
    MatchReport match(InvoiceToMatch invoice);
}
