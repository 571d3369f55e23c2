package io.stratum.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stratum.StratumApplication;
import io.stratum.action.purchasing.OrderFiles;
import io.stratum.ingestion.document.TestDocuments;
import io.stratum.intelligence.invoice.InvoiceFields;
import io.stratum.intelligence.invoice.synthetic.InvoiceGenerator;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * {@code ./stratum bench invoice-throughput [--invoices 40] [--clients 2] [--seed 1]}: invoices per minute end to end
 * on the straight-through path, on the embedded default (H2 file database, history FULL, job executor on, production
 * thresholds and models). Invoices are the product's own synthetic ones ({@link InvoiceGenerator}), text-layer PDFs,
 * picked so that they can go straight through: with a purchase order reference, a total within the no-touch limit of
 * {@code invoice-approval.dmn} (1,000) and dates in the past (so the payment date is today and the payment timer
 * fires at once). Before the clock starts, each one's purchase order (supplier, currency, the invoice's lines at the
 * invoice's prices) and full goods receipts are imported over REST.
 * <p>
 * No-touch pays only to an IBAN already paid to the seller, so trust is established first the way a customer's
 * history would: the warm-up uploads one earlier invoice of each measured seller (same name, VAT id and IBAN,
 * {@link InvoiceGenerator#nextFrom}); it stops at ApproveInvoice with the "bank details not seen before" warning, the
 * bench approves it as user {@code approver} (after verifying it as {@code analyst} with the values on the page when
 * the extraction was unsure) and waits until it is paid. Only then are the measured invoices uploaded
 * by {@code POST /api/invoices} from {@code --clients} threads and followed through extraction, duplicate check,
 * 3-way match, payee check, the approval table's no-touch rule, payment plan, timer, pain.001 + ledger and remittance
 * notice. A measured instance that stops at a user task (the extraction was unsure, a discrepancy, bank details not
 * trusted) is counted as not straight through, never answered.
 * <p>
 * Reported: paid invoices per minute (paid / time from the first upload to the last payment), CPU seconds of this
 * JVM (server and clients) per uploaded invoice, p50/p95 from upload to paid, and where the others stopped.
 */
@SpringBootTest(classes = StratumApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"stratum.data-dir=target/bench/invoice-throughput-data",
                "spring.datasource.url=jdbc:h2:file:./target/bench/invoice-throughput-data/db/stratum",
                "stratum.intelligence.bootstrap-cache=target/bootstrap-cache",
                "camunda.bpm.job-execution.enabled=true",
                "logging.level.root=WARN"})
class InvoiceThroughputBench {

    /** The no-touch limit of invoice-approval.dmn, rule 0, in the base currency (EUR). Other
     * currencies are converted at rates the operator maintains, so only base-currency invoices are drawn. */
    static final BigDecimal NO_TOUCH_LIMIT = new BigDecimal("1000");
    static final String BASE_CURRENCY = "EUR";
    private static final Pattern ORDER_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");
    private static final String BOUNDARY = "bench-invoice-boundary";

    @LocalServerPort
    int port;
    @Autowired
    HistoryService history;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;

    @Test
    void measure() throws Exception {
        Map<String, String> args = BenchArgs.parse(System.getProperty("bench.args", ""));
        int invoices = Integer.parseInt(args.getOrDefault("invoices", "40"));
        int clients = Integer.parseInt(args.getOrDefault("clients", "2"));
        long seed = Long.parseLong(args.getOrDefault("seed", String.valueOf(System.currentTimeMillis())));

        // Pairs: an earlier invoice of the seller (to be approved by a person), then the measured one
        List<InvoiceGenerator.Generated> all = straightThroughCandidates(seed, invoices);
        HttpClient setup = HttpClient.newHttpClient();
        importOrders(setup, all);
        List<InvoiceGenerator.Generated> earlier = new ArrayList<>();
        List<InvoiceGenerator.Generated> measuredSet = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            (i % 2 == 0 ? earlier : measuredSet).add(all.get(i));
        }

        Run warm = run("warm-up", earlier, clients, true);
        Run measured = run("measured", measuredSet, clients, false);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("invoices", invoices);
        result.put("clients", clients);
        result.put("seed", seed);
        result.put("paid", measured.paid);
        result.put("straight_through_share", round(measured.paid / (double) invoices, 3));
        result.put("per_minute", round(measured.perMinute(), 2));
        result.put("cpu_s_per_invoice", round(measured.cpuSeconds / invoices, 3));
        result.put("wall_s", round(measured.wallSeconds, 1));
        result.put("p50_upload_to_paid_s", round(measured.percentile(0.50), 2));
        result.put("p95_upload_to_paid_s", round(measured.percentile(0.95), 2));
        result.put("stopped_at", measured.stoppedAt);
        result.put("warmup_paid", warm.paid); // sellers whose bank details a person approved and that were paid
        result.put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        System.out.printf("%n%-28s %12s%n", "invoice-throughput", "value");
        System.out.printf("%-28s %12d%n", "invoices uploaded", invoices);
        System.out.printf("%-28s %12d%n", "paid straight through", measured.paid);
        System.out.printf("%-28s %12.2f%n", "paid invoices per minute", measured.perMinute());
        System.out.printf("%-28s %12.3f%n", "CPU s per invoice", measured.cpuSeconds / invoices);
        System.out.printf("%-28s %12.2f%n", "p50 upload to paid (s)", measured.percentile(0.50));
        System.out.printf("%-28s %12.2f%n", "p95 upload to paid (s)", measured.percentile(0.95));
        System.out.printf("%-28s %12.1f%n", "wall s", measured.wallSeconds);
        System.out.printf("%-28s %12s%n", "stopped at a person", measured.stoppedAt);
        Path out = Path.of("target", "bench", "invoice-throughput.json");
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
        System.out.printf("RESULT invoice-throughput per_minute=%.2f cpu_s_per_invoice=%.3f p50_s=%.2f p95_s=%.2f"
                        + " paid=%d/%d%n", measured.perMinute(), measured.cpuSeconds / invoices,
                measured.percentile(0.50), measured.percentile(0.95), measured.paid, invoices);
    }

    /**
     * n pairs of generated invoices that can be paid without a person once their order is on record and the seller's
     * IBAN is trusted: [earlier invoice of seller 1, measured invoice of seller 1, earlier of seller 2, ...]. Unique
     * order numbers.
     */
    static List<InvoiceGenerator.Generated> straightThroughCandidates(long seed, int n) {
        InvoiceGenerator generator = new InvoiceGenerator(seed);
        LocalDate pastOnly = LocalDate.now().minusDays(90);
        Set<String> orders = new HashSet<>();
        List<InvoiceGenerator.Generated> out = new ArrayList<>();
        for (int drawn = 0; out.size() < 2 * n; drawn++) {
            if (drawn > n * 400) {
                throw new IllegalStateException("the generator gave only " + out.size() / 2 + " suitable pairs");
            }
            InvoiceGenerator.Generated measured = generator.next();
            if (!suitable(measured.truth(), pastOnly, orders)) {
                continue;
            }
            for (int tries = 0; tries < 200; tries++) {
                InvoiceGenerator.Generated first = generator.nextFrom(measured.truth());
                if (suitable(first.truth(), pastOnly, orders)) {
                    out.add(first);
                    out.add(measured);
                    break;
                }
            }
        }
        return out;
    }

    private static boolean suitable(InvoiceFields t, LocalDate pastOnly, Set<String> orders) {
        return t.purchaseOrderRef() != null && ORDER_KEY.matcher(t.purchaseOrderRef()).matches()
                && BASE_CURRENCY.equals(t.currency())
                && t.total().signum() > 0 && t.total().compareTo(NO_TOUCH_LIMIT) <= 0
                && t.issueDate().isBefore(pastOnly)
                && (t.dueDate() == null || t.dueDate().isBefore(pastOnly)) && !t.lines().isEmpty()
                && !orders.contains(t.purchaseOrderRef()) && orders.add(t.purchaseOrderRef());
    }

    /** Each invoice's order (its lines at its prices) and a goods receipt for every line, over REST. */
    private void importOrders(HttpClient http, List<InvoiceGenerator.Generated> invoices) throws Exception {
        OrderFiles files = OrderFiles.of(invoices.stream().map(InvoiceGenerator.Generated::truth).toList(),
                n -> "CC-BENCH");
        for (String[] call : List.of(new String[]{"/api/purchase-orders/import", files.orders()},
                new String[]{"/api/goods-receipts/import", files.receipts()})) {
            HttpResponse<String> res = http.send(request(call[0]).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(call[1])).build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                throw new IllegalStateException(call[0] + " refused: " + res.statusCode() + " " + res.body());
            }
        }
    }

    /** What one run measured. */
    private static final class Run {
        int paid;
        double wallSeconds;
        double cpuSeconds;
        final List<Double> uploadToPaid = new ArrayList<>();
        final Map<String, Integer> stoppedAt = new TreeMap<>();

        double perMinute() {
            return wallSeconds == 0 ? 0 : paid / wallSeconds * 60;
        }

        double percentile(double p) {
            if (uploadToPaid.isEmpty()) {
                return Double.NaN;
            }
            List<Double> sorted = uploadToPaid.stream().sorted().toList();
            return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
        }
    }

    /**
     * Uploads the invoices from `clients` threads and waits until each is paid or waits for a person; with
     * {@code approve}, an ApproveInvoice task is approved by user approver (the person establishing trust) instead.
     */
    private Run run(String name, List<InvoiceGenerator.Generated> invoices, int clients, boolean approve)
            throws Exception {
        Map<String, Long> uploadedAt = new ConcurrentHashMap<>();
        Map<String, InvoiceFields> truths = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long cpuBefore = processCpuNanos();
        long start = System.currentTimeMillis();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                HttpClient http = HttpClient.newHttpClient();
                int i;
                while ((i = next.getAndIncrement()) < invoices.size()) {
                    long at = System.currentTimeMillis();
                    HttpResponse<String> res = http.send(request("/api/invoices")
                            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(TestDocuments.multipart(BOUNDARY, "file",
                                    "invoice-" + i + ".pdf", "application/pdf", invoices.get(i).pdf()))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (res.statusCode() != 202) {
                        throw new IllegalStateException("upload refused: " + res.statusCode() + " " + res.body());
                    }
                    JsonNode ids = new ObjectMapper().readTree(res.body());
                    truths.put(ids.path("processInstanceId").asText(), invoices.get(i).truth());
                    uploadedAt.put(ids.path("processInstanceId").asText(), at);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();

        Run run = new Run();
        long lastEnd = start;
        Set<String> open = new HashSet<>(uploadedAt.keySet());
        long idleSince = System.currentTimeMillis();
        while (!open.isEmpty()) {
            Thread.sleep(200);
            for (HistoricProcessInstance done : history.createHistoricProcessInstanceQuery()
                    .processInstanceIds(Set.copyOf(open)).finished().list()) {
                open.remove(done.getId());
                String outcome = variable(done.getId(), "outcome");
                if ("PAID".equals(outcome)) {
                    run.paid++;
                    run.uploadToPaid.add((done.getEndTime().getTime() - uploadedAt.get(done.getId())) / 1000.0);
                    lastEnd = Math.max(lastEnd, done.getEndTime().getTime());
                } else {
                    run.stoppedAt.merge("ended " + outcome, 1, Integer::sum);
                }
                idleSince = System.currentTimeMillis();
            }
            for (String pi : Set.copyOf(open)) {
                List<Task> waiting = tasks.createTaskQuery().processInstanceId(pi).list();
                if (approve && waiting.size() == 1 && answer(waiting.get(0), truths.get(pi))) {
                    idleSince = System.currentTimeMillis();
                    continue;
                }
                boolean failed = management.createJobQuery().processInstanceId(pi).withException().count() > 0;
                if (!waiting.isEmpty() || failed) {
                    open.remove(pi);
                    run.stoppedAt.merge(failed ? "failed job" : why(pi, waiting.get(0).getTaskDefinitionKey()), 1,
                            Integer::sum);
                    idleSince = System.currentTimeMillis();
                }
            }
            if (System.currentTimeMillis() - idleSince > 300_000) {
                throw new IllegalStateException(open.size() + " instances made no progress for 5 minutes");
            }
        }
        run.wallSeconds = (lastEnd - start) / 1000.0;
        run.cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
        System.out.printf("%-10s %3d uploaded, %3d paid in %6.1f s, %6.3f CPU s per invoice, stopped: %s%n", name,
                invoices.size(), run.paid, run.wallSeconds, run.cpuSeconds / invoices.size(), run.stoppedAt);
        return run;
    }

    /**
     * Warm-up only: the people establishing trust. An analyst verifies an unsure invoice with what is on the page
     * (the generator's truth), an approver approves it. Returns false for any other task (left unanswered).
     */
    private boolean answer(Task task, InvoiceFields truth) {
        var v = org.camunda.bpm.engine.variable.Variables.createVariables();
        switch (task.getTaskDefinitionKey()) {
            case "VerifyInvoice" -> {
                tasks.setAssignee(task.getId(), "analyst");
                v.putValue("invoiceNumber", truth.invoiceNumber()).putValue("issueDate", truth.issueDate().toString())
                        .putValue("sellerName", truth.sellerName()).putValue("sellerIban", truth.sellerIban())
                        .putValue("currency", truth.currency()).putValue("total", truth.total().doubleValue())
                        .putValue("purchaseOrderRef", truth.purchaseOrderRef());
            }
            case "ApproveInvoice" -> {
                tasks.setAssignee(task.getId(), "approver");
                v.putValue("approvalDecision", "approve");
            }
            default -> {
                return false;
            }
        }
        tasks.complete(task.getId(), v);
        return true;
    }

    /** The task an instance waits at, with the reason it did not go straight through. */
    private String why(String pi, String task) {
        Map<String, Object> v = runtime.getVariables(pi);
        String reason = switch (task) {
            case "VerifyInvoice" -> "unsure: " + v.get("invoiceUnsureFields");
            case "ResolveDiscrepancy" -> String.valueOf(v.get("toleranceNote"));
            case "ApproveInvoice" -> v.get("purchaseOrderRef") == null ? "no order reference read"
                    : v.get("withinTolerance") == null ? "order not matched"
                    : Boolean.FALSE.equals(v.get("bankDetailsTrusted")) ? "bank details not trusted"
                    : "total read as " + v.get("total");
            default -> "";
        };
        return task + " (" + reason + ")";
    }

    private String variable(String pi, String name) {
        HistoricVariableInstance v = history.createHistoricVariableInstanceQuery().processInstanceId(pi)
                .variableName(name).singleResult();
        return v == null || v.getValue() == null ? null : v.getValue().toString();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8)));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
