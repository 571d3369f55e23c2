package io.stratum.maintenance;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real MQTT v5 broker for tests: Debian's mosquitto (installed by {@code ./stratum test}) on a free local port,
 * anonymous, no persistence. Stopped with the JVM at the latest.
 */
public final class MosquittoBroker implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Process process;
    private final int port;

    private MosquittoBroker(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static MosquittoBroker start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("mosquitto not found at " + BINARY
                    + ": run the tests with ./stratum test, which installs it (or apt-get install mosquitto)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dir = Files.createDirectories(Path.of("target", "mosquitto"));
        Path conf = dir.resolve("mosquitto-" + port + ".conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        Process process = new ProcessBuilder(BINARY.toString(), "-c", conf.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto-" + port + ".log").toFile()).start();
        MosquittoBroker broker = new MosquittoBroker(process, port);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        Instant end = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(end)) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return broker;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("mosquitto exited with " + process.exitValue());
                }
                Thread.sleep(100);
            }
        }
        broker.close();
        throw new IllegalStateException("mosquitto did not listen on port " + port);
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
