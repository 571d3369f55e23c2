package io.stratum.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stratum.StratumApplication;
import io.stratum.intelligence.ConfidenceThresholds;
import io.stratum.intelligence.Prediction;
import io.stratum.intelligence.TextClassifier;
import io.stratum.intelligence.text.SentenceEncoder;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./stratum bench triage-throughput [--warmup N] [--instances N] [--clients N]}: straight-through triage
 * instances per second on the embedded default (H2 file database, history FULL, job executor), first with the
 * production classifiers, then with the classifier replaced by a constant (same server, same BPMN). Inquiries go in
 * through {@code POST /api/inquiries}; an instance counts when its history says it ended. Every decision is made
 * confident (threshold 0) so all instances take the straight-through path. Also printed: the production classifier's
 * p50/p99 per call during the ai run (wall and the calling thread's CPU) and the history rows per finished instance
 * (counted over the whole bench database, which persists: delete target/bench/triage-throughput-data for a clean
 * count after changing the process).
 */
@SpringBootTest(classes = StratumApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // The data directory relative with "./" (H2 refuses implicitly relative paths), so the embedded default's
        // own database URL and settings apply.
        properties = {"stratum.data-dir=./target/bench/triage-throughput-data",
                "stratum.intelligence.bootstrap-cache=target/bootstrap-cache",
                "camunda.bpm.job-execution.enabled=true",
                // every instance straight through: no random spot checks sent to review
                "stratum.learning.spot-check-rate=0",
                "logging.level.root=WARN"})
// Explicit: with @SpringBootTest(classes = ...) a nested @TestConfiguration is not picked up by itself.
@Import(TriageThroughputBench.Switches.class)
class TriageThroughputBench {

    static final AtomicBoolean CONSTANT = new AtomicBoolean();
    /** Wall and thread-CPU nanoseconds of each production classifier call (ONNX Runtime runs on the caller). */
    static final Queue<long[]> LATENCIES = new ConcurrentLinkedQueue<>();
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static final String CLIENT_THREAD = "bench-client-";

    @TestConfiguration
    static class Switches {
        /** The production classifier, or a constant answer when the baseline runs. */
        @Bean
        @Primary
        TextClassifier switchableClassifier(@Qualifier("championTextClassifier") TextClassifier real) {
            return (model, text) -> {
                if (CONSTANT.get()) {
                    return new Prediction(model, 0, model.equals("support-topic") ? "billing" : "normal", 0.99,
                            List.of(), "constant baseline");
                }
                long wall = System.nanoTime();
                long cpu = THREADS.getCurrentThreadCpuTime();
                Prediction p = real.classify(model, text);
                LATENCIES.add(new long[] {System.nanoTime() - wall, THREADS.getCurrentThreadCpuTime() - cpu});
                return p;
            };
        }

        @Bean
        @Primary
        ConfidenceThresholds straightThrough() {
            return model -> 0.0;
        }
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    HistoryService history;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SentenceEncoder encoder;

    @Test
    void measure() throws Exception {
        Map<String, String> args = BenchArgs.parse(System.getProperty("bench.args", ""));
        // DESIGN.md: the JIT needs 20-30k instances to settle on 2 cores (after 2,000 it still took ~12 % of the CPU).
        int warmup = Integer.parseInt(args.getOrDefault("warmup", "20000"));
        int instances = Integer.parseInt(args.getOrDefault("instances", "3000"));
        int clients = Integer.parseInt(args.getOrDefault("clients", "4"));

        boolean queryStats = args.containsKey("query-stats");
        run("warm-up", warmup, clients);
        LATENCIES.clear();
        if (queryStats) {
            jdbc.sql("SET QUERY_STATISTICS_MAX_ENTRIES 1000").update();
            jdbc.sql("SET QUERY_STATISTICS TRUE").update();
        }
        double ai = run("ai", instances, clients);
        if (queryStats) {
            printQueryStatistics(instances);
            jdbc.sql("SET QUERY_STATISTICS FALSE").update();
        }
        if (args.containsKey("compare-cache-kb")) {
            // The same ai run again with another H2 page cache size (SET CACHE_SIZE works at run time), then back; each
            // resize empties the cache, so those two runs both start cold and are the pair to compare.
            long configured = h2Info("info.CACHE_MAX_SIZE");
            jdbc.sql("SET CACHE_SIZE " + Integer.parseInt(args.get("compare-cache-kb"))).update();
            run("ai, cache " + h2Info("info.CACHE_MAX_SIZE") + " MB", instances, clients);
            jdbc.sql("SET CACHE_SIZE " + configured * 1024).update();
            run("ai, cache " + h2Info("info.CACHE_MAX_SIZE") + " MB", instances, clients);
        }
        Map<String, Double> latency = classifierLatency();
        CONSTANT.set(true);
        run("warm-up constant", Math.min(warmup, 1000), clients);
        double baseline = run("baseline", instances, clients);
        CONSTANT.set(false);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("instances", instances);
        result.put("clients", clients);
        result.put("ai_per_s", round(ai));
        result.put("baseline_per_s", round(baseline));
        result.put("ratio", round(ai / baseline));
        result.put("cpu_ms_per_instance", cpuPerInstance);
        result.put("server_cpu_ms_per_instance", serverCpuPerInstance);
        result.put("h2_page_reads_per_instance", h2PageReads);
        result.put("encoder_runs_per_instance", encoderRuns);
        result.put("h2_file_after_run", h2File);
        result.put("cpu_ms_per_instance_by_thread", cpuByThread);
        result.put("history_rows_per_instance", historyRowsPerInstance());
        result.put("classifier_latency_ms", latency);
        System.out.printf("%n%-12s %12s%n%-12s %12.1f%n%-12s %12.1f%n%-12s %12.2f%n", "run", "instances/s",
                "ai", ai, "baseline", baseline, "ratio", ai / baseline);
        Path out = Path.of("target", "bench", "triage-throughput.json");
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
        System.out.printf("RESULT triage-throughput ai=%.1f baseline=%.1f ratio=%.2f%n", ai, baseline, ai / baseline);
    }

    private final Map<String, Double> cpuPerInstance = new LinkedHashMap<>();
    private final Map<String, Double> encoderRuns = new LinkedHashMap<>();
    private final Map<String, Double> serverCpuPerInstance = new LinkedHashMap<>();
    private final Map<String, Double> h2PageReads = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> h2File = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> cpuByThread = new LinkedHashMap<>();

    private static Map<Long, Long> threadCpuNanos() {
        Map<Long, Long> cpu = new java.util.HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            cpu.put(id, THREADS.getThreadCpuTime(id));
        }
        return cpu;
    }

    /**
     * Where a run's CPU went, per instance: the job executor's threads (the process after the intake), the HTTP
     * intake, H2's store threads (page serialisation and writing), the benchmark's clients (their threads, which end
     * with the run and report their own CPU, and the HTTP clients' selector threads), other live threads, and the rest
     * of the process CPU (GC and JIT, and other threads that ended during the run).
     */
    private static Map<String, Double> cpuByThreadGroup(Map<Long, Long> before, long processNanos, long clientNanos,
                                                        int n) {
        Map<String, Long> groups = new LinkedHashMap<>();
        for (String g : List.of("jobs", "http", "h2-store", "clients", "other-java", "gc-jit-rest")) {
            groups.put(g, 0L);
        }
        groups.put("clients", clientNanos);
        long javaTotal = clientNanos;
        for (java.lang.management.ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            // threads started during the run count from zero
            long used = THREADS.getThreadCpuTime(info.getThreadId()) - before.getOrDefault(info.getThreadId(), 0L);
            if (used <= 0) {
                continue;
            }
            String t = info.getThreadName();
            if (t.startsWith(CLIENT_THREAD)) {
                continue; // counted by the thread itself (clientNanos)
            }
            String g = t.startsWith("camundaTaskExecutor") ? "jobs" : t.startsWith("http-nio") ? "http"
                    : t.startsWith("H2-") || t.startsWith("MVStore") ? "h2-store"
                    : t.startsWith("HttpClient-") ? "clients" : "other-java";
            groups.merge(g, used, Long::sum);
            javaTotal += used;
        }
        groups.put("gc-jit-rest", Math.max(0, processNanos - javaTotal));
        Map<String, Double> ms = new LinkedHashMap<>();
        groups.forEach((g, nanos) -> ms.put(g, round(nanos / 1e6 / n)));
        return ms;
    }

    /**
     * {@code --query-stats}: H2's statement statistics over the ai run, costliest first (cumulative execution time,
     * wall, so shares are what matters), with executions per instance.
     */
    private void printQueryStatistics(int instances) {
        List<Map<String, Object>> rows = jdbc.sql("SELECT SQL_STATEMENT, EXECUTION_COUNT, CUMULATIVE_EXECUTION_TIME "
                + "FROM INFORMATION_SCHEMA.QUERY_STATISTICS ORDER BY CUMULATIVE_EXECUTION_TIME DESC").query().listOfRows();
        double total = rows.stream().mapToDouble(r -> ((Number) r.get("CUMULATIVE_EXECUTION_TIME")).doubleValue()).sum();
        System.out.printf("H2 statements during the ai run (%d distinct, %.0f ms in all):%n", rows.size(), total);
        for (Map<String, Object> r : rows.subList(0, Math.min(40, rows.size()))) {
            double ms = ((Number) r.get("CUMULATIVE_EXECUTION_TIME")).doubleValue();
            String sql = r.get("SQL_STATEMENT").toString().replaceAll("\\s+", " ");
            System.out.printf("  %5.1f %%  %6.2f per instance  %s%n", 100 * ms / total,
                    ((Number) r.get("EXECUTION_COUNT")).doubleValue() / instances,
                    sql.length() > 160 ? sql.substring(0, 160) : sql);
        }
    }

    /** A counter of H2's MVStore (the bench always runs on the embedded H2 file). */
    private long h2Info(String name) {
        return jdbc.sql("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?").param(name)
                .query(String.class).optional().map(Long::parseLong).orElse(-1L);
    }

    /** p50/p99 of one classifier call during the ai run: wall time (load-dependent) and the calling thread's CPU. */
    private static Map<String, Double> classifierLatency() {
        List<long[]> calls = new ArrayList<>(LATENCIES);
        Map<String, Double> ms = new LinkedHashMap<>();
        ms.put("calls", (double) calls.size());
        for (int k = 0; k < 2; k++) {
            int column = k;
            long[] sorted = calls.stream().mapToLong(c -> c[column]).sorted().toArray();
            String kind = k == 0 ? "wall" : "cpu";
            ms.put(kind + "_p50", millis(sorted, 0.5));
            ms.put(kind + "_p99", millis(sorted, 0.99));
        }
        System.out.printf("classifier latency per call (ms): %s%n", ms);
        return ms;
    }

    /**
     * History rows per finished instance (all runs): the load-independent part of the engine's cost, since every row
     * is an insert into a table with many indexes.
     */
    private Map<String, Double> historyRowsPerInstance() {
        double instances = history.createHistoricProcessInstanceQuery().processDefinitionKey("support-triage")
                .finished().count();
        Map<String, Double> rows = new LinkedHashMap<>();
        rows.put("variables", round(history.createHistoricVariableInstanceQuery().count() / instances));
        rows.put("variable_details", round(history.createHistoricDetailQuery().count() / instances));
        rows.put("activity_instances", round(history.createHistoricActivityInstanceQuery().count() / instances));
        rows.put("job_log", round(history.createHistoricJobLogQuery().count() / instances));
        rows.put("decisions", round(history.createHistoricDecisionInstanceQuery().count() / instances));
        System.out.printf("history rows per instance: %s%n", rows);
        return rows;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double millis(long[] sortedNanos, double quantile) {
        return sortedNanos.length == 0 ? 0
                : Math.round(sortedNanos[(int) (sortedNanos.length * quantile)] / 1e3) / 1e3;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /**
     * Submits n inquiries from `clients` threads and waits until all their instances have ended. The clients share
     * this JVM's two cores with the server; their CPU is counted apart ("clients": their threads report their own,
     * the HTTP clients' threads are found by name), so that the server's share per instance can be read off.
     */
    private double run(String name, int n, int clients) throws Exception {
        long endedBefore = history.createHistoricProcessInstanceQuery().processDefinitionKey("support-triage")
                .finished().count();
        List<String> texts = BenchTexts.inquiries();
        AtomicInteger next = new AtomicInteger();
        AtomicLong clientCpu = new AtomicLong();
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients,
                r -> new Thread(r, CLIENT_THREAD + threadNo.incrementAndGet()));
        long readsBefore = h2Info("info.FILE_READ");
        long encodedBefore = encoder.textsRun();
        long cpuBefore = processCpuNanos();
        Map<Long, Long> threadsBefore = threadCpuNanos();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                long cpu = THREADS.getCurrentThreadCpuTime();
                try {
                    // One authenticated client per thread: withBasicAuth builds a new JDK HttpClient (with its own
                    // selector and worker threads) per call. (Tried: plain JDK clients with pre-built bodies, ~0.2 ms
                    // less client CPU per request; in two runs every server thread group cost more, 72-79/s.)
                    TestRestTemplate client = http.withBasicAuth("demo", "demo");
                    HttpHeaders headers = new HttpHeaders();
                    headers.setContentType(MediaType.APPLICATION_JSON);
                    ObjectMapper json = new ObjectMapper();
                    Random random = new Random(Thread.currentThread().getId());
                    int i;
                    while ((i = next.getAndIncrement()) < n) {
                        String text = texts.get(random.nextInt(texts.size()));
                        String body = json.writeValueAsString(Map.of("channel", "api", "from",
                                "bench" + i + "@acme.example", "subject", "Inquiry " + i, "body", text));
                        ResponseEntity<String> res = client.postForEntity("/api/inquiries",
                                new HttpEntity<>(body, headers), String.class);
                        if (!res.getStatusCode().is2xxSuccessful()) {
                            throw new IllegalStateException("intake refused: " + res.getStatusCode() + " "
                                    + res.getBody());
                        }
                    }
                } finally {
                    clientCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        long target = endedBefore + n;
        while (history.createHistoricProcessInstanceQuery().processDefinitionKey("support-triage").finished()
                .count() < target) {
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // CPU of this JVM (server and clients) per instance: steadier than instances/s on a shared machine.
        double cpuMillis = (processCpuNanos() - cpuBefore) / 1e6 / n;
        // H2 page reads from the file per instance: pages that fell out of H2's page cache (load-independent).
        double pageReads = (h2Info("info.FILE_READ") - readsBefore) / (double) n;
        // Sentence-encoder runs per instance (classification past the cascade and the reply draft share one run).
        double encoded = (encoder.textsRun() - encodedBefore) / (double) n;
        System.out.printf("%-18s %6d instances in %6.1f s = %7.1f instances/s, %6.1f ms CPU per instance, "
                + "%5.1f H2 page reads per instance (cache %d MB, hit ratio %d %%), %.2f encoder runs per instance%n",
                name, n, seconds, n / seconds, cpuMillis, pageReads, h2Info("info.CACHE_MAX_SIZE"),
                h2Info("info.CACHE_HIT_RATIO"), encoded);
        h2PageReads.put(name, round(pageReads));
        encoderRuns.put(name, round(encoded));
        // The database file after the run, and the live share of its chunks: H2 rewrites (compacts) chunks only while
        // that share is low enough (AUTO_COMPACT_FILL_RATE), so under steady load the file grows by the rest.
        long fileMb = h2Info("info.FILE_SIZE") >> 20;
        long live = h2Info("info.CHUNKS_FILL_RATE");
        System.out.printf("%-18s H2 file %d MB after %d instances in all, %d %% of its chunks live%n", "", fileMb,
                history.createHistoricProcessInstanceQuery().processDefinitionKey("support-triage").count(), live);
        h2File.put(name, Map.of("file_mb", fileMb, "chunks_live_percent", live));
        cpuPerInstance.put(name, round(cpuMillis));
        Map<String, Double> byThread = cpuByThreadGroup(threadsBefore, processCpuNanos() - cpuBefore,
                clientCpu.get(), n);
        System.out.printf("%-18s CPU ms per instance by thread: %s; server (all but the clients) %.1f ms%n", "",
                byThread, cpuMillis - byThread.get("clients"));
        serverCpuPerInstance.put(name, round(cpuMillis - byThread.get("clients")));
        cpuByThread.put(name, byThread);
        return n / seconds;
    }
}
