package io.stratum.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stratum.scale.ClusterNodes;
import io.stratum.scale.ClusterNodes.Node;
import io.stratum.scale.EmbeddedPostgresSupport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./stratum bench cluster-throughput [--warmup N] [--instances N] [--clients N]}: straight-through triage
 * instances per second through {@code POST /api/inquiries}, on real server JVMs: one node on the embedded H2 file
 * database, one node on PostgreSQL, two nodes on the same PostgreSQL (requests alternate between them). Each setup
 * gets a warm-up batch first; an instance counts when its history says it ended. On PostgreSQL it also measures what
 * the database spends per instance (CPU of its backends, commits, rows written), the basis of the README's estimate
 * of how many nodes one database carries. Also reports the last node-kill test run (target/cluster-test).
 */
class ClusterThroughputBench {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String[] TEXTS = {
            "My credit card was charged twice for invoice %d, please refund the duplicate payment.",
            "I cannot log in to my account since the password reset this morning (case %d).",
            "The app crashes every time I open the reports page, build %d.",
            "Please cancel my subscription at the end of the month, contract %d.",
            "Our whole team is blocked, production is down since 9:00, ticket %d!"};
    static final long CLOCK_TICKS = 100; // USER_HZ on Linux

    record Run(String setup, int nodes, int instances, double seconds, double perSecond, Map<String, Object> db) {
    }

    @Test
    void clusterThroughput() throws Exception {
        Map<String, String> args = BenchArgs.parse(System.getProperty("bench.args", ""));
        int warmup = Integer.parseInt(args.getOrDefault("warmup", "100"));
        int instances = Integer.parseInt(args.getOrDefault("instances", "400"));
        int clients = Integer.parseInt(args.getOrDefault("clients", "4"));
        boolean skipH2 = args.containsKey("skip-h2");
        // Extra settings for the PostgreSQL nodes, e.g. --node-settings camunda.bpm.job-execution.max-backoff=500,...
        List<String> nodeSettings = args.containsKey("node-settings")
                ? List.of(args.get("node-settings").split(",")).stream().map(x -> "--" + x).toList() : List.of();
        Path work = Files.createTempDirectory("stratum-cluster-bench");
        Path models = work.resolve("shared-models");
        List<Run> runs = new ArrayList<>();

        if (!skipH2) {
            List<Node> h2Node = List.of(start("h2-node-a", null, work, models, List.of()));
            try {
                runs.add(measure("h2", h2Node, null, null, warmup, instances, clients));
            } finally {
                stop(h2Node);
            }
        }
        // PostgreSQL: one node, then a second joins the same database (it warms up in the two-node warm-up)
        EmbeddedPostgres pg = EmbeddedPostgresSupport.startWithStatementStats();
        JdbcClient.create(pg.getPostgresDatabase()).sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
        String dbName = database(pg);
        String url = EmbeddedPostgresSupport.jdbcUrl(pg, dbName);
        List<Node> pgNodes = new ArrayList<>();
        try {
            pgNodes.add(start("pg-node-a", url, work, models, nodeSettings)); // alone first: it creates Camunda's schema
            runs.add(measure("pg1", pgNodes, pg, dbName, warmup, instances, clients));
            pgNodes.add(start("pg-node-b", url, work, models, nodeSettings));
            runs.add(measure("pg2", pgNodes, pg, dbName, warmup, instances, clients));
        } finally {
            stop(pgNodes);
            pg.close();
        }

        double h2 = skipH2 ? Double.NaN : runs.get(0).perSecond();
        double pg1 = runs.get(runs.size() - 2).perSecond(), pg2 = runs.get(runs.size() - 1).perSecond();
        System.out.printf("%n%-6s %5s %9s %9s %10s %13s %12s%n", "setup", "nodes", "instances", "seconds", "inst/s",
                "db cpu ms/inst", "commits/inst");
        for (Run r : runs) {
            System.out.printf("%-6s %5d %9d %9.1f %10.1f %13s %12s%n", r.setup(), r.nodes(), r.instances(),
                    r.seconds(), r.perSecond(), r.db().getOrDefault("cpuMsPerInstance", "-"),
                    r.db().getOrDefault("commitsPerInstance", "-"));
        }
        for (Run r : runs) {
            if (r.db().get("statements") instanceof List<?> list) {
                System.out.printf("%n%s: statements by database time (per instance: calls, execution ms, planning ms)%n",
                        r.setup());
                for (Object o : list) {
                    Map<?, ?> m = (Map<?, ?>) o;
                    System.out.printf("%7s %7s %7s  %s%n", m.get("callsPerInstance"), m.get("msPerInstance"),
                            m.get("planMsPerInstance"), m.get("query"));
                }
            }
        }
        JsonNode kill = killRun();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("warmup", warmup);
        out.put("clients", clients);
        out.put("nodeSettings", nodeSettings);
        out.put("runs", runs);
        out.put("ratioPg2ToPg1", round(pg2 / pg1));
        out.put("ratioPg1ToH2", round(pg1 / h2));
        out.put("nodeKillRun", kill);
        out.put("note", "2-core machine shared by the nodes, PostgreSQL, the load generator and other builds");
        Path json = BenchArgs.path("target/bench/cluster-throughput.json");
        Files.createDirectories(json.getParent());
        JSON.writeValue(json.toFile(), out);
        System.out.printf("RESULT cluster-throughput h2=%.1f pg1=%.1f pg2=%.1f ratio=%.2f killed_run=%s lost=%s"
                        + " duplicated=%s drain_s=%s%n", h2, pg1, pg2, pg2 / pg1,
                kill == null ? "n/a" : kill.has("killedRun") ? kill.path("killedRun").asInt()
                        : kill.path("killWave").asInt() + kill.path("termWave").asInt(),
                kill == null ? "n/a" : kill.path("lost").asText(), kill == null ? "n/a" : kill.path("duplicated").asText(),
                kill == null ? "n/a" : kill.path("drainS").asText());
    }

    private static String database(EmbeddedPostgres pg) {
        String name = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        EmbeddedPostgresSupport.freshDatabase(pg, name);
        return name;
    }

    private static Node start(String name, String url, Path work, Path models, List<String> settings)
            throws Exception {
        List<String> all = new ArrayList<>(List.of(
                "--stratum.intelligence.models.support-topic.threshold=0",
                "--stratum.intelligence.models.support-urgency.threshold=0",
                // spot checks would send a random share of the straight-through path to review
                "--stratum.learning.spot-check-rate=0"));
        all.addAll(settings);
        Node node = ClusterNodes.start(name, url, work.resolve(name), models, all);
        node.awaitHealthy();
        return node;
    }

    private static void stop(List<Node> nodes) throws Exception {
        for (Node n : nodes) {
            n.terminate();
        }
        for (Node n : nodes) {
            if (!n.process.waitFor(120, TimeUnit.SECONDS)) {
                n.kill();
            }
        }
    }

    private Run measure(String setup, List<Node> nodes, EmbeddedPostgres pg, String dbName, int warmup,
                        int instances, int clients) throws Exception {
        int base = ended(nodes.get(0));
        // Every node gets the same warm-up before it is measured (JIT, connection pool, the database's plan and
        // catalogue caches per connection): a node that joins later would otherwise be measured while still warming.
        int warm = warmup * nodes.size();
        submit(nodes, setup + "-warmup", warm, clients);
        awaitEnded(nodes.get(0), base + warm);
        JdbcClient db = pg == null ? null : JdbcClient.create(pg.getDatabase("postgres", dbName));
        Map<String, Object> before = db == null ? Map.of() : dbCost(db, dbName);
        if (pg != null) {
            JdbcClient.create(pg.getPostgresDatabase()).sql("SELECT pg_stat_statements_reset()").query().singleRow();
        }
        Instant start = Instant.now();
        submit(nodes, setup, instances, clients);
        awaitEnded(nodes.get(0), base + warm + instances);
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        Map<String, Object> perInstance = new LinkedHashMap<>();
        if (db != null) {
            Map<String, Object> after = dbCost(db, dbName);
            perInstance.put("cpuMsPerInstance", round(((long) after.get("cpuTicks") - (long) before.get("cpuTicks"))
                    * 1000.0 / CLOCK_TICKS / instances));
            perInstance.put("commitsPerInstance", round(((long) after.get("commits") - (long) before.get("commits"))
                    / (double) instances));
            perInstance.put("rowsWrittenPerInstance", round(((long) after.get("rows") - (long) before.get("rows"))
                    / (double) instances));
            perInstance.put("jobFailuresPerInstance", round(((long) after.get("jobFailures")
                    - (long) before.get("jobFailures")) / (double) instances));
            perInstance.put("statements", statements(pg, dbName, instances));
        }
        return new Run(setup, nodes.size(), instances, seconds, round(instances / seconds), perInstance);
    }

    /** Sends {@code count} inquiries from {@code clients} threads, alternating between the nodes. */
    private static void submit(List<Node> nodes, String prefix, int count, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> jobs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            jobs.add(pool.submit(() -> {
                for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                    String body = "{\"channel\":\"api\",\"from\":\"bench" + n + "@acme.example\",\"externalId\":\""
                            + prefix + "-" + n + "\",\"body\":\"" + TEXTS[n % TEXTS.length].formatted(n) + "\"}";
                    HttpResponse<String> res = nodes.get(n % nodes.size()).call("POST", "/api/inquiries", "demo", body);
                    if (res == null || res.statusCode() != 202) {
                        throw new IllegalStateException(prefix + "-" + n + ": " + (res == null ? "no answer"
                                : res.statusCode() + " " + res.body()));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : jobs) {
            f.get();
        }
        pool.shutdown();
    }

    private static void awaitEnded(Node node, int expected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(20));
        while (Instant.now().isBefore(deadline)) {
            if (ended(node) >= expected) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("instances did not end: " + node.tail());
    }

    private static int ended(Node node) throws Exception {
        HttpResponse<String> res = node.call("GET", "/engine-rest/history/process-instance/count"
                + "?processDefinitionKey=support-triage&finished=true", "demo", null);
        return res != null && res.statusCode() == 200 ? JSON.readTree(res.body()).path("count").asInt() : -1;
    }

    /** Cumulative cost so far: CPU of the database's server processes (backends), commits, rows written. */
    private static Map<String, Object> dbCost(JdbcClient db, String dbName) {
        long ticks = 0;
        for (Integer pid : db.sql("SELECT pid FROM pg_stat_activity WHERE datname = ?").param(dbName)
                .query(Integer.class).list()) {
            ticks += cpuTicks(pid);
        }
        Map<String, Object> stats = db.sql("SELECT xact_commit, tup_inserted + tup_updated + tup_deleted AS rows"
                + " FROM pg_stat_database WHERE datname = ?").param(dbName).query().singleRow();
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("cpuTicks", ticks);
        cost.put("commits", ((Number) stats.get("xact_commit")).longValue());
        cost.put("rows", ((Number) stats.get("rows")).longValue());
        // Job log state 1 = failed (an optimistic-locking conflict or an error; the job is retried)
        cost.put("jobFailures", db.sql("SELECT count(*) FROM act_hi_job_log WHERE job_state_ = 1")
                .query(Long.class).single());
        return cost;
    }

    /**
     * The statements that cost the database most in the measured batch (pg_stat_statements, reset at its start): per
     * instance their calls and execution milliseconds, with the text cut short. Comparing pg1 and pg2 shows what a
     * second node adds.
     */
    private static List<Map<String, Object>> statements(EmbeddedPostgres pg, String dbName, int instances) {
        List<Map<String, Object>> top = JdbcClient.create(pg.getPostgresDatabase()).sql("""
                SELECT s.calls, s.total_exec_time, s.total_plan_time,
                       left(regexp_replace(s.query, '\\s+', ' ', 'g'), 160) AS q
                FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = ?
                ORDER BY s.total_exec_time + s.total_plan_time DESC LIMIT 25""").param(dbName).query().listOfRows();
        Map<String, Object> all = JdbcClient.create(pg.getPostgresDatabase()).sql("""
                SELECT coalesce(sum(s.calls), 0) AS calls, coalesce(sum(s.total_exec_time), 0) AS total_exec_time,
                       coalesce(sum(s.total_plan_time), 0) AS total_plan_time, 'all statements' AS q
                FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = ?""")
                .param(dbName).query().singleRow();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : java.util.stream.Stream.concat(java.util.stream.Stream.of(all), top.stream())
                .toList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("callsPerInstance", round(((Number) row.get("calls")).longValue() / (double) instances));
            m.put("msPerInstance", round(((Number) row.get("total_exec_time")).doubleValue() / instances));
            m.put("planMsPerInstance", round(((Number) row.get("total_plan_time")).doubleValue() / instances));
            m.put("query", row.get("q"));
            out.add(m);
        }
        return out;
    }

    /** utime + stime of a process, in clock ticks; 0 when it is gone. */
    private static long cpuTicks(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception e) {
            return 0;
        }
    }

    private static JsonNode killRun() {
        try {
            return JSON.readTree(BenchArgs.path("target/cluster-test/node-kill.json").toFile());
        } catch (Exception e) {
            return null;
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
