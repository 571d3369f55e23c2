package io.stratum.scale;

import io.stratum.action.payment.Iban;
import io.stratum.action.purchasing.OrderFiles;
import io.stratum.ingestion.document.TestDocuments;
import io.stratum.intelligence.invoice.InvoiceFields;
import io.stratum.intelligence.invoice.synthetic.InvoiceGenerator;
import io.stratum.scale.ClusterNodes.Node;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invoices for the cluster test: the product's synthetic PDFs with a purchase order reference and dates in the past
 * (so the payment timer fires at once). Most total within the no-touch limit of invoice-approval.dmn and can go
 * straight through to payment; every tenth is an investment ({@code CAPEX}) of at least 1,000, which the table gives
 * two different approvers (four-eyes). Their orders and goods receipts are imported over REST, and each seller's IBAN
 * has been paid before (an executed payment on record: the customer's history), so the payee check trusts it.
 */
final class ClusterInvoices {

    static final String BOUNDARY = "cluster-invoice-boundary";
    /** The no-touch limit of invoice-approval.dmn, in the base currency (EUR), and where four-eyes starts for
     * investments. Other currencies are converted at rates the operator maintains, so only base-currency invoices
     * are drawn. */
    private static final BigDecimal NO_TOUCH_LIMIT = new BigDecimal("1000");
    private static final String BASE_CURRENCY = "EUR";
    static final String INVESTMENT = "CAPEX";
    private static final Pattern ORDER_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");

    final List<byte[]> pdfs = new ArrayList<>();
    final List<InvoiceFields> truths = new ArrayList<>();
    final List<String> costCentres = new ArrayList<>();
    /** Document ids of the accepted uploads, as answered. */
    final List<String> accepted = new CopyOnWriteArrayList<>();
    private final Map<String, InvoiceFields> truthByDocument = new ConcurrentHashMap<>();

    ClusterInvoices(int count, long seed) {
        InvoiceGenerator generator = new InvoiceGenerator(seed);
        LocalDate pastOnly = LocalDate.now().minusDays(90);
        Set<String> orders = new HashSet<>();
        Set<String> sellers = new HashSet<>();
        for (int drawn = 0; pdfs.size() < count; drawn++) {
            if (drawn > count * 400) {
                throw new IllegalStateException("the generator gave only " + pdfs.size() + " suitable invoices");
            }
            InvoiceGenerator.Generated g = generator.next();
            InvoiceFields t = g.truth();
            boolean investment = pdfs.size() % 10 == 9;
            if (t.purchaseOrderRef() != null && ORDER_KEY.matcher(t.purchaseOrderRef()).matches()
                    && BASE_CURRENCY.equals(t.currency())
                    && t.total().signum() > 0 && (investment ? t.total().compareTo(NO_TOUCH_LIMIT) >= 0
                    : t.total().compareTo(NO_TOUCH_LIMIT) <= 0)
                    && t.issueDate().isBefore(pastOnly) && (t.dueDate() == null || t.dueDate().isBefore(pastOnly))
                    && !t.lines().isEmpty() && t.lines().stream().allMatch(ClusterInvoices::orderable)
                    && t.sellerIban() != null && orders.add(t.purchaseOrderRef())
                    && sellers.add(sellerKey(t.sellerName()))) {
                pdfs.add(g.pdf());
                truths.add(t);
                costCentres.add(investment ? INVESTMENT : "CC-CLUSTER");
            }
        }
    }

    /** An order line the purchase-order import accepts: the generator also draws credit notes and discount rows. */
    private static boolean orderable(InvoiceFields.LineItem l) {
        return l.quantity().signum() > 0 && l.unitPrice().signum() >= 0;
    }

    /** Orders and receipts over REST (as analyst); the sellers' earlier payments straight into the database. */
    void prepare(Node node, JdbcClient db) {
        OrderFiles files = OrderFiles.of(truths, costCentres::get);
        for (String[] call : List.of(new String[]{"/api/purchase-orders/import", files.orders()},
                new String[]{"/api/goods-receipts/import", files.receipts()})) {
            HttpResponse<String> res = node.call("POST", call[0], "analyst", "text/csv",
                    call[1].getBytes(StandardCharsets.UTF_8));
            assertThat(res).as(call[0]).isNotNull();
            assertThat(res.statusCode()).as(call[0] + ": " + res.body()).isEqualTo(200);
        }
        Timestamp longAgo = Timestamp.from(Instant.now().minusSeconds(400L * 86400));
        for (int i = 0; i < truths.size(); i++) {
            InvoiceFields t = truths.get(i);
            String documentId = "history-" + i;
            db.sql("""
                    INSERT INTO invoice_register (document_id, seller_key, number_key, amount, currency, seller_name,
                        invoice_number, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(documentId, sellerKey(t.sellerName()), "HIST" + i, BigDecimal.TEN, t.currency(),
                            t.sellerName(), "HIST-" + i, longAgo).update();
            db.sql("""
                    INSERT INTO payment (id, invoice_key, creditor_name, creditor_iban, invoice_amount, discount, amount,
                        currency, execution_date, decision, status, created_at, executed_at)
                    VALUES (?, ?, ?, ?, 10, 0, 10, ?, ?, 'history', 'EXECUTED', ?, ?)""")
                    .params("HIST-" + i, documentId, t.sellerName(), Iban.normalise(t.sellerIban()), t.currency(),
                            longAgo.toLocalDateTime().toLocalDate(), longAgo, longAgo).update();
        }
    }

    static byte[] multipart(byte[] pdf, String fileName) {
        return TestDocuments.multipart(BOUNDARY, "file", fileName, "application/pdf", pdf);
    }

    /** The upload of PDF {@code index} was answered with this document id. */
    void accepted(int index, String documentId) {
        truthByDocument.put(documentId, truths.get(index));
        accepted.add(documentId);
    }

    /** What the document really says (what a person verifying it enters). */
    InvoiceFields truthOf(String documentId) {
        InvoiceFields t = truthByDocument.get(documentId);
        if (t == null) {
            throw new IllegalStateException("no upload answered with document " + documentId);
        }
        return t;
    }

    /**
     * Every accepted upload: one document, one process instance, completed and paid (the people accept and approve
     * everything), no incident; exactly one executed payment with its pain.001, one ledger entry and one remittance
     * notice each; whoever approved under four-eyes, two different people.
     *
     * @return how many were paid under four-eyes
     */
    int assertEachOnceAndPaidOnce(JdbcClient db) {
        assertThat(Set.copyOf(accepted)).as("one document per uploaded invoice").hasSize(pdfs.size());
        int fourEyes = 0;
        for (String documentId : accepted) {
            List<Map<String, Object>> instances = db.sql("""
                    SELECT p.id_, p.state_ FROM act_hi_procinst p JOIN act_re_procdef d ON d.id_ = p.proc_def_id_
                    WHERE d.key_ = 'invoice-processing' AND p.business_key_ = ?""").param(documentId).query().listOfRows();
            assertThat(instances).as("instances of invoice " + documentId).hasSize(1);
            String pi = (String) instances.get(0).get("id_");
            assertThat(db.sql("SELECT process_instance_id FROM document WHERE id = ?").param(documentId)
                    .query(String.class).single()).isEqualTo(pi);
            List<String> waitsAt = db.sql("SELECT act_id_ FROM act_ru_execution WHERE proc_inst_id_ = ? AND act_id_ IS"
                    + " NOT NULL").param(pi).query(String.class).list();
            assertThat(instances.get(0).get("state_")).as("invoice " + documentId + " (still at " + waitsAt + ")")
                    .isEqualTo("COMPLETED");
            assertThat(variable(db, pi, "outcome")).as("outcome of invoice " + documentId + ": "
                    + variable(db, pi, "outcomeMessage")).isEqualTo("PAID");
            List<Map<String, Object>> payments = db.sql("SELECT id, status, pain001 FROM payment WHERE invoice_key = ?")
                    .param(documentId).query().listOfRows();
            assertThat(payments).as("payments of invoice " + documentId).hasSize(1);
            Map<String, Object> p = payments.get(0);
            assertThat(p.get("status")).isEqualTo("EXECUTED");
            assertThat((String) p.get("pain001")).contains("pain.001");
            assertThat(db.sql("SELECT count(*) FROM ledger_entry WHERE payment_id = ?").param(p.get("id"))
                    .query(Integer.class).single()).as("ledger entries of " + p.get("id")).isEqualTo(1);
            assertThat(db.sql("SELECT count(*) FROM outbox_message WHERE idempotency_key = ?")
                    .param("remittance:" + documentId).query(Integer.class).single()).as("remittance notices")
                    .isEqualTo(1);
            if ("true".equals(variable(db, pi, "fourEyes"))) {
                fourEyes++;
                assertThat(variable(db, pi, "approvedBy")).as("four-eyes approvers of " + documentId)
                        .isIn("approver, approver2", "approver2, approver");
            }
        }
        assertThat(db.sql("SELECT count(*) FROM (SELECT payment_id FROM ledger_entry GROUP BY payment_id HAVING"
                + " count(*) > 1) d").query(Integer.class).single()).as("payments booked twice").isZero();
        assertThat(fourEyes).as("investments approved by two people").isPositive();
        return fourEyes;
    }

    /** A process-level variable's value as text (history keeps booleans in long_). */
    private static String variable(JdbcClient db, String pi, String name) {
        return db.sql("SELECT CASE WHEN var_type_ = 'boolean' THEN CASE WHEN long_ = 1 THEN 'true' ELSE 'false' END"
                + " ELSE text_ END FROM act_hi_varinst WHERE proc_inst_id_ = ? AND execution_id_ = proc_inst_id_ AND name_ = ?")
                .params(pi, name)
                .query(String.class).optional().orElse(null);
    }

    /** As InvoiceRegister keys sellers: letters and digits, lower case. */
    private static String sellerKey(String sellerName) {
        return sellerName.replaceAll("[^\\p{L}\\p{N}]", "").toLowerCase(Locale.ROOT);
    }
}
