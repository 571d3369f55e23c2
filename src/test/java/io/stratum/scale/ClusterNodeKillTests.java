package io.stratum.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.scale.ClusterNodes.Node;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.stratum.scale.ClusterNodes.sleep;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Stratum server JVMs on one PostgreSQL, a mixed load (triage straight through, and reviews completed by scripted
 * approvers through /engine-rest; invoices and maintenance cases whose tasks scripted people work the same way), in
 * two waves:
 * <ol>
 * <li>node B gets SIGKILL mid-wave; clients retry what B did not answer on A with the same externalId; A finishes
 * everything: one instance per inquiry, all completed, one ticket and one acknowledgement each, no inbox entry left
 * unjudged (what B stored but never answered is recovered by A); every invoice paid exactly once, every maintenance
 * case closed, never two open at once for an asset;</li>
 * <li>B restarts with the same node id and rejoins (runs jobs again); node A gets SIGTERM mid-wave: the requests it
 * is serving finish, its job locks are released at once (not after the lock time, which is long on A on purpose),
 * and B finishes the rest.</li>
 * </ol>
 */
class ClusterNodeKillTests {

    static final int KILL_WAVE = Integer.getInteger("stratum.cluster-test.inquiries", 1000);
    static final int TERM_WAVE = Integer.getInteger("stratum.cluster-test.term-inquiries", 200);
    static final long SUBMIT_INTERVAL_MILLIS = Long.getLong("stratum.cluster-test.interval-millis", 50);
    // Generous: two server JVMs, PostgreSQL and the test share two cores; a slow run must not look like a loss.
    static final Duration DRAIN = Duration.ofSeconds(900);
    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * How long B's jobs stay locked: what A waits after the kill before it takes them over. A lock must outlast the
     * job's wait in the node's queue plus its run, or the job runs twice (optimistic-locking conflicts, and a stale
     * second run can fail); on this shared machine under load that took up to ~50 s (20 s failed that way).
     */
    static final int B_LOCK_MILLIS = 60_000;
    /** Approver threads; each works the reviews whose task id hashes to its slot, so they never collide. */
    static final int APPROVERS = 3;
    /** Mostly clear cases (straight through) and some vague ones (below the review threshold, so reviewed). */
    static final String[] TEXTS = {
            "My credit card was charged twice for invoice %d, please refund the duplicate payment.",
            "I cannot log in to my account since the password reset this morning (case %d).",
            "The app crashes every time I open the reports page, build %d.",
            "Please cancel my subscription at the end of the month, contract %d.",
            "Our whole team is blocked, production is down since 9:00, ticket %d!",
            "Hello, a quick question about something, reference %d. Thanks",
            "See attachment %d."};

    /** Invoices uploaded during the kill wave (straight-through candidates: they end in a payment). */
    static final int INVOICES = Integer.getInteger("stratum.cluster-test.invoices", 30);
    /** Telemetry batches during the kill wave; each has high-risk readings for some of the risky assets. */
    static final int TELEMETRY_BATCHES = Integer.getInteger("stratum.cluster-test.telemetry-batches", 40);
    static final String[] RISKY_ASSETS = {"M-1001", "M-1003", "M-1004"};
    static final String[] HEALTHY_ASSETS = {"M-1002", "P-2001"};

    private final List<Node> nodes = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(n -> n.process.destroyForcibly());
    }

    @Test
    void killedNodesWorkIsFinishedByTheOtherExactlyOnceAndAStoppedNodeReleasesItsJobs() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgresSupport.shared();
        String dbName = "cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        JdbcClient db = JdbcClient.create(EmbeddedPostgresSupport.freshDatabase(pg, dbName));
        String url = EmbeddedPostgresSupport.jdbcUrl(pg, dbName);
        Path work = Files.createTempDirectory("stratum-cluster");
        Files.deleteIfExists(Path.of("target", "cluster-test", "node-a.log"));
        Files.deleteIfExists(Path.of("target", "cluster-test", "node-b.log"));

        // The first node creates Camunda's schema alone (see deployment/postgres/README.md), then the second joins.
        Instant t0 = Instant.now();
        Node a = start("node-a", url, work, 120_000);
        a.awaitHealthy();
        Node b = start("node-b", url, work, B_LOCK_MILLIS);
        b.awaitHealthy();
        double startupS = secondsSince(t0);

        Cluster cluster = new Cluster(db);
        cluster.alive.put(a, true);
        cluster.alive.put(b, true);
        ClusterInvoices invoices = new ClusterInvoices(INVOICES, 7);
        invoices.prepare(a, db);
        ClusterBackOffice.createDispatcher(a);
        ClusterBackOffice backOffice = new ClusterBackOffice(cluster::live, cluster.stop, invoices);
        List<Thread> approvers = new ArrayList<>();
        Thread people = new Thread(backOffice, "back-office");
        people.setDaemon(true);
        people.start();
        approvers.add(people);
        for (int i = 0; i < APPROVERS; i++) {
            int slot = i;
            Thread approver = new Thread(() -> cluster.approve(slot), "approver-" + i);
            approver.setDaemon(true);
            approver.start();
            approvers.add(approver);
        }

        // Wave 1: B dies (SIGKILL) while requests still arrive and both nodes have jobs in flight
        Instant wave1 = Instant.now();
        Wave kill = cluster.send("k", KILL_WAVE);
        // The other use cases over the same stretch, so that both are in flight when B dies
        Duration spread = Duration.ofMillis(SUBMIT_INTERVAL_MILLIS * KILL_WAVE);
        List<Future<?>> others = List.of(cluster.sendInvoices(invoices, spread),
                cluster.sendTelemetry(TELEMETRY_BATCHES, spread));
        Instant killTime = null;
        int killedAtDone = -1;
        Instant deadline = Instant.now().plus(DRAIN);
        while (Instant.now().isBefore(deadline)) {
            if (killTime == null && kill.answered.get() >= KILL_WAVE / 2) {
                killedAtDone = cluster.done();
                cluster.alive.put(b, false);
                b.kill();
                killTime = Instant.now();
            }
            if (killTime != null && kill.finished() && others.stream().allMatch(Future::isDone)
                    && cluster.settled(KILL_WAVE)) {
                break;
            }
            sleep(250);
        }
        kill.await();
        for (Future<?> f : others) {
            f.get(120, TimeUnit.SECONDS);
        }
        double wave1S = secondsSince(wave1);
        double drainS = secondsSince(killTime);
        System.out.printf("%nnode-kill wave: %d inquiries, B accepted %d, killed when %d were done, %d retried on A,"
                        + " %d reviews so far; nodes up in %.1f s; wave %.1f s, drain after kill %.1f s%n",
                KILL_WAVE, kill.acceptedBy(b), killedAtDone, kill.retried.get(), cluster.reviews.get(), startupS,
                wave1S, drainS);
        assertThat(kill.acceptedBy(b)).as("B took part").isPositive();
        assertThat(cluster.jobsRunBy("node-b", t0)).as("B ran jobs before it died").isPositive();
        cluster.assertEverythingDoneExactlyOnce(KILL_WAVE);
        int fourEyes = invoices.assertEachOnceAndPaidOnce(db);
        int cases = cluster.assertTelemetryKeptAndCasesClosedOneAtATime();
        cluster.assertEveryInstanceCompleted(backOffice);
        int killedRun = KILL_WAVE + invoices.accepted.size() + cluster.telemetryBatches.size();
        System.out.printf("node-kill wave, other use cases: %d invoices accepted, all paid (%d under four-eyes);"
                        + " %d telemetry batches, %d maintenance cases opened and closed; tasks worked: %s%n",
                invoices.accepted.size(), fourEyes, cluster.telemetryBatches.size(), cases, backOffice.completed);
        double aJobShare = cluster.jobsRunBy("node-a", t0);

        // Wave 2: B rejoins under the same node id; A is stopped gracefully while requests and jobs are in flight
        Instant restart = Instant.now();
        Node b2 = start("node-b", url, work, B_LOCK_MILLIS);
        b2.awaitHealthy();
        double rejoinS = secondsSince(restart);
        cluster.alive.put(b2, true);
        deadline = Instant.now().plus(DRAIN);
        Wave term = cluster.send("t", TERM_WAVE);
        while (term.answered.get() < TERM_WAVE / 2 && Instant.now().isBefore(deadline)) {
            sleep(50);
        }
        Instant termTime = Instant.now();
        cluster.alive.put(a, false);
        a.terminate();
        assertThat(a.process.waitFor(180, TimeUnit.SECONDS)).as("A stops within its shutdown timeout").isTrue();
        double stopS = secondsSince(termTime);
        // Checked at once: A's lock time is 120 s, so only a release on shutdown can make this zero now
        int lockedByA = db.sql("SELECT count(*) FROM act_ru_job WHERE lock_owner_ = 'node-a'")
                .query(Integer.class).single();
        while (!(term.finished() && cluster.settled(KILL_WAVE + TERM_WAVE)) && Instant.now().isBefore(deadline)) {
            sleep(250);
        }
        term.await();
        cluster.stop.set(true);
        for (Thread approver : approvers) {
            approver.join(10_000);
        }
        List<Call> inFlightAtTerm = term.calls.stream().filter(c -> c.node == a && c.sent.isBefore(termTime)
                && c.ended.isAfter(termTime)).toList();
        System.out.printf("graceful wave: %d inquiries; B rejoined in %.1f s; A stopped %.1f s after SIGTERM with %d"
                        + " requests in flight (answered: %s), %d jobs still locked by A; B ran %d jobs after"
                        + " rejoining; %d reviews in total%n", TERM_WAVE, rejoinS, stopS, inFlightAtTerm.size(),
                inFlightAtTerm.stream().allMatch(c -> c.status >= 200 && c.status < 300), lockedByA,
                cluster.jobsRunBy("node-b", restart), cluster.reviews.get());

        // A request A had begun to serve (its raw body is in the inbox) is answered. One still in the socket when A
        // stopped listening was never read (no answer, or the server's 503, and no inbox entry): the client retries
        // it elsewhere. So every inbox entry of such an inquiry belongs to a call that got a 2xx/4xx answer.
        assertThat(inFlightAtTerm).as("requests A was serving when told to stop finished").allSatisfy(c -> {
            if (c.status < 200 || c.status > 299) {
                assertThat(cluster.inboxEntries(c.externalId)).as(c.externalId + ": stored only by answered calls")
                        .isEqualTo(term.calls.stream().filter(x -> x.externalId.equals(c.externalId)
                                && x.status >= 200 && x.status < 500).count());
            }
        });
        assertThat(lockedByA).as("jobs locked by A after it stopped").isZero();
        assertThat(cluster.jobsRunBy("node-b", restart)).as("B rejoined: it runs jobs again").isPositive();
        assertThat(term.acceptedBy(b2)).as("B rejoined: it accepts requests again").isPositive();
        cluster.assertEverythingDoneExactlyOnce(KILL_WAVE + TERM_WAVE);
        invoices.assertEachOnceAndPaidOnce(db);
        cluster.assertTelemetryKeptAndCasesClosedOneAtATime();
        cluster.assertEveryInstanceCompleted(backOffice);
        assertThat(cluster.reviews.get()).as("reviews completed by the approver").isPositive();
        int straight = db.sql("SELECT count(*) FROM act_hi_procinst p JOIN act_re_procdef d ON d.id_ ="
                + " p.proc_def_id_ WHERE d.key_ = 'support-triage' AND NOT EXISTS (SELECT 1 FROM act_hi_taskinst t"
                + " WHERE t.proc_inst_id_ = p.id_)").query(Integer.class).single();
        assertThat(straight).as("straight-through instances").isPositive();

        Path report = Path.of("target", "cluster-test", "node-kill.json");
        Files.writeString(report, """
                {"killWave": %d, "termWave": %d, "reviews": %d, "straightThrough": %d, "acceptedByB": %d,
                 "killedAtDone": %d, "retriedOnA": %d, "startupS": %.1f, "killWaveS": %.1f, "drainS": %.1f,
                 "rejoinS": %.1f, "stopS": %.1f, "inFlightAtTerm": %d, "jobsOfA": %.0f, "invoices": %d,
                 "invoicesPaid": %d, "invoicesFourEyes": %d, "telemetryBatches": %d, "maintenanceCases": %d,
                 "killedRun": %d, "lost": 0, "duplicated": 0}
                """.formatted(KILL_WAVE, TERM_WAVE, cluster.reviews.get(), straight, kill.acceptedBy(b),
                killedAtDone, kill.retried.get(), startupS, wave1S, drainS, rejoinS, stopS, inFlightAtTerm.size(),
                aJobShare, invoices.accepted.size(), invoices.accepted.size(), fourEyes,
                cluster.telemetryBatches.size(), cases, killedRun));
        // What the cluster-throughput bench's RESULT line reports of this run (the assertions above make lost and
        // duplicated zero, or the test fails before this line)
        System.out.printf("node-kill RESULT killed_run=%d lost=0 duplicated=0 drain_s=%.1f%n", killedRun, drainS);
    }

    private Node start(String name, String url, Path work, long lockMillis) throws Exception {
        Node node = ClusterNodes.start(name, url, work.resolve(name), work.resolve("shared-models"), List.of(
                // Mixed load: confident decisions go straight through, the vague texts go to review.
                "--stratum.intelligence.models.support-topic.threshold=0.45",
                "--stratum.intelligence.models.support-urgency.threshold=0",
                // Intake a node died in (stored, never answered or started) is finished by another within seconds.
                "--stratum.ingestion.start-timeout=PT5S",
                "--stratum.ingestion.retry.interval=PT3S",
                "--stratum.ingestion.documents.start-timeout=PT5S",
                "--stratum.ingestion.documents.retry.interval=PT3S",
                // Any node may run an invoice's extraction: the uploaded files are on storage all nodes share.
                "--stratum.ingestion.documents.data-dir=" + work.resolve("shared-documents"),
                "--camunda.bpm.job-execution.lock-time-in-millis=" + lockMillis));
        nodes.add(node);
        return node;
    }

    record Call(String externalId, Node node, Instant sent, Instant ended, int status) {
    }

    /** One batch of inquiries, paced, spread over the live nodes, each retried elsewhere until answered. */
    final class Wave {
        final List<Call> calls = new CopyOnWriteArrayList<>();
        final List<Future<?>> sends = new ArrayList<>();
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger retried = new AtomicInteger();
        final ExecutorService clients = Executors.newFixedThreadPool(6);

        boolean finished() {
            return sends.stream().allMatch(Future::isDone);
        }

        void await() throws Exception {
            for (Future<?> f : sends) {
                f.get(120, TimeUnit.SECONDS);
            }
            clients.shutdown();
        }

        long acceptedBy(Node node) {
            return calls.stream().filter(c -> c.node == node && c.status == 202).count();
        }
    }

    final class Cluster {
        final JdbcClient db;
        final Map<Node, Boolean> alive = new ConcurrentHashMap<>();
        final AtomicInteger reviews = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();

        Cluster(JdbcClient db) {
            this.db = db;
        }

        List<Node> live() {
            return alive.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                    .sorted((x, y) -> x.name.compareTo(y.name)).toList();
        }

        Wave send(String prefix, int count) {
            Wave wave = new Wave();
            Instant start = Instant.now();
            for (int i = 0; i < count; i++) {
                int n = i;
                Instant due = start.plusMillis(SUBMIT_INTERVAL_MILLIS * i);
                wave.sends.add(wave.clients.submit(() -> {
                    sleep(Math.max(0, Duration.between(Instant.now(), due).toMillis()));
                    String externalId = prefix + "-" + n;
                    String body = "{\"channel\":\"api\",\"from\":\"client" + n + "@acme.example\",\"externalId\":\""
                            + externalId + "\",\"body\":\"" + TEXTS[n % TEXTS.length].formatted(1000 + n) + "\"}";
                    Instant giveUp = Instant.now().plus(DRAIN); // retried on the live nodes until answered
                    for (int attempt = 0; Instant.now().isBefore(giveUp); attempt++) {
                        List<Node> live = live();
                        Node target = live.get((n + attempt) % live.size());
                        Instant sent = Instant.now();
                        HttpResponse<String> res = target.call("POST", "/api/inquiries", "demo", body);
                        int status = res == null ? -1 : res.statusCode();
                        wave.calls.add(new Call(externalId, target, sent, Instant.now(), status));
                        if (status == 200 || status == 202) {
                            wave.answered.incrementAndGet();
                            return null;
                        }
                        if (attempt == 0) {
                            wave.retried.incrementAndGet();
                        }
                        sleep(300);
                    }
                    throw new AssertionError(externalId + " never accepted");
                }));
            }
            return wave;
        }

        /** A scripted approver: takes the AI's proposal in the open reviews of its slot, on whichever node is up. */
        void approve(int slot) {
            while (!stop.get()) {
                try {
                    List<Node> live = live();
                    Node node = live.get(reviews.get() % live.size());
                    HttpResponse<String> tasks = node.call("GET", "/engine-rest/task?taskDefinitionKey=ReviewTriage"
                            + "&maxResults=60", "approver", null);
                    if (tasks == null || tasks.statusCode() != 200 || JSON.readTree(tasks.body()).isEmpty()) {
                        sleep(300);
                        continue;
                    }
                    for (JsonNode task : JSON.readTree(tasks.body())) {
                        String id = task.path("id").asText();
                        if (Math.floorMod(id.hashCode(), APPROVERS) != slot) {
                            continue;
                        }
                        HttpResponse<String> form = node.call("GET", "/engine-rest/task/" + id + "/form-variables",
                                "approver", null);
                        if (form == null || form.statusCode() != 200) {
                            continue;
                        }
                        JsonNode v = JSON.readTree(form.body());
                        node.call("POST", "/engine-rest/task/" + id + "/claim", "approver", "{\"userId\":\"approver\"}");
                        String submit = JSON.writeValueAsString(Map.of("variables", Map.of(
                                "topic", Map.of("value", v.path("topic").path("value").asText()),
                                "urgency", Map.of("value", v.path("urgency").path("value").asText()),
                                "reply", Map.of("value", v.path("reply").path("value").asText("Thank you.")))));
                        HttpResponse<String> done = node.call("POST", "/engine-rest/task/" + id + "/submit-form",
                                "approver", submit);
                        if (done != null && done.statusCode() / 100 == 2) {
                            reviews.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    sleep(300); // a node going away mid-call: the next round asks another
                }
            }
        }

        int done() {
            return db.sql("SELECT count(*) FROM inquiry WHERE status = 'DONE'").query(Integer.class).single();
        }

        /**
         * Every inquiry done, no inbox entry or uploaded document waiting to be judged or started, no job due and no
         * process instance running (the scripted people work every task).
         */
        boolean settled(int expected) {
            return done() >= expected && db.sql("SELECT count(*) FROM act_ru_execution").query(Integer.class)
                    .single() == 0 && db.sql("SELECT count(*) FROM inbox WHERE status NOT IN ('ACCEPTED',"
                    + " 'DUPLICATE')").query(Integer.class).single() == 0
                    && db.sql("SELECT count(*) FROM document WHERE process_instance_id IS NULL AND status <> 'REJECTED'")
                    .query(Integer.class).single() == 0
                    && db.sql("SELECT count(*) FROM act_ru_job WHERE retries_ > 0 AND (duedate_ IS NULL OR duedate_"
                    + " <= now())").query(Integer.class).single() == 0;
        }

        final List<String> telemetryBatches = new CopyOnWriteArrayList<>();

        /** Invoice uploads paced over {@code spread}, each retried on the live nodes until answered. */
        Future<?> sendInvoices(ClusterInvoices invoices, Duration spread) {
            return background(() -> {
                for (int i = 0; i < invoices.pdfs.size(); i++) {
                    sleep(spread.toMillis() / invoices.pdfs.size());
                    byte[] body = ClusterInvoices.multipart(invoices.pdfs.get(i), "invoice-" + i + ".pdf");
                    JsonNode answer = untilAnswered(i, node -> node.call("POST", "/api/invoices", "demo",
                            "multipart/form-data; boundary=" + ClusterInvoices.BOUNDARY, body));
                    invoices.accepted(i, answer.path("documentId").asText());
                }
                return null;
            });
        }

        /**
         * Telemetry batches paced over {@code spread}: each has one high-risk reading for two of the risky assets (an
         * overstrained spindle) and healthy readings for others, so the cases of the risky assets are opened and
         * updated from both nodes at once.
         */
        Future<?> sendTelemetry(int batches, Duration spread) {
            return background(() -> {
                for (int i = 0; i < batches; i++) {
                    sleep(spread.toMillis() / batches);
                    List<Map<String, Object>> readings = List.of(
                            reading(RISKY_ASSETS[i % RISKY_ASSETS.length], 300.0, 310.4, 1360, 68, 225),
                            reading(RISKY_ASSETS[(i + 1) % RISKY_ASSETS.length], 300.1, 310.2, 1200, 70, 230),
                            reading(HEALTHY_ASSETS[i % HEALTHY_ASSETS.length], 298.4, 308.7, 1551, 42.8, 10));
                    String json = JSON.writeValueAsString(readings);
                    JsonNode answer = untilAnswered(i, node -> node.call("POST", "/api/telemetry", "demo", json));
                    assertThat(answer.path("accepted").asInt()).as("telemetry batch " + i).isEqualTo(3);
                    telemetryBatches.add(answer.path("rawId").asText());
                }
                return null;
            });
        }

        private Future<?> background(Callable<Object> work) {
            ExecutorService one = Executors.newSingleThreadExecutor();
            Future<?> f = one.submit(work);
            one.shutdown();
            return f;
        }

        /** Sends to the live nodes in turn until one answers 2xx, like a client with a retry policy. */
        private JsonNode untilAnswered(int n, java.util.function.Function<Node, HttpResponse<String>> send)
                throws Exception {
            Instant giveUp = Instant.now().plus(DRAIN);
            for (int attempt = 0; Instant.now().isBefore(giveUp); attempt++) {
                List<Node> live = live();
                HttpResponse<String> res = send.apply(live.get((n + attempt) % live.size()));
                if (res != null && res.statusCode() / 100 == 2) {
                    return JSON.readTree(res.body());
                }
                sleep(300);
            }
            throw new AssertionError("request " + n + " never answered");
        }

        /**
         * Every answered batch kept with all its readings. Cases: only the risky assets had any; each was counted once
         * under the asset's case lock; no asset ever had two open at once (a reading after a case closed opens the
         * next); each has its one work order, done, and one visit mail.
         *
         * @return how many cases there were
         */
        int assertTelemetryKeptAndCasesClosedOneAtATime() {
            for (String rawId : telemetryBatches) {
                assertThat(db.sql("SELECT count(*) FROM telemetry_reading WHERE raw_id = ?").param(rawId)
                        .query(Integer.class).single()).as("readings of batch " + rawId).isEqualTo(3);
            }
            String cases = "SELECT p.id_, p.business_key_, p.start_time_, p.end_time_ FROM act_hi_procinst p JOIN"
                    + " act_re_procdef d ON d.id_ = p.proc_def_id_ WHERE d.key_ = 'predictive-maintenance'";
            List<Map<String, Object>> all = db.sql(cases).query().listOfRows();
            assertThat(all.stream().map(c -> (String) c.get("business_key_")).distinct())
                    .as("assets with maintenance cases").containsExactlyInAnyOrder(RISKY_ASSETS);
            for (String asset : RISKY_ASSETS) {
                assertThat(db.sql("SELECT opened FROM maintenance_case_lock WHERE asset_id = ?").param(asset)
                        .query(Long.class).single()).as("cases opened for " + asset)
                        .isEqualTo(all.stream().filter(c -> asset.equals(c.get("business_key_"))).count());
            }
            assertThat(db.sql("SELECT count(*) FROM (" + cases + ") x JOIN (" + cases + ") y ON x.business_key_ ="
                    + " y.business_key_ AND x.id_ < y.id_ AND x.start_time_ < coalesce(y.end_time_, now()) AND"
                    + " y.start_time_ < coalesce(x.end_time_, now())").query(Integer.class).single())
                    .as("cases of one asset open at the same time").isZero();
            for (Map<String, Object> c : all) {
                assertThat(db.sql("SELECT status FROM work_order WHERE case_id = ?").param(c.get("id_"))
                        .query(String.class).list()).as("work orders of case " + c.get("id_")).containsExactly("DONE");
                assertThat(db.sql("SELECT count(*) FROM outbox_message o JOIN work_order w ON o.idempotency_key ="
                        + " 'visit:' || w.id WHERE w.case_id = ?").param(c.get("id_")).query(Integer.class).single())
                        .as("visit mails of case " + c.get("id_")).isEqualTo(1);
            }
            return all.size();
        }

        /** No process instance of any kind still running or ended otherwise than completed; no task, no incident. */
        void assertEveryInstanceCompleted(ClusterBackOffice backOffice) {
            assertThat(db.sql("SELECT d.key_ || ' ' || coalesce(p.business_key_, '') || ' at ' || coalesce(e.act_id_,"
                    + " '?') FROM act_ru_execution e JOIN act_re_procdef d ON d.id_ = e.proc_def_id_ JOIN act_ru_execution"
                    + " p ON p.id_ = e.proc_inst_id_ WHERE e.act_id_ IS NOT NULL").query(String.class).list())
                    .as("instances still running (tasks worked %s, last refusals %s)", backOffice.completed,
                            backOffice.lastRefusal).isEmpty();
            assertThat(db.sql("SELECT count(*) FROM act_ru_execution").query(Integer.class).single()).isZero();
            assertThat(db.sql("SELECT count(*) FROM act_ru_task").query(Integer.class).single()).isZero();
            assertThat(db.sql("SELECT count(*) FROM act_ru_incident").query(Integer.class).single()).isZero();
            assertThat(db.sql("SELECT state_ || ' ' || proc_def_key_ || ' ' || coalesce(business_key_, '') FROM"
                    + " act_hi_procinst WHERE state_ <> 'COMPLETED'").query(String.class).list())
                    .as("instances not completed").isEmpty();
        }

        long inboxEntries(String externalId) {
            return db.sql("SELECT count(*) FROM inbox WHERE payload LIKE ?")
                    .param("%\"externalId\":\"" + externalId + "\"%").query(Long.class).single();
        }

        int jobsRunBy(String node, Instant since) {
            return db.sql("SELECT count(*) FROM act_hi_job_log WHERE hostname_ = ? AND timestamp_ >= ?"
                    + " AND job_state_ = 2").params(node, Timestamp.from(since)).query(Integer.class).single();
        }

        /** Every accepted input: one inquiry, one process instance, completed, one ticket, one acknowledgement. */
        void assertEverythingDoneExactlyOnce(int expected) {
            assertThat(db.sql("SELECT count(*) FROM inquiry").query(Integer.class).single()).isEqualTo(expected);
            assertThat(done()).as("inquiries DONE").isEqualTo(expected);
            // Inquiries only: an asset's maintenance cases share its key, and a case closed quickly (quiet machine) may
            // be followed by the asset's next one; those are checked one open case at a time below.
            assertThat(db.sql("""
                    SELECT business_key_ FROM act_hi_procinst WHERE proc_def_key_ = 'support-triage'
                    GROUP BY business_key_ HAVING count(*) > 1""").query(String.class).list())
                    .as("duplicated triage instances").isEmpty();
            assertThat(db.sql("SELECT count(*) FROM act_hi_procinst WHERE end_time_ IS NOT NULL AND business_key_ IN"
                    + " (SELECT id FROM inquiry)").query(Integer.class).single()).isEqualTo(expected);
            assertThat(db.sql("SELECT count(*) FROM act_ru_execution e JOIN act_re_procdef d ON d.id_ ="
                    + " e.proc_def_id_ WHERE d.key_ = 'support-triage'").query(Integer.class).single())
                    .as("triage instances still running").isZero();
            assertThat(db.sql("SELECT count(*) FROM act_ru_incident").query(Integer.class).single()).isZero();
            assertThat(db.sql("SELECT count(*) FROM ticket").query(Integer.class).single()).isEqualTo(expected);
            assertThat(db.sql("SELECT count(DISTINCT inquiry_id) FROM ticket").query(Integer.class).single())
                    .isEqualTo(expected);
            assertThat(db.sql("SELECT count(*) FROM outbox_message WHERE idempotency_key LIKE 'ack:%'")
                    .query(Integer.class).single()).as("one acknowledgement per inquiry").isEqualTo(expected);
            assertThat(db.sql("SELECT count(DISTINCT inquiry_id) FROM inbox WHERE status = 'ACCEPTED'")
                    .query(Integer.class).single()).as("inbox").isEqualTo(expected);
            assertThat(db.sql("SELECT count(*) FROM inbox WHERE status NOT IN ('ACCEPTED', 'DUPLICATE')")
                    .query(Integer.class).single()).as("inbox entries neither accepted nor duplicate").isZero();
        }
    }

    static Map<String, Object> reading(String assetId, double air, double process, double rpm, double torque,
                                       double wear) {
        return Map.of("assetId", assetId, "airTemperature", air, "processTemperature", process,
                "rotationalSpeed", rpm, "torque", torque, "toolWear", wear);
    }

    private static double secondsSince(Instant t) {
        return Duration.between(t, Instant.now()).toMillis() / 1000.0;
    }
}
