package io.stratum.action.purchasing;

import io.stratum.ingestion.CsvFormatException;
import io.stratum.ingestion.CsvTable;
import io.stratum.ingestion.CsvTable.Row;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses the purchase order CSV (one row per order line) and the goods receipt CSV. RFC 4180 quoting within a line;
 * all-or-nothing: the first bad row aborts with its line number and column.
 */
final class PurchasingCsv {

    static final String ORDER = "purchase order";
    static final String RECEIPT = "goods receipt";
    static final List<String> ORDER_HEADER = List.of("orderNumber", "supplierName", "supplierVatId", "currency",
            "costCentre", "line", "description", "quantity", "unitPrice");
    /** The order CSV may end with this column (the supplier's e-mail for notices); files without it stay valid. */
    static final String SUPPLIER_EMAIL = "supplierEmail";
    static final List<String> RECEIPT_HEADER = List.of("receiptId", "orderNumber", "line", "quantity", "receivedOn");

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>\"]+@[^@\\s,;<>\"]+\\.[^@\\s,;<>\"]+");

    /** A receipt row with its CSV line, so that unknown orders can be reported where they are. */
    record ReceiptRow(int csvLine, String receiptId, GoodsReceipt receipt) {
    }

    private PurchasingCsv() {
    }

    static List<PurchaseOrder> orders(String text) {
        try {
            return readOrders(text);
        } catch (CsvFormatException e) {
            throw problem(ORDER, e);
        }
    }

    static List<ReceiptRow> receipts(String text) {
        try {
            return readReceipts(text);
        } catch (CsvFormatException e) {
            throw problem(RECEIPT, e);
        }
    }

    private static List<PurchaseOrder> readOrders(String text) {
        Map<String, PurchaseOrder> orders = new LinkedHashMap<>();
        Set<String> lines = new HashSet<>();
        List<String> withEmail = new ArrayList<>(ORDER_HEADER);
        withEmail.add(SUPPLIER_EMAIL);
        for (Row row : CsvTable.read(text, ORDER_HEADER, withEmail)) {
            String number = key(row, "orderNumber");
            String supplier = row.required("supplierName", 200);
            String vat = row.optional("supplierVatId", 40);
            String currency = row.get("currency").toUpperCase(Locale.ROOT);
            if (!CURRENCY.matcher(currency).matches()) {
                throw row.problem("currency", "must be an ISO 4217 code like EUR");
            }
            String costCentre = row.required("costCentre", 64);
            int line = positiveInt(row, "line");
            String description = row.required("description", 500);
            BigDecimal quantity = decimal(row, "quantity", false);
            BigDecimal unitPrice = decimal(row, "unitPrice", true);
            String email = row.has(SUPPLIER_EMAIL) ? row.optional(SUPPLIER_EMAIL, 254) : null;
            if (email != null && !EMAIL.matcher(email).matches()) {
                throw row.problem(SUPPLIER_EMAIL, "must be one e-mail address like billing@supplier.example");
            }
            if (!lines.add(number + "\u0000" + line)) {
                throw row.problem("line", "order " + number + " has line " + line + " twice");
            }
            PurchaseOrder order = orders.get(number);
            if (order == null) {
                order = new PurchaseOrder(number, supplier, vat, currency, costCentre, new ArrayList<>(), email);
                orders.put(number, order);
            } else if (!order.supplierName().equals(supplier) || !Objects.equals(order.supplierVatId(), vat)
                    || !order.currency().equals(currency) || !order.costCentre().equals(costCentre)
                    || !Objects.equals(order.supplierEmail(), email)) {
                throw row.problem("supplierName", "order " + number + " has other supplier, VAT id, currency, cost"
                        + " centre or supplier e-mail than on its first row; they must be the same on every row of an"
                        + " order");
            }
            order.lines().add(new PurchaseOrder.Line(line, description, quantity, unitPrice));
        }
        return orders.values().stream().map(o -> new PurchaseOrder(o.number(), o.supplierName(), o.supplierVatId(),
                o.currency(), o.costCentre(), List.copyOf(o.lines()), o.supplierEmail())).toList();
    }

    private static List<ReceiptRow> readReceipts(String text) {
        List<ReceiptRow> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Row row : CsvTable.read(text, RECEIPT_HEADER)) {
            String id = key(row, "receiptId");
            if (!ids.add(id)) {
                throw row.problem("receiptId", "duplicate receipt id " + id);
            }
            String number = key(row, "orderNumber");
            int line = positiveInt(row, "line");
            BigDecimal quantity = decimal(row, "quantity", false);
            LocalDate receivedOn;
            try {
                receivedOn = LocalDate.parse(row.get("receivedOn"));
            } catch (DateTimeParseException e) {
                throw row.problem("receivedOn", "must be a date like 2026-11-26");
            }
            out.add(new ReceiptRow(row.line(), id, new GoodsReceipt(number, line, quantity, receivedOn)));
        }
        return out;
    }

    private static String key(Row row, String column) {
        String v = row.get(column);
        if (!KEY.matcher(v).matches()) {
            throw row.problem(column, "must be 1-64 letters, digits, '.', '_', '/' or '-'");
        }
        return v;
    }

    private static int positiveInt(Row row, String column) {
        try {
            int v = Integer.parseInt(row.get(column));
            if (v >= 1 && v <= 99999) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw row.problem(column, "must be a whole number from 1 to 99999");
    }

    private static BigDecimal decimal(Row row, String column, boolean zeroAllowed) {
        BigDecimal v;
        try {
            v = new BigDecimal(row.get(column));
        } catch (NumberFormatException e) {
            throw row.problem(column, "must be a number with a decimal point, like 12.50");
        }
        if (v.signum() < 0 || (!zeroAllowed && v.signum() == 0)) {
            throw row.problem(column, zeroAllowed ? "must not be negative" : "must be greater than 0");
        }
        if (v.stripTrailingZeros().scale() > 4 || v.precision() - v.scale() > 15) {
            throw row.problem(column, "at most 15 digits before and 4 after the decimal point");
        }
        return v;
    }

    private static PurchasingImportException problem(String what, CsvFormatException e) {
        return new PurchasingImportException(what, (int) e.line(), e.column(), e.problem());
    }
}
