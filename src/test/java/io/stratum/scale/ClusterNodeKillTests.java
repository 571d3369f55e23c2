package io.stratum.scale;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Stratum server JVMs on one PostgreSQL (Camunda's engine is JVM-wide, so each node is its own process, started
 * from the test classpath). Straight-through inquiries go to both; node B is killed with SIGKILL mid-run; clients
 * retry what B did not answer on A with the same externalId. Node A must finish everything: one instance per
 * inquiry, every instance completed, one ticket and one acknowledgement each, nothing lost from the inbox.
 */
class ClusterNodeKillTests {

    static final int INQUIRIES = Integer.getInteger("stratum.cluster-test.inquiries", 200);
    static final Duration START = Duration.ofSeconds(240);
    static final long SUBMIT_INTERVAL_MILLIS = 150;
    // Generous: two server JVMs, PostgreSQL and the test share two cores; a slow run must not look like a loss.
    static final Duration DRAIN = Duration.ofSeconds(420);
    static final String[] TEXTS = {
            "My credit card was charged twice for invoice %d, please refund the duplicate payment.",
            "I cannot log in to my account since the password reset this morning (case %d).",
            "The app crashes every time I open the reports page, build %d.",
            "Please cancel my subscription at the end of the month, contract %d.",
            "Our whole team is blocked, production is down since 9:00, ticket %d!"};

    private final List<Node> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stopNodes() {
        nodes.forEach(n -> n.process.destroyForcibly());
    }

    @Test
    void killedNodesWorkIsFinishedByTheOtherExactlyOnce() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgresSupport.shared();
        String dbName = "cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        JdbcClient db = JdbcClient.create(EmbeddedPostgresSupport.freshDatabase(pg, dbName));
        Path work = Files.createTempDirectory("stratum-cluster");
        Path shared = work.resolve("shared-models");

        // The first node creates Camunda's schema alone (see deployment/postgres/README.md), then the second joins.
        Instant t0 = Instant.now();
        Node a = start("node-a", pg, dbName, work, shared);
        a.awaitHealthy();
        Node b = start("node-b", pg, dbName, work, shared);
        b.awaitHealthy();
        double startupS = secondsSince(t0);

        Map<String, String> inquiryByExternalId = new ConcurrentHashMap<>();
        AtomicInteger acceptedByB = new AtomicInteger();
        AtomicInteger retriedOnA = new AtomicInteger();
        AtomicBoolean bKilled = new AtomicBoolean();
        AtomicInteger answered = new AtomicInteger();
        // Paced a little faster than the two nodes process, so requests are still arriving when B dies.
        ExecutorService clients = Executors.newFixedThreadPool(4);
        Instant runStart = Instant.now();
        List<Future<?>> sends = new ArrayList<>();
        for (int i = 0; i < INQUIRIES; i++) {
            int n = i;
            Instant due = runStart.plusMillis(SUBMIT_INTERVAL_MILLIS * i);
            sends.add(clients.submit(() -> {
                sleep(Math.max(0, Duration.between(Instant.now(), due).toMillis()));
                String externalId = "cluster-" + n;
                String body = "{\"channel\":\"api\",\"from\":\"client" + n + "@acme.example\",\"externalId\":\""
                        + externalId + "\",\"body\":\"" + TEXTS[n % TEXTS.length].formatted(1000 + n) + "\"}";
                Node target = n % 2 == 1 && !bKilled.get() ? b : a;
                HttpResponse<String> res = post(target, body);
                if ((res == null || res.statusCode() >= 500) && target == b) {
                    retriedOnA.incrementAndGet();
                    target = a;
                }
                Instant giveUp = Instant.now().plus(Duration.ofSeconds(90));
                while ((res == null || res.statusCode() >= 500) && Instant.now().isBefore(giveUp)) {
                    sleep(500);
                    res = post(a, body);
                }
                assertThat(res).as(externalId + " never accepted").isNotNull();
                assertThat(res.statusCode()).as(externalId + ": " + res.body()).isIn(200, 202);
                if (target == b) {
                    acceptedByB.incrementAndGet();
                }
                inquiryByExternalId.put(externalId, res.body());
                answered.incrementAndGet();
                return null;
            }));
        }

        // Kill B while requests still arrive and both nodes have jobs in flight
        int killedAt = -1;
        Instant killTime = null;
        Instant deadline = Instant.now().plus(DRAIN);
        while (Instant.now().isBefore(deadline)) {
            int done = done(db);
            if (killTime == null && answered.get() >= INQUIRIES / 2) {
                b.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                bKilled.set(true);
                killTime = Instant.now();
                killedAt = done;
            }
            if (done >= INQUIRIES) {
                break;
            }
            sleep(250);
        }
        for (Future<?> f : sends) {
            f.get(120, TimeUnit.SECONDS);
        }
        clients.shutdown();
        int done = done(db);
        double totalS = secondsSince(runStart);
        double drainS = killTime == null ? 0 : secondsSince(killTime);
        System.out.printf("%nnode-kill run: %d inquiries, B accepted %d before dying (killed when %d were done), %d retried"
                        + " on A; nodes up in %.1f s; run %.1f s, drain after kill %.1f s; done %d%n", INQUIRIES,
                acceptedByB.get(), killedAt, retriedOnA.get(), startupS, totalS, drainS, done);

        assertThat(killTime).as("B was killed mid-run").isNotNull();
        assertThat(acceptedByB.get()).as("B took part").isPositive();
        assertThat(inquiryByExternalId).hasSize(INQUIRIES);
        // Every accepted input: one inquiry, one process instance, completed, one ticket, one acknowledgement
        assertThat(db.sql("SELECT count(*) FROM inquiry").query(Integer.class).single()).isEqualTo(INQUIRIES);
        assertThat(done).as("inquiries DONE").isEqualTo(INQUIRIES);
        assertThat(db.sql("""
                SELECT count(*) FROM (SELECT business_key_ FROM act_hi_procinst GROUP BY business_key_
                HAVING count(*) > 1) d""").query(Integer.class).single()).as("duplicated instances").isZero();
        assertThat(db.sql("SELECT count(*) FROM act_hi_procinst WHERE end_time_ IS NOT NULL AND business_key_ IN"
                + " (SELECT id FROM inquiry)").query(Integer.class).single()).isEqualTo(INQUIRIES);
        assertThat(db.sql("SELECT count(*) FROM act_ru_execution").query(Integer.class).single()).isZero();
        assertThat(db.sql("SELECT count(*) FROM act_ru_incident").query(Integer.class).single()).isZero();
        assertThat(db.sql("SELECT count(*) FROM ticket").query(Integer.class).single()).isEqualTo(INQUIRIES);
        assertThat(db.sql("SELECT count(DISTINCT inquiry_id) FROM ticket").query(Integer.class).single())
                .isEqualTo(INQUIRIES);
        assertThat(db.sql("SELECT count(*) FROM outbox_message").query(Integer.class).single())
                .as("one acknowledgement per inquiry").isEqualTo(INQUIRIES);
        assertThat(db.sql("SELECT count(DISTINCT inquiry_id) FROM inbox WHERE status = 'ACCEPTED'")
                .query(Integer.class).single()).as("inbox").isEqualTo(INQUIRIES);
        assertThat(db.sql("SELECT count(*) FROM inbox WHERE status NOT IN ('ACCEPTED', 'DUPLICATE')")
                .query(Integer.class).single()).as("inbox rows neither accepted nor duplicate").isZero();

        Path report = Path.of("target", "cluster-test", "node-kill.json");
        Files.createDirectories(report.getParent());
        Files.writeString(report, """
                {"inquiries": %d, "acceptedByB": %d, "killedAtDone": %d, "retriedOnA": %d, "startupS": %.1f,
                 "runS": %.1f, "drainS": %.1f, "lost": 0, "duplicated": 0}
                """.formatted(INQUIRIES, acceptedByB.get(), killedAt, retriedOnA.get(), startupS, totalS, drainS));
    }

    private static int done(JdbcClient db) {
        return db.sql("SELECT count(*) FROM inquiry WHERE status = 'DONE'").query(Integer.class).single();
    }

    private HttpResponse<String> post(Node node, String json) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port + "/api/inquiries"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null; // node gone (or going): the caller retries elsewhere
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private Node start(String name, EmbeddedPostgres pg, String dbName, Path work, Path sharedModels)
            throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Path.of("target", "cluster-test", name + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1200m",
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-cp", classpath,
                "io.stratum.StratumApplication",
                "--spring.profiles.active=postgres",
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--stratum.data-dir=" + work.resolve(name),
                // Models promoted anywhere are served everywhere only from shared storage (README).
                "--stratum.intelligence.models-dir=" + sharedModels,
                "--stratum.intelligence.bootstrap-cache=" + Path.of("target", "bootstrap-cache").toAbsolutePath(),
                // Straight through: every AI decision is confident enough.
                "--stratum.intelligence.models.support-topic.threshold=0",
                "--stratum.intelligence.models.support-urgency.threshold=0",
                // A start claimed by a dead node is free again soon, and so are its jobs.
                "--stratum.ingestion.start-timeout=PT5S",
                "--stratum.ingestion.retry.interval=PT5S",
                "--camunda.bpm.job-execution.lock-time-in-millis=10000",
                "--logging.level.root=WARN"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("STRATUM_DB_URL", EmbeddedPostgresSupport.jdbcUrl(pg, dbName));
        pb.environment().put("STRATUM_DB_USER", "postgres");
        pb.environment().put("STRATUM_DB_PASSWORD", "");
        pb.environment().put("STRATUM_NODE_ID", name);
        pb.environment().put("OMP_THREAD_LIMIT", "1");
        Node node = new Node(name, port, pb.start(), log.toFile());
        nodes.add(node);
        return node;
    }

    final class Node {
        final String name;
        final int port;
        final Process process;
        final File log;

        Node(String name, int port, Process process, File log) {
            this.name = name;
            this.port = port;
            this.process = process;
            this.log = log;
        }

        void awaitHealthy() throws IOException {
            Instant end = Instant.now().plus(START);
            while (Instant.now().isBefore(end)) {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited: " + tail());
                }
                try {
                    HttpResponse<String> res = http.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (res.statusCode() == 200 && res.body().contains("UP")) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
                sleep(1000);
            }
            throw new AssertionError(name + " not healthy after " + START + ": " + tail());
        }

        String tail() throws IOException {
            List<String> lines = Files.readAllLines(log.toPath());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
    }

    private static double secondsSince(Instant t) {
        return Duration.between(t, Instant.now()).toMillis() / 1000.0;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
