package io.stratum.action.purchasing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Tables {@code purchase_order}, {@code purchase_order_line} and {@code goods_receipt}. */
@Service
class PurchaseOrderStore implements PurchaseOrders {

    record ImportResult(int imported, int created, int updated) {
    }

    private final JdbcClient jdbc;
    private final Clock clock = Clock.systemUTC();

    PurchaseOrderStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<PurchaseOrder> find(String orderNumber) {
        if (orderNumber == null) {
            return Optional.empty();
        }
        String number = orderNumber.strip();
        return jdbc.sql("SELECT order_number, supplier_name, supplier_vat_id, currency, cost_centre, supplier_email"
                        + " FROM purchase_order WHERE order_number = ?")
                .param(number)
                .query((rs, n) -> new PurchaseOrder(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), lines(rs.getString(1)), rs.getString(6)))
                .optional();
    }

    private List<PurchaseOrder.Line> lines(String orderNumber) {
        return jdbc.sql("SELECT line_no, description, quantity, unit_price FROM purchase_order_line"
                        + " WHERE order_number = ? ORDER BY line_no")
                .param(orderNumber)
                .query((rs, n) -> new PurchaseOrder.Line(rs.getInt(1), rs.getString(2),
                        rs.getBigDecimal(3).stripTrailingZeros(), rs.getBigDecimal(4).stripTrailingZeros()))
                .list();
    }

    @Override
    public List<GoodsReceipt> receipts(String orderNumber) {
        return jdbc.sql("SELECT order_number, line_no, quantity, received_on FROM goods_receipt WHERE order_number = ?"
                        + " ORDER BY received_on, receipt_id")
                .param(orderNumber == null ? "" : orderNumber.strip())
                .query((rs, n) -> new GoodsReceipt(rs.getString(1), rs.getInt(2),
                        rs.getBigDecimal(3).stripTrailingZeros(), rs.getDate(4).toLocalDate()))
                .list();
    }

    @Override
    public MatchReport match(InvoiceToMatch invoice) {
        return find(invoice.orderNumber())
                .map(order -> ThreeWayMatch.match(invoice, order, receipts(order.number())))
                .orElseGet(() -> ThreeWayMatch.notFound(invoice));
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM purchase_order").query(Long.class).single();
    }

    /** Creates or replaces the orders (header and all lines), all or nothing. */
    @Transactional
    ImportResult importOrders(List<PurchaseOrder> orders) {
        int created = 0;
        Timestamp now = Timestamp.from(clock.instant());
        for (PurchaseOrder o : orders) {
            int updated = jdbc.sql("UPDATE purchase_order SET supplier_name = ?, supplier_vat_id = ?, currency = ?,"
                            + " cost_centre = ?, supplier_email = ?, updated_at = ? WHERE order_number = ?")
                    .params(o.supplierName(), o.supplierVatId(), o.currency(), o.costCentre(), o.supplierEmail(), now,
                            o.number())
                    .update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO purchase_order (order_number, supplier_name, supplier_vat_id, currency,"
                                + " cost_centre, supplier_email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(o.number(), o.supplierName(), o.supplierVatId(), o.currency(), o.costCentre(),
                                o.supplierEmail(), now, now)
                        .update();
                created++;
            }
            jdbc.sql("DELETE FROM purchase_order_line WHERE order_number = ?").param(o.number()).update();
            for (PurchaseOrder.Line l : o.lines()) {
                jdbc.sql("INSERT INTO purchase_order_line (order_number, line_no, description, quantity, unit_price)"
                                + " VALUES (?, ?, ?, ?, ?)")
                        .params(o.number(), l.line(), l.description(), l.quantity(), l.unitPrice())
                        .update();
            }
        }
        return new ImportResult(orders.size(), created, orders.size() - created);
    }

    /**
     * Books receipts against existing order lines, all or nothing; a receipt id seen before is replaced, so the
     * same file imported twice counts once.
     */
    @Transactional
    ImportResult importReceipts(List<PurchasingCsv.ReceiptRow> rows) {
        for (PurchasingCsv.ReceiptRow row : rows) {
            GoodsReceipt r = row.receipt();
            boolean known = jdbc.sql("SELECT count(*) FROM purchase_order_line WHERE order_number = ? AND line_no = ?")
                    .params(r.orderNumber(), r.line()).query(Integer.class).single() > 0;
            if (!known) {
                boolean order = find(r.orderNumber()).isPresent();
                throw new PurchasingImportException(PurchasingCsv.RECEIPT, row.csvLine(),
                        order ? "line" : "orderNumber",
                        order ? "order " + r.orderNumber() + " has no line " + r.line()
                                : "no purchase order " + r.orderNumber() + " (import the order first)");
            }
        }
        int created = 0;
        Timestamp now = Timestamp.from(clock.instant());
        for (PurchasingCsv.ReceiptRow row : rows) {
            GoodsReceipt r = row.receipt();
            int updated = jdbc.sql("UPDATE goods_receipt SET order_number = ?, line_no = ?, quantity = ?,"
                            + " received_on = ? WHERE receipt_id = ?")
                    .params(r.orderNumber(), r.line(), r.quantity(), Date.valueOf(r.receivedOn()), row.receiptId())
                    .update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO goods_receipt (receipt_id, order_number, line_no, quantity, received_on,"
                                + " created_at) VALUES (?, ?, ?, ?, ?, ?)")
                        .params(row.receiptId(), r.orderNumber(), r.line(), r.quantity(),
                                Date.valueOf(r.receivedOn()), now)
                        .update();
                created++;
            }
        }
        return new ImportResult(rows.size(), created, rows.size() - created);
    }
}
