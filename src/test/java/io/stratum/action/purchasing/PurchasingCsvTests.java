package io.stratum.action.purchasing;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The order and receipt CSVs: good files parse, bad rows are named by line and column. */
class PurchasingCsvTests {

    static final String HEADER = String.join(",", PurchasingCsv.ORDER_HEADER) + "\n";

    @Test
    void theDemoFilesParse() throws IOException {
        List<PurchaseOrder> orders = PurchasingCsv.orders(read(DemoPurchaseOrders.ORDERS));
        assertThat(orders).extracting(PurchaseOrder::number).contains("2018-471331", "B123456789");
        PurchaseOrder first = orders.get(0);
        assertThat(first.lines()).hasSize(4);
        assertThat(first.lines().get(0).description()).isEqualTo("Kunstrasen grün, 3 m breit");
        assertThat(PurchasingCsv.receipts(read(DemoPurchaseOrders.RECEIPTS))).isNotEmpty();
    }

    @Test
    void quotedFieldsKeepCommasAndQuotes() {
        List<PurchaseOrder> orders = PurchasingCsv.orders("\uFEFF" + HEADER
                + "PO-7,\"Acme, \"\"The\"\" Supplier\",,EUR,CC-1,1,\"Bolts, M6\",100,0.12\r\n\r\n");
        assertThat(orders).singleElement().satisfies(o -> {
            assertThat(o.supplierName()).isEqualTo("Acme, \"The\" Supplier");
            assertThat(o.supplierVatId()).isNull();
            assertThat(o.lines()).singleElement().satisfies(l -> assertThat(l.description()).isEqualTo("Bolts, M6"));
        });
    }

    @Test
    void theSupplierEmailIsAnOptionalLastColumn() {
        String header = HEADER.strip() + ",supplierEmail\n";
        List<PurchaseOrder> orders = PurchasingCsv.orders(header + "PO-7,Acme,,EUR,CC-1,1,Bolts,100,0.12,"
                + "receivables@acme.example\nPO-7,Acme,,EUR,CC-1,2,Nuts,100,0.05,receivables@acme.example\n"
                + "PO-8,Other,,EUR,CC-1,1,Washers,10,0.01,\n");
        assertThat(orders).extracting(PurchaseOrder::supplierEmail).containsExactly("receivables@acme.example", null);
        assertThat(PurchasingCsv.orders(HEADER + "PO-7,Acme,,EUR,CC-1,1,Bolts,100,0.12\n"))
                .singleElement().satisfies(o -> assertThat(o.supplierEmail()).isNull());
        assertBad(header + "PO-7,Acme,,EUR,CC-1,1,Bolts,100,0.12,accounts at acme\n", 2, "supplierEmail",
                "one e-mail address");
        assertBad(header + "PO-7,Acme,,EUR,CC-1,1,Bolts,100,0.12,a@acme.example\n"
                + "PO-7,Acme,,EUR,CC-1,2,Nuts,100,0.05,b@acme.example\n", 3, "supplierName", "supplier e-mail");
        assertBad("orderNumber,x\n", 1, "$", "(optionally ending in ,supplierEmail)");
    }

    @Test
    void badRowsNameLineAndColumn() {
        assertBad(HEADER + "PO-1,S,,EUR,CC,1,Thing,1,1\nPO-1,S,,EUR,CC,2,Thing,ten,1\n", 3, "quantity", "number");
        assertBad(HEADER + "PO-1,S,,euro,CC,1,Thing,1,1\n", 2, "currency", "ISO 4217");
        assertBad(HEADER + "PO-1,S,,EUR,CC,0,Thing,1,1\n", 2, "line", "whole number");
        assertBad(HEADER + "PO-1,S,,EUR,CC,1,Thing,1,-1\n", 2, "unitPrice", "negative");
        assertBad(HEADER + "PO-1,S,,EUR,CC,1,Thing,1,1\nPO-1,S,,EUR,CC,1,Other,1,1\n", 3, "line", "twice");
        assertBad(HEADER + "PO-1,S,,EUR,CC,1,Thing,1,1\nPO-1,T,,EUR,CC,2,Other,1,1\n", 3, "supplierName", "same");
        assertBad(HEADER + "PO 1,S,,EUR,CC,1,Thing,1,1\n", 2, "orderNumber", "letters");
        assertBad(HEADER + "PO-1,S,,EUR,CC,1,\"Thing,1,1\n", 2, "$", "unterminated");
        assertBad(HEADER + "PO-1,S,,EUR,CC,1,Thing,1\n", 2, "$", "expected 9 fields");
        assertBad("number,name\n", 1, "$", "header must be");
        assertBad("", 1, "$", "empty");
        assertThatThrownBy(() -> PurchasingCsv.receipts("receiptId,orderNumber,line,quantity,receivedOn\n"
                + "GR-1,PO-1,1,5,26.11.2026\n"))
                .isInstanceOfSatisfying(PurchasingImportException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo("receivedOn");
                    assertThat(e.what()).isEqualTo("goods receipt");
                });
    }

    private static void assertBad(String csv, int line, String column, String message) {
        assertThatThrownBy(() -> PurchasingCsv.orders(csv)).as(csv)
                .isInstanceOfSatisfying(PurchasingImportException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    private static String read(String resource) throws IOException {
        return new String(new ClassPathResource(resource).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
