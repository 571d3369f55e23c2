package io.stratum.scale;

import io.stratum.action.payment.Iban;
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
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invoices for the cluster test that can go straight through to payment: the product's synthetic PDFs with a purchase
 * order reference, a total within the no-touch limit of invoice-approval.dmn and dates in the past (so the payment
 * timer fires at once). Their orders and goods receipts are imported over REST, and each seller's IBAN has been paid
 * before (an executed payment on record: the customer's history), so the payee check trusts it.
 */
final class ClusterInvoices {

    static final String BOUNDARY = "cluster-invoice-boundary";
    /** The no-touch limit of invoice-approval.dmn, in the base currency (EUR). Other currencies
     * are converted at rates the operator maintains, so only base-currency invoices are drawn. */
    private static final BigDecimal NO_TOUCH_LIMIT = new BigDecimal("1000");
    private static final String BASE_CURRENCY = "EUR";
    private static final Pattern ORDER_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");

    final List<byte[]> pdfs = new ArrayList<>();
    final List<InvoiceFields> truths = new ArrayList<>();
    /** Document ids of the accepted uploads, as answered. */
    final List<String> accepted = new CopyOnWriteArrayList<>();
    /** Where the unpaid ones wait (task or event id → count), from the last assertion. */
    final Map<String, Integer> waitingAt = new TreeMap<>();

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
            if (t.purchaseOrderRef() != null && ORDER_KEY.matcher(t.purchaseOrderRef()).matches()
                    && BASE_CURRENCY.equals(t.currency())
                    && t.total().signum() > 0 && t.total().compareTo(NO_TOUCH_LIMIT) <= 0
                    && t.issueDate().isBefore(pastOnly) && (t.dueDate() == null || t.dueDate().isBefore(pastOnly))
                    && !t.lines().isEmpty() && t.lines().stream().allMatch(ClusterInvoices::orderable)
                    && t.sellerIban() != null && orders.add(t.purchaseOrderRef())
                    && sellers.add(sellerKey(t.sellerName()))) {
                pdfs.add(g.pdf());
                truths.add(t);
            }
        }
    }

    /** An order line the purchase-order import accepts: the generator also draws credit notes and discount rows. */
    private static boolean orderable(InvoiceFields.LineItem l) {
        return l.quantity().signum() > 0 && l.unitPrice().signum() >= 0;
    }

    /** Orders and receipts over REST (as analyst); the sellers' earlier payments straight into the database. */
    void prepare(Node node, JdbcClient db) {
        StringBuilder orders = new StringBuilder(
                "orderNumber,supplierName,supplierVatId,currency,costCentre,line,description,quantity,unitPrice\n");
        StringBuilder receipts = new StringBuilder("receiptId,orderNumber,line,quantity,receivedOn\n");
        for (InvoiceFields t : truths) {
            for (int i = 0; i < t.lines().size(); i++) {
                InvoiceFields.LineItem l = t.lines().get(i);
                orders.append(String.join(",", t.purchaseOrderRef(), csv(t.sellerName()), "", t.currency(),
                        "CC-CLUSTER", String.valueOf(i + 1), csv(l.description()), l.quantity().toPlainString(),
                        l.unitPrice().toPlainString())).append('\n');
                receipts.append(String.join(",", "GR-" + t.purchaseOrderRef() + "-" + (i + 1),
                        t.purchaseOrderRef(), String.valueOf(i + 1), l.quantity().toPlainString(),
                        t.issueDate().toString())).append('\n');
            }
        }
        for (String[] call : List.of(new String[]{"/api/purchase-orders/import", orders.toString()},
                new String[]{"/api/goods-receipts/import", receipts.toString()})) {
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

    /**
     * Every accepted upload: one document, one process instance, ended or waiting at a person's task, no incident; at
     * most one payment, ledger entry and pain.001 each, and exactly one of each for those that were paid.
     *
     * @return how many were paid
     */
    int assertEachOnceAndPaidOnce(JdbcClient db) {
        assertThat(Set.copyOf(accepted)).as("one document per uploaded invoice").hasSize(pdfs.size());
        int paid = 0;
        waitingAt.clear();
        for (String documentId : accepted) {
            List<Map<String, Object>> instances = db.sql("""
                    SELECT p.id_, p.end_time_ FROM act_hi_procinst p JOIN act_re_procdef d ON d.id_ = p.proc_def_id_
                    WHERE d.key_ = 'invoice-processing' AND p.business_key_ = ?""").param(documentId).query().listOfRows();
            assertThat(instances).as("instances of invoice " + documentId).hasSize(1);
            String pi = (String) instances.get(0).get("id_");
            assertThat(db.sql("SELECT process_instance_id FROM document WHERE id = ?").param(documentId)
                    .query(String.class).single()).isEqualTo(pi);
            List<Map<String, Object>> payments = db.sql("SELECT id, status, pain001, ledger_entry_id, execution_date"
                    + " FROM payment WHERE invoice_key = ?").param(documentId).query().listOfRows();
            assertThat(payments).as("payments of invoice " + documentId).hasSizeLessThanOrEqualTo(1);
            if (instances.get(0).get("end_time_") == null) {
                // Still running: at a person's task, or at the payment timer of a date still to come (a payment
                // planned for later, e.g. a due date read as in the future), with that payment scheduled
                List<String> waitsAt = db.sql("SELECT act_id_ FROM act_ru_execution WHERE proc_inst_id_ = ? AND"
                        + " act_id_ IS NOT NULL").param(pi).query(String.class).list();
                List<Map<String, Object>> dueJobs = db.sql("SELECT type_, duedate_, retries_, lock_owner_ FROM"
                        + " act_ru_job WHERE process_instance_id_ = ?").param(pi).query().listOfRows();
                boolean atTask = db.sql("SELECT count(*) FROM act_ru_task WHERE proc_inst_id_ = ?").param(pi)
                        .query(Integer.class).single() == 1;
                boolean atLaterPayment = waitsAt.contains("Event_PaymentDate") && payments.size() == 1
                        && "SCHEDULED".equals(payments.get(0).get("status")) && dueJobs.size() == 1
                        && ((Timestamp) dueJobs.get(0).get("duedate_")).toInstant().isAfter(Instant.now());
                assertThat(atTask || atLaterPayment).as("invoice " + documentId + " still running at " + waitsAt
                        + ", jobs " + dueJobs + ", payment " + payments + ": waits for a person or a later"
                        + " payment date").isTrue();
                waitsAt.forEach(at -> waitingAt.merge(at, 1, Integer::sum));
            }
            boolean isPaid = "PAID".equals(db.sql("SELECT text_ FROM act_hi_varinst WHERE proc_inst_id_ = ? AND"
                    + " name_ = 'outcome'").param(pi).query(String.class).optional().orElse(null));
            if (isPaid) {
                paid++;
                assertThat(payments).as("payment of paid invoice " + documentId).hasSize(1);
                Map<String, Object> p = payments.get(0);
                assertThat(p.get("status")).isEqualTo("EXECUTED");
                assertThat((String) p.get("pain001")).contains("pain.001");
                assertThat(db.sql("SELECT count(*) FROM ledger_entry WHERE payment_id = ?").param(p.get("id"))
                        .query(Integer.class).single()).as("ledger entries of " + p.get("id")).isEqualTo(1);
                assertThat(db.sql("SELECT count(*) FROM outbox_message WHERE idempotency_key = ?")
                        .param("remittance:" + documentId).query(Integer.class).single()).isLessThanOrEqualTo(1);
            }
        }
        assertThat(db.sql("SELECT count(*) FROM (SELECT payment_id FROM ledger_entry GROUP BY payment_id HAVING"
                + " count(*) > 1) d").query(Integer.class).single()).as("payments booked twice").isZero();
        assertThat(paid).as("invoices paid straight through").isPositive();
        return paid;
    }

    /** As InvoiceRegister keys sellers: letters and digits, lower case. */
    private static String sellerKey(String sellerName) {
        return sellerName.replaceAll("[^\\p{L}\\p{N}]", "").toLowerCase(Locale.ROOT);
    }

    private static String csv(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
