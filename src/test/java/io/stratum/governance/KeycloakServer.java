package io.stratum.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A real Keycloak for the keycloak-profile tests: the distribution from Maven Central (copied to target/keycloak/ by
 * the build) is unpacked once, started in development mode (in-memory database) on a free 127.0.0.1 port with the
 * demo realm of deployment/keycloak/ imported, and stopped when the test JVM exits. One start serves all test
 * classes. The test copy of the realm differs in two ways: any redirect URI is accepted (the test server's port is
 * random) and a client {@value #EXPIRING_CLIENT} issues tokens that live one second.
 */
public final class KeycloakServer {

    public static final String EXPIRING_CLIENT = "stratum-test-expiring";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path HOME = Path.of("target", "keycloak");
    private static KeycloakServer shared;

    private final String url;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    /** The one Keycloak of this test JVM, started on first use (~30 s; the first start after unpacking also builds the server, 1–2 min). */
    public static synchronized KeycloakServer shared() {
        if (shared == null) {
            try {
                shared = new KeycloakServer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    private KeycloakServer() throws IOException, InterruptedException {
        String running = System.getProperty("stratum.test.keycloak", "");
        if (!running.isBlank()) {
            // A Keycloak started by hand with the test realm (target/keycloak/.../data/import), for quick reruns.
            url = running;
            process = null;
            awaitReady(Duration.ofSeconds(30));
            return;
        }
        Path dist = unpack();
        Path imports = dist.resolve("data/import");
        Files.createDirectories(imports);
        JSON.writerWithDefaultPrettyPrinter().writeValue(imports.resolve("stratum-realm.json").toFile(), testRealm());
        int port = freePort();
        url = "http://127.0.0.1:" + port;
        ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/kc.sh").toAbsolutePath().toString(),
                "start-dev", "--http-host=127.0.0.1", "--http-port=" + port, "--db=dev-mem", "--import-realm")
                .redirectErrorStream(true)
                .redirectOutput(HOME.resolve("keycloak.log").toFile());
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
        process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
        awaitReady(Duration.ofMinutes(8));
    }

    public String url() {
        return url;
    }

    public String issuer() {
        return url() + "/realms/stratum";
    }

    /** An access token for {@code user} (password = user name) from the public client stratum-cli, cached. */
    public String token(String user) {
        return tokens.computeIfAbsent(user, u -> passwordGrant("stratum-cli", u));
    }

    /** A fresh access token from {@code clientId} by password grant (a public client). */
    public String passwordGrant(String clientId, String user) {
        return tokenRequest(Map.of("grant_type", "password", "client_id", clientId, "username", user,
                "password", user, "scope", "openid"));
    }

    /** A password-grant token from the confidential server client: valid, but not meant for the API. */
    public String serverClientToken(String user) {
        return tokenRequest(Map.of("grant_type", "password", "client_id", "stratum-server",
                "client_secret", "stratum-server-secret", "username", user, "password", user));
    }

    /** A machine's token (client credentials), e.g. stratum-ci, whose service account is an analyst. */
    public String clientCredentials(String clientId, String secret) {
        return tokenRequest(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret));
    }

    private String tokenRequest(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> res = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token (" + form.get("client_id") + "): "
                        + res.statusCode() + " " + res.body());
            }
            return JSON.readTree(res.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        HttpRequest probe = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        while (Instant.now().isBefore(end)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ", see "
                        + HOME.resolve("keycloak.log"));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        if (process != null) {
            stop();
        }
        throw new IllegalStateException("Keycloak not ready after " + timeout + ", see " + HOME.resolve("keycloak.log"));
    }

    private void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode testRealm() throws IOException {
        ObjectNode realm = (ObjectNode) JSON.readTree(Path.of("deployment/keycloak/stratum-realm.json").toFile());
        ArrayNode clients = (ArrayNode) realm.get("clients");
        JsonNode cli = null;
        for (JsonNode client : clients) {
            if (client.path("clientId").asText().equals("stratum-server")) {
                ((ObjectNode) client).putArray("redirectUris").add("*");
            }
            if (client.path("clientId").asText().equals("stratum-cli")) {
                cli = client;
            }
        }
        ObjectNode expiring = ((ObjectNode) cli).deepCopy();
        expiring.put("clientId", EXPIRING_CLIENT);
        expiring.put("name", "Tokens that expire at once (tests)");
        expiring.putObject("attributes").put("access.token.lifespan", "1");
        clients.add(expiring);
        return realm;
    }

    /** Unpacks the distribution under target/keycloak/ unless a previous run did. */
    private static Path unpack() throws IOException {
        Path zip = Path.of(System.getProperty("keycloak.dist", ""));
        if (!Files.isRegularFile(zip)) {
            try (var found = Files.list(HOME)) {
                zip = found.filter(p -> p.getFileName().toString().matches("keycloak-quarkus-dist-.*\\.zip"))
                        .findFirst().orElseThrow(() -> new IllegalStateException(
                                "No Keycloak distribution in " + HOME + ": run the build (mvn test) to fetch it"));
            }
        }
        String version = zip.getFileName().toString().replaceAll("keycloak-quarkus-dist-(.*)\\.zip", "$1");
        Path dist = HOME.resolve("keycloak-" + version);
        if (Files.isExecutable(dist.resolve("bin/kc.sh"))) {
            return dist;
        }
        Path staging = Files.createTempDirectory(HOME, "unpack");
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = staging.resolve(entry.getName()).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("Bad entry in " + zip + ": " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (entry.getName().endsWith(".sh")) {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
        Files.move(staging.resolve("keycloak-" + version), dist, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(staging);
        return dist;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
