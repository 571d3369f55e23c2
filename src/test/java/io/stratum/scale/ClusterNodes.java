package io.stratum.scale;

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
import java.util.concurrent.TimeUnit;

/**
 * Stratum server JVMs started from the test classpath (Camunda's engine is JVM-wide, so each node is its own process),
 * for the cluster test and the cluster benchmark. Logs go to {@code target/cluster-test/<name>.log} (appended, so a
 * restarted node's log keeps its first life).
 */
public final class ClusterNodes {

    // Generous: on a 2-core machine shared with other builds a start has taken almost 4 minutes.
    static final Duration START = Duration.ofSeconds(480);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ClusterNodes() {
    }

    /**
     * Starts a node.
     *
     * @param database JDBC URL, or null for the embedded H2 file under the node's data dir
     * @param args     further {@code --key=value} settings
     */
    public static Node start(String name, String database, Path dataDir, Path modelsDir, List<String> args)
            throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Path.of("target", "cluster-test", name + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-XX:+UseSerialGC",
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-cp", classpath,
                "io.stratum.StratumApplication",
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--stratum.data-dir=" + dataDir,
                // Models promoted anywhere are served everywhere only from shared storage (deployment/postgres).
                "--stratum.intelligence.models-dir=" + modelsDir,
                "--stratum.intelligence.bootstrap-cache=" + Path.of("target", "bootstrap-cache").toAbsolutePath(),
                "--logging.level.root=WARN"));
        if (database != null) {
            cmd.add("--spring.profiles.active=postgres");
        }
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (database != null) {
            pb.environment().put("STRATUM_DB_URL", database);
            pb.environment().put("STRATUM_DB_USER", "postgres");
            pb.environment().put("STRATUM_DB_PASSWORD", "");
        }
        pb.environment().put("STRATUM_NODE_ID", name);
        pb.environment().put("OMP_THREAD_LIMIT", "1");
        return new Node(name, port, pb.start(), log.toFile());
    }

    /** One running server. */
    public static final class Node {
        public final String name;
        public final int port;
        public final Process process;
        final File log;

        Node(String name, int port, Process process, File log) {
            this.name = name;
            this.port = port;
            this.process = process;
            this.log = log;
        }

        public void awaitHealthy() throws IOException {
            Instant end = Instant.now().plus(START);
            while (Instant.now().isBefore(end)) {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited: " + tail());
                }
                HttpResponse<String> res = call("GET", "/actuator/health", null, null);
                if (res != null && res.statusCode() == 200 && res.body().contains("UP")) {
                    return;
                }
                sleep(1000);
            }
            throw new AssertionError(name + " not healthy after " + START + ": " + tail());
        }

        /** HTTP as {@code user} (password = user name); null when the node did not answer (gone or going). */
        public HttpResponse<String> call(String method, String path, String user, String json) {
            return call(method, path, user, "application/json",
                    json == null ? null : json.getBytes(StandardCharsets.UTF_8));
        }

        /** Like {@link #call(String, String, String, String)} with any body and content type. */
        public HttpResponse<String> call(String method, String path, String user, String contentType, byte[] body) {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            if (body != null) {
                req.header("Content-Type", contentType);
            }
            if (user != null) {
                req.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
            }
            try {
                return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        /** SIGKILL: no shutdown hook, no graceful anything. */
        public void kill() throws InterruptedException {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }

        /** SIGTERM: Spring's graceful shutdown. */
        public void terminate() {
            process.destroy();
        }

        public String tail() throws IOException {
            List<String> lines = Files.readAllLines(log.toPath());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
