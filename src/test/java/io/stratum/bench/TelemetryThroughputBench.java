package io.stratum.bench;

import io.stratum.StratumIntegrationTest;
import io.stratum.maintenance.MosquittoBroker;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Telemetry readings scored (failure model, anomaly baseline) and stored per second on one node (the test profile's
 * in-memory H2; {@code --h2-file}: an H2 file, the product's default), fed through a real mosquitto broker on the node's shared subscription: MQTT messages of
 * {@code --batch} readings each (healthy ones, so no cases open), {@code --warmup} readings first, then
 * {@code --readings} timed from the first publish until the last reading is in {@code telemetry_reading}. The
 * publisher runs in the same JVM (and on the same cores) as the node; its messages are built before the clock starts.
 * Also the JVM's CPU time per reading over the timed window (steadier than readings/s on a shared machine; it
 * includes the publisher's sending and the benchmark's polling), the CPU time of the node's MQTT callback thread
 * alone per reading (the intake's own cost) and the load average. {@code --jfr FILE} records the timed window with
 * Java Flight Recorder.
 * <pre>./stratum bench telemetry-throughput [--readings 20000 --batch 100 --warmup 2000 --jfr FILE --h2-file]</pre>
 */
@StratumIntegrationTest
class TelemetryThroughputBench {

    static MosquittoBroker broker;

    @DynamicPropertySource
    static void mqtt(DynamicPropertyRegistry registry) throws Exception {
        broker = MosquittoBroker.start();
        registry.add("stratum.telemetry.mqtt.broker-url", broker::url);
        // --h2-file: the product's default database (an H2 file) instead of the test profile's in-memory H2.
        if (BenchArgs.parse(System.getProperty("bench.args", "")).containsKey("h2-file")) {
            Path db = Path.of(System.getProperty("bench.cwd", "."), "target", "bench",
                    "telemetry-db-" + System.nanoTime(), "stratum").toAbsolutePath();
            registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + db + ";DB_CLOSE_ON_EXIT=FALSE");
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void telemetryThroughput() throws Exception {
        Map<String, String> args = BenchArgs.parse(System.getProperty("bench.args", ""));
        int readings = Integer.parseInt(args.getOrDefault("readings", "20000"));
        int batch = Integer.parseInt(args.getOrDefault("batch", "100"));
        int warmup = Integer.parseInt(args.getOrDefault("warmup", "2000"));
        Random random = new Random(11);
        MqttAsyncClient publisher = new MqttAsyncClient(broker.url(), "bench-publisher", new MemoryPersistence());
        publisher.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
        Instant t0 = Instant.now().minusSeconds(3600); // recent: within retention, not in the future
        long before = count();
        publish(publisher, messages(warmup, batch, random, t0));
        awaitCount(before + warmup);

        List<Map.Entry<String, byte[]>> timed = messages(readings, batch, random, t0.plusMillis(warmup));
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Recording jfr = null;
        if (args.containsKey("jfr")) {
            jfr = new Recording(Configuration.getConfiguration("profile"));
            jfr.setDestination(Path.of(args.get("jfr")));
            jfr.start();
        }
        long cpuStart = os.getProcessCpuTime();
        long intakeStart = intakeThreadCpu();
        long start = System.nanoTime();
        long base = count();
        publish(publisher, timed);
        long published = System.nanoTime();
        awaitCount(base + readings);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMsPerThousand = (os.getProcessCpuTime() - cpuStart) / 1e6 / readings * 1000;
        double intakeMsPerThousand = (intakeThreadCpu() - intakeStart) / 1e6 / readings * 1000;
        double load = os.getSystemLoadAverage();
        if (jfr != null) {
            jfr.stop();
            jfr.close();
        }
        publisher.disconnect().waitForCompletion(10_000);
        publisher.close();
        long dead = jdbc.sql("SELECT COUNT(*) FROM telemetry_dead_letter").query(Long.class).single();

        double perSecond = readings / seconds;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("readings", readings);
        json.put("batch", batch);
        json.put("warmup", warmup);
        json.put("seconds", Math.round(seconds * 100) / 100.0);
        json.put("publishSeconds", Math.round((published - start) / 1e7) / 100.0);
        json.put("readingsPerSecond", Math.round(perSecond));
        json.put("cpuMsPerThousandReadings", Math.round(cpuMsPerThousand * 10) / 10.0);
        json.put("intakeThreadCpuMsPerThousandReadings", Math.round(intakeMsPerThousand * 10) / 10.0);
        json.put("loadAverage", load);
        json.put("deadLetters", dead);
        System.out.println();
        System.out.printf(Locale.ROOT, "%-10s %-6s %10s %12s %12s %14s %14s %8s %6s%n", "readings", "batch",
                "seconds", "publish s", "readings/s", "CPU ms/1000", "intake ms/1000", "dead", "load");
        System.out.printf(Locale.ROOT, "%-10d %-6d %10.2f %12.2f %12.0f %14.1f %14.1f %8d %6.1f%n", readings, batch,
                seconds, (published - start) / 1e9, perSecond, cpuMsPerThousand, intakeMsPerThousand, dead, load);
        System.out.println("CPU ms/1000: the whole JVM (node, publisher, polling, JIT, GC); intake ms/1000: the node's "
                + "MQTT callback thread alone (parse, validate, score, store).");
        System.out.println("One node, " + (args.containsKey("h2-file") ? "H2 file" : "in-memory H2")
                + ", broker and publisher on the same shared 2-core machine: noisy.");
        Path out = Path.of(System.getProperty("bench.cwd", "."), "target", "bench", "telemetry-throughput.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, io.stratum.ServerCalls.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        System.out.printf(Locale.ROOT, "RESULT telemetry-throughput readings_per_s=%.0f cpu_ms_per_1000=%.1f "
                + "intake_ms_per_1000=%.1f readings=%d batch=%d dead_letters=%d load=%.1f%n", perSecond, cpuMsPerThousand,
                intakeMsPerThousand, readings, batch, dead, load);
    }

    /** CPU time of the node's MQTT callback threads (paho names them "MQTT Call: <client id>"). */
    private static long intakeThreadCpu() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("MQTT Call: stratum-")) {
                total += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return total;
    }

    /**
     * Readings stored so far, as the highest id: the ids only grow and nothing else writes readings here, and unlike
     * COUNT(*) (which H2 computes by walking open transactions) it is one index lookup, so polling it does not eat
     * the CPU being measured.
     */
    private long count() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM telemetry_reading").query(Long.class).single();
    }

    private void awaitCount(long target) throws InterruptedException {
        long last = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long n = count();
            if (n >= target) {
                return;
            }
            if (n != last) {
                last = n;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > 60e9) {
                throw new IllegalStateException("stalled at " + n + " of " + target + " readings");
            }
            Thread.sleep(100);
        }
    }

    /** Healthy readings for the demo assets, {@code batch} per message, one topic per asset. */
    private static List<Map.Entry<String, byte[]>> messages(int n, int batch, Random random, Instant from) {
        List<Map.Entry<String, byte[]>> messages = new ArrayList<>();
        String[] assets = {"M-1001", "M-1002", "M-1003"};
        for (int sent = 0, msg = 0; sent < n; msg++) {
            String asset = assets[msg % assets.length];
            StringBuilder json = new StringBuilder("[");
            int size = Math.min(batch, n - sent);
            for (int i = 0; i < size; i++) {
                if (i > 0) {
                    json.append(',');
                }
                json.append(String.format(Locale.ROOT, "{\"assetId\":\"%s\",\"measuredAt\":\"%s\","
                                + "\"airTemperature\":%.1f,\"processTemperature\":%.1f,\"rotationalSpeed\":%d,"
                                + "\"torque\":%.1f,\"toolWear\":%d}", asset, from.plusMillis(sent + i),
                        300 + random.nextGaussian() * 0.5, 310 + random.nextGaussian() * 0.5,
                        1500 + random.nextInt(60), 40 + random.nextGaussian(), 20 + random.nextInt(40)));
            }
            json.append(']');
            messages.add(Map.entry("stratum/telemetry/" + asset, json.toString().getBytes(StandardCharsets.UTF_8)));
            sent += size;
        }
        return messages;
    }

    /** QoS 1 with up to 10 messages in flight, so the publisher waits for acknowledgements but not each round trip. */
    private static void publish(MqttAsyncClient publisher, List<Map.Entry<String, byte[]>> messages)
            throws Exception {
        java.util.ArrayDeque<IMqttToken> inFlight = new java.util.ArrayDeque<>();
        for (Map.Entry<String, byte[]> m : messages) {
            MqttMessage message = new MqttMessage(m.getValue());
            message.setQos(1);
            if (inFlight.size() >= 10) {
                inFlight.poll().waitForCompletion(60_000);
            }
            while (true) {
                try {
                    inFlight.add(publisher.publish(m.getKey(), message));
                    break;
                } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                    // The client frees an in-flight slot a moment after the token completes: wait for it.
                    if (e.getReasonCode() != org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                        throw e;
                    }
                    Thread.sleep(1);
                }
            }
        }
        for (IMqttToken token : inFlight) {
            token.waitForCompletion(60_000);
        }
    }
}
