package io.stratum.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.ServerCalls;
import io.stratum.action.payment.ExecutedPayment;
import io.stratum.action.payment.InvalidPaymentException;
import io.stratum.action.payment.PaymentInstruction;
import io.stratum.action.payment.PaymentNotFoundException;
import io.stratum.action.payment.PaymentSettings;
import io.stratum.action.payment.Payments;
import io.stratum.action.payment.ScheduledPayment;
import io.stratum.action.purchasing.InvoiceToMatch;
import io.stratum.action.purchasing.MatchReport;
import io.stratum.action.purchasing.PurchaseOrders;
import io.stratum.ingestion.IngestionHttpTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Purchase orders (demo records, CSV import, look-up, match) and payments on the server's database, over HTTP. */
@IngestionHttpTest
class InvoiceActionApiTests {

    static final MediaType CSV = MediaType.parseMediaType("text/csv");
    static final String ORDER_HEADER =
            "orderNumber,supplierName,supplierVatId,currency,costCentre,line,description,quantity,unitPrice\n";
    static final String RECEIPT_HEADER = "receiptId,orderNumber,line,quantity,receivedOn\n";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    PurchaseOrders orders;
    @Autowired
    Payments payments;
    @Autowired
    PaymentSettings paymentSettings;

    private ResponseEntity<String> post(String user, String path, String csv) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(CSV);
        return rest.withBasicAuth(user, user).postForEntity(path, new HttpEntity<>(csv, headers), String.class);
    }

    private ResponseEntity<String> get(String user, String path) {
        return rest.withBasicAuth(user, user).getForEntity(path, String.class);
    }

    @Test
    void demoOrdersAnswerTheCorpusInvoices() {
        JsonNode view = ServerCalls.parse(get("approver", "/api/purchase-orders/2018-471331").getBody());
        assertThat(view.at("/order/supplierName").asText()).isEqualTo("Lieferant GmbH");
        assertThat(view.at("/order/lines")).hasSize(4);
        assertThat(view.at("/receipts")).hasSize(5);
        assertThat(orders.find("B123456789")).hasValueSatisfying(o -> assertThat(o.lines()).hasSize(6));

        // The second partial invoice of order 2018-471331: 4 kg, received in two deliveries.
        MatchReport clean = orders.match(new InvoiceToMatch("2018-471331", "Lieferant GmbH", "EUR",
                new BigDecimal("22.00"), List.of(new InvoiceToMatch.Line("Schweinesteak", new BigDecimal("4"),
                new BigDecimal("5.50"), new BigDecimal("22.00")))));
        assertThat(clean.orderFound()).isTrue();
        assertThat(clean.findings()).isEmpty();
        MatchReport missing = orders.match(new InvoiceToMatch("NO-SUCH-PO", "X", "EUR", BigDecimal.ONE, List.of()));
        assertThat(missing.orderFound()).isFalse();
    }

    @Test
    void importedOrdersAndReceiptsAreReadBack() {
        String po = "PO-T-" + UUID.randomUUID().toString().substring(0, 8);
        String orderCsv = ORDER_HEADER + po + ",Test Supplies Ltd,GB987654321,EUR,CC-900,1,\"Cable, 5 m\",10,4.20\n"
                + po + ",Test Supplies Ltd,GB987654321,EUR,CC-900,2,Plug,10,1.10\n";
        ResponseEntity<String> first = post("analyst", "/api/purchase-orders/import", orderCsv);
        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(200);
        assertThat(ServerCalls.parse(first.getBody()).path("created").asInt()).isEqualTo(1);
        JsonNode again = ServerCalls.parse(post("demo", "/api/purchase-orders/import", orderCsv).getBody());
        assertThat(again.path("updated").asInt()).isEqualTo(1);

        String receipts = RECEIPT_HEADER + po + "-R1," + po + ",1,6,2026-11-20\n"
                + po + "-R2," + po + ",1,4,2026-11-24\n";
        assertThat(post("analyst", "/api/goods-receipts/import", receipts).getStatusCode().value()).isEqualTo(200);
        assertThat(post("analyst", "/api/goods-receipts/import", receipts).getStatusCode().value()).isEqualTo(200);

        JsonNode view = ServerCalls.parse(get("auditor", "/api/purchase-orders/" + po).getBody());
        assertThat(view.at("/order/costCentre").asText()).isEqualTo("CC-900");
        assertThat(view.at("/order/lines/0/description").asText()).isEqualTo("Cable, 5 m");
        assertThat(view.at("/order/lines/0/unitPrice").decimalValue()).isEqualByComparingTo("4.20");
        assertThat(view.at("/receipts")).as("importing the same receipts twice counts once").hasSize(2);
        assertThat(view.at("/receipts/1/receivedOn").asText()).isEqualTo("2026-11-24");
        assertThat(get("approver", "/api/purchase-orders/NO-SUCH-PO").getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void badRowsAreProblemsNamingLineAndColumn() {
        String po = "PO-BAD-" + UUID.randomUUID().toString().substring(0, 8);
        ResponseEntity<String> res = post("analyst", "/api/purchase-orders/import", ORDER_HEADER
                + po + ",S,,EUR,CC,1,Thing,1,1.00\n" + po + ",S,,EUR,CC,2,Other,lots,1.00\n");
        assertThat(res.getStatusCode().value()).isEqualTo(400);
        assertThat(res.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = ServerCalls.parse(res.getBody());
        assertThat(problem.path("title").asText()).isEqualTo("Invalid purchase order CSV");
        assertThat(problem.path("line").asInt()).isEqualTo(3);
        assertThat(problem.path("column").asText()).isEqualTo("quantity");
        assertThat(problem.path("detail").asText()).contains("line 3", "quantity");
        assertThat(get("demo", "/api/purchase-orders/" + po).getStatusCode().value()).as("nothing imported")
                .isEqualTo(404);

        JsonNode receipt = ServerCalls.parse(post("analyst", "/api/goods-receipts/import", RECEIPT_HEADER
                + "GR-X1,B123456789,1,1,2026-11-20\nGR-X2," + po + ",1,1,2026-11-20\n").getBody());
        assertThat(receipt.path("title").asText()).isEqualTo("Invalid goods receipt CSV");
        assertThat(receipt.path("line").asInt()).isEqualTo(3);
        assertThat(receipt.path("column").asText()).isEqualTo("orderNumber");
        assertThat(orders.receipts("B123456789")).as("all or nothing").hasSize(6);

        ResponseEntity<String> latin1 = rest.withBasicAuth("demo", "demo").postForEntity(
                "/api/purchase-orders/import", new HttpEntity<>((ORDER_HEADER + "P,S\u00fc,,EUR,C,1,T,1,1\n")
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), csvHeaders()), String.class);
        assertThat(latin1.getStatusCode().value()).isEqualTo(400);
        assertThat(ServerCalls.parse(latin1.getBody()).path("detail").asText()).contains("UTF-8");

        // Over stratum.action.purchasing.max-import-size (2 MB): a 413 problem, nothing read past the limit
        ResponseEntity<String> tooLarge = rest.withBasicAuth("demo", "demo").postForEntity(
                "/api/purchase-orders/import", new HttpEntity<>(ORDER_HEADER + "x".repeat(2 * 1024 * 1024),
                        csvHeaders()), String.class);
        assertThat(tooLarge.getStatusCode().value()).isEqualTo(413);
        assertThat(tooLarge.getHeaders().getContentType())
                .isEqualTo(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(ServerCalls.parse(tooLarge.getBody()).path("limitBytes").asLong()).isEqualTo(2 * 1024 * 1024);
    }

    @Test
    void aPaymentIsPlannedExecutedOnceAndReadable() throws Exception {
        String invoiceKey = "doc-" + UUID.randomUUID();
        LocalDate issued = LocalDate.now().minusDays(2);
        PaymentInstruction in = new PaymentInstruction(invoiceKey, "MUSTER-Autovermietung", "DE02120300000000202051",
                new BigDecimal("340.96"), "EUR", "9314110911/00/M/00/N", issued, issued.plusDays(30),
                new BigDecimal("3"), 14, null);
        ScheduledPayment planned = payments.schedule(in);
        assertThat(planned.executionDate()).isEqualTo(issued.plusDays(14));
        assertThat(planned.amount()).isEqualByComparingTo("330.73");
        assertThat(payments.schedule(in)).isEqualTo(planned);

        ExecutedPayment done = payments.execute(planned.paymentId());
        ExecutedPayment again = payments.execute(planned.paymentId());
        assertThat(done.alreadyExecuted()).isFalse();
        assertThat(again.alreadyExecuted()).isTrue();
        assertThat(again.ledgerEntryId()).isEqualTo(done.ledgerEntryId());
        assertThat(done.endToEndId()).isEqualTo("9314110911/00/M/00/N");
        String file = Files.readString(paymentSettings.outbox().resolve(done.messageId() + ".xml"));
        assertThat(file).contains("<MsgId>" + done.messageId() + "</MsgId>", "330.73");

        JsonNode json = ServerCalls.parse(get("auditor", "/api/payments/" + planned.paymentId()).getBody());
        assertThat(json.path("status").asText()).isEqualTo("EXECUTED");
        assertThat(json.path("discount").decimalValue()).isEqualByComparingTo("10.23");
        assertThat(json.path("decision").asText()).contains("Discount of 3 % taken");
        assertThat(json.path("ledgerEntryId").asLong()).isEqualTo(done.ledgerEntryId());
        assertThat(ServerCalls.parse(get("approver", "/api/payments?invoiceKey=" + invoiceKey).getBody())
                .path("id").asText()).isEqualTo(planned.paymentId());
        ResponseEntity<String> xml = get("analyst", "/api/payments/" + planned.paymentId() + "/pain001");
        assertThat(xml.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_XML)).isTrue();
        assertThat(xml.getBody()).isEqualTo(file);
        assertThat(get("auditor", "/api/payments/PAY-NONE").getStatusCode().value()).isEqualTo(404);

        assertThatThrownBy(() -> payments.execute("PAY-NONE")).isInstanceOf(PaymentNotFoundException.class);
        assertThatThrownBy(() -> payments.schedule(new PaymentInstruction("doc-bad", "X", "DE00120300000000202051",
                BigDecimal.TEN, "EUR", null, null, null, null, 0, null)))
                .isInstanceOf(InvalidPaymentException.class).hasMessageContaining("creditorIban");
    }

    private static HttpHeaders csvHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(CSV);
        return headers;
    }
}
