package io.stratum.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.StratumIntegrationTest;
import io.stratum.ingestion.document.TestDocuments;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus (src/test/resources/bad-input/manifest.tsv) against one whole server on PostgreSQL, the
 * stricter of the two databases: every case gets its expected status, every 4xx is RFC 9457 problem JSON with a
 * readable title/detail, every inquiry POST leaves exactly one inbox row with the expected status, a rejected CSV
 * changes no customer, and the server is healthy afterwards.
 */
@StratumIntegrationTest
@ActiveProfiles({"test", "postgres"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCorpusTests {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String VALID = "{\"channel\":\"web\",\"from\":\"corpus@acme.example\",\"body\":\"%s\"}";
    /** Manifest detail of cases the servlet container refuses itself (its HTML error page, not problem JSON). */
    static final String CONTAINER = "(container)";
    static final String CSV_HEADER = "id,name,emailDomain,tier,contractValue\n";

    record Case(String id, String method, String path, String contentType, String body, int status, String inbox,
                String detail, String note) {
        @Override
        public String toString() {
            return id;
        }
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres pg = EmbeddedPostgresSupport.shared();
        String db = "corpus_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        EmbeddedPostgresSupport.freshDatabase(pg, db);
        registry.add("spring.datasource.url", () -> EmbeddedPostgresSupport.jdbcUrl(pg, db));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        // The corpus is about the doors; accepted inquiries need not be classified.
        registry.add("camunda.bpm.job-execution.enabled", () -> "false");
        registry.add("stratum.ingestion.retry.enabled", () -> "false");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();
    static final Set<String> seenInbox = new HashSet<>();
    static int casesRun;

    static Stream<Case> corpus() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = resource("manifest.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                cases.add(new Case(f[0], f[1], f[2], f[3], f[4], Integer.parseInt(f[5]), f[6], f[7],
                        f.length > 8 ? f[8] : ""));
            }
        }
        return cases.stream();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void caseGetsItsExpectedAnswer(Case c) throws Exception {
        boolean inboxDoor = c.path().equals("/api/inquiries") && c.method().equals("POST");
        boolean csvDoor = c.path().equals("/api/customers/import");
        Set<String> inboxBefore = inboxIds();
        int customersBefore = customers();

        HttpResponse<String> res = send(c);

        String what = c.id() + " -> " + res.statusCode() + " " + res.headers().firstValue("Content-Type").orElse("")
                + " " + abbreviate(res.body());
        assertThat(res.statusCode()).as(what).isEqualTo(c.status());
        if (c.detail().equals(CONTAINER)) {
            // Refused by Tomcat before any servlet runs: its own error page, nothing of Stratum's involved.
            casesRun++;
            return;
        }
        JsonNode body = json(res.body(), what);
        if (c.status() >= 400) {
            assertThat(res.headers().firstValue("Content-Type").orElse("")).as(what)
                    .startsWith("application/problem+json");
            String title = body.path("title").asText("");
            String detail = body.path("detail").asText("");
            assertThat(title).as(what).isNotBlank();
            assertThat(detail).as(what).isNotBlank();
            assertThat(body.path("status").asInt()).as(what).isEqualTo(c.status());
            if (!c.detail().equals("-")) {
                assertThat((title + " " + detail + " " + body.path("errors")).toLowerCase(Locale.ROOT)).as(what)
                        .contains(c.detail().toLowerCase(Locale.ROOT));
            }
        }

        if (inboxDoor) {
            Set<String> added = inboxIds();
            added.removeAll(inboxBefore);
            assertThat(added).as(what + ": one inbox row per request").hasSize(1);
            String inboxId = added.iterator().next();
            Map<String, Object> row = jdbc.sql("SELECT status, inquiry_id, payload_bytes FROM inbox WHERE id = ?")
                    .param(inboxId).query().singleRow();
            assertThat(row.get("status")).as(what).isEqualTo(c.inbox());
            if (c.status() < 300) {
                assertThat(row.get("inquiry_id")).as(what).isEqualTo(body.path("inquiryId").asText());
            } else if (c.status() == 400) {
                assertThat(body.path("inboxId").asText()).as(what).isEqualTo(inboxId);
                assertThat(((Number) row.get("payload_bytes")).longValue()).isEqualTo(bodyBytes(c).length);
            }
        } else {
            assertThat(inboxIds()).as(what + ": no inbox row").isEqualTo(inboxBefore);
        }
        if (c.path().equals("/api/invoices") && body.hasNonNull("documentId")) {
            // Accepted or refused, the file is in the document inbox, and the answer names it.
            String status = jdbc.sql("SELECT status FROM document WHERE id = ?")
                    .param(body.path("documentId").asText()).query(String.class).single();
            assertThat(status).as(what).isEqualTo(c.status() < 300 ? "STARTED" : "REJECTED");
        } else if (c.path().equals("/api/invoices")) {
            assertThat(c.status()).as(what + ": only shape errors name no document").isIn(400, 415);
        }
        if (csvDoor && c.status() >= 400) {
            assertThat(customers()).as(what + ": all or nothing").isEqualTo(customersBefore);
        }
        casesRun++;
    }

    @Order(2)
    @Test
    void serverIsHealthyAndEveryInquiryPostIsInTheInbox() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/actuator/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("UP");
        long inquiryPosts = corpus().filter(c -> c.path().equals("/api/inquiries") && c.method().equals("POST"))
                .count();
        assertThat(jdbc.sql("SELECT count(*) FROM inbox WHERE source = 'http'").query(Long.class).single())
                .isEqualTo(inquiryPosts);
        assertThat(jdbc.sql("SELECT count(*) FROM inbox WHERE status NOT IN ('ACCEPTED', 'DUPLICATE', 'REJECTED')")
                .query(Long.class).single()).as("nothing stuck or failed").isZero();
        // Accepted inquiries each started exactly one workflow
        assertThat(jdbc.sql("""
                SELECT count(*) FROM inquiry WHERE process_instance_id IS NULL OR status <> 'STARTED'""")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM document WHERE status NOT IN ('STARTED', 'REJECTED')")
                .query(Long.class).single()).as("no document stuck").isZero();
        assertThat(casesRun).isEqualTo((int) corpus().count());
    }

    private HttpResponse<String> send(Case c) throws Exception {
        byte[] bytes = bodyBytes(c);
        HttpRequest.BodyPublisher publisher = c.body().endsWith("-chunked")
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                : bytes.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(bytes);
        HttpRequest.Builder req = HttpRequest.newBuilder(uri(c.path()))
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8)))
                .method(c.method(), c.method().equals("GET") ? HttpRequest.BodyPublishers.noBody() : publisher);
        if (!c.contentType().equals("-")) {
            req.header("Content-Type", c.contentType());
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Set<String> inboxIds() {
        return new HashSet<>(jdbc.sql("SELECT id FROM inbox").query(String.class).list());
    }

    private int customers() {
        return jdbc.sql("SELECT count(*) FROM customer").query(Integer.class).single();
    }

    static byte[] bodyBytes(Case c) throws IOException {
        String b = c.body();
        if (b.equals("-")) {
            return new byte[0];
        }
        if (b.startsWith("file:")) {
            try (InputStream in = resource(b.substring(5))) {
                return in.readAllBytes();
            }
        }
        return generate(b.substring(4));
    }

    /** Inputs too large or too binary to keep as files. */
    static byte[] generate(String name) throws IOException {
        return switch (name) {
            case "nested-root" -> ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8);
            case "nested-field" -> ("{\"channel\":\"web\",\"from\":\"corpus@acme.example\",\"body\":"
                    + "[".repeat(500) + "]".repeat(500) + "}").getBytes(StandardCharsets.UTF_8);
            case "body-20000" -> utf8(VALID.formatted("word ".repeat(4000)));
            case "body-70k", "body-70k-chunked" -> utf8(VALID.formatted("x".repeat(70_000)));
            case "subject-2000" -> utf8("{\"channel\":\"web\",\"from\":\"corpus@acme.example\",\"subject\":\""
                    + "s".repeat(2000) + "\",\"body\":\"hi\"}");
            case "from-400" -> utf8("{\"channel\":\"web\",\"from\":\"" + "f".repeat(390) + "@acme.example\","
                    + "\"body\":\"hi\"}");
            case "external-id-600" -> utf8("{\"channel\":\"web\",\"from\":\"corpus@acme.example\",\"externalId\":\""
                    + "e".repeat(600) + "\",\"body\":\"hi\"}");
            case "many-fields" -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("channel", "web");
                m.put("from", "corpus@acme.example");
                m.put("body", "many fields");
                for (int i = 0; i < 3000; i++) {
                    m.put("extra" + i, i);
                }
                yield JSON.writeValueAsBytes(m);
            }
            // PostgreSQL refuses NUL in text and in query parameters: the message must still be kept and answered
            case "telemetry-nul-asset" -> utf8("{\"assetId\":\"M-1\\u0000\",\"measuredAt\":\"2026-11-27T10:00:00Z\","
                    + "\"airTemperature\":300,\"processTemperature\":310,\"rotationalSpeed\":1500,"
                    + "\"torque\":40,\"toolWear\":5}");
            case "telemetry-nul-byte" -> utf8("{\"assetId\":\"M-1\u0000\"}");
            case "long-number" -> utf8("{\"channel\":\"web\",\"from\":\"corpus@acme.example\",\"body\":"
                    + "9".repeat(5000) + "}");
            case "utf16" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(VALID.formatted("UTF-16 encoded, süß").getBytes(StandardCharsets.UTF_16));
                yield out.toByteArray();
            }
            case "latin1" -> VALID.formatted("Grüße aus Köln").getBytes(StandardCharsets.ISO_8859_1);
            case "gzip" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                    gz.write(utf8(VALID.formatted("compressed")));
                }
                yield out.toByteArray();
            }
            case "nul-binary" -> new byte[]{0, 0, 0, 1, (byte) 0xff, (byte) 0xfe, 0, '{', '}', 0, (byte) 0x80};
            case "csv-latin1" -> (CSV_HEADER + "CORP-20,Müller Straße GmbH,mueller.example,gold,1\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            case "csv-2mb" -> {
                StringBuilder sb = new StringBuilder(CSV_HEADER);
                for (int i = 0; sb.length() < 2_000_000; i++) {
                    sb.append("BIG-").append(i).append(",Big customer ").append(i).append(",big").append(i)
                            .append(".example,silver,100.00\n");
                }
                yield utf8(sb.toString());
            }
            case "csv-2000" -> {
                StringBuilder sb = new StringBuilder(CSV_HEADER);
                for (int i = 0; i < 2000; i++) {
                    sb.append("BULK-").append(i).append(",Bulk customer ").append(i).append(",bulk").append(i)
                            .append(".example,bronze,").append(i).append(".50\n");
                }
                yield utf8(sb.toString());
            }
            case "doc-valid-pdf" -> invoice("invoice.pdf", "application/pdf", VALID_PDF);
            case "doc-empty" -> invoice("empty.pdf", "application/pdf", new byte[0]);
            case "doc-truncated-pdf" -> invoice("cut.pdf", "application/pdf", TestDocuments.truncatedPdf("corpus"));
            case "doc-corrupt-pdf" -> invoice("bad.pdf", "application/pdf", TestDocuments.corruptPdf("corpus"));
            case "doc-encrypted-pdf" -> invoice("locked.pdf", "application/pdf",
                    TestDocuments.encryptedPdf("corpus"));
            case "doc-page-bomb" -> invoice("pages.pdf", "application/pdf", TestDocuments.pdf(201, "corpus"));
            case "doc-giant-page" -> invoice("giant.pdf", "application/pdf", TestDocuments.giantPagePdf("corpus"));
            case "doc-png-bomb" -> invoice("bomb.png", "image/png",
                    TestDocuments.pngDeclaring(100_000, 100_000, "corpus"));
            case "doc-truncated-png" -> invoice("cut.png", "image/png", TestDocuments.truncatedPng("corpus"));
            case "doc-huge" -> invoice("huge.pdf", "application/pdf",
                    Arrays.copyOf(TestDocuments.pdf("corpus huge"), 21 * 1024 * 1024));
            case "doc-png-declared-pdf" -> invoice("scan.pdf", "application/pdf",
                    TestDocuments.png(300, 200, "corpus"));
            case "doc-jpeg-declared-text" -> invoice("scan.txt", "text/plain", TestDocuments.jpeg(300, 200, "corpus"));
            case "doc-html-declared-pdf" -> invoice("invoice.pdf", "application/pdf", TestDocuments.html("corpus"));
            case "doc-zip" -> invoice("invoices.zip", "application/zip", TestDocuments.zip("corpus"));
            case "doc-raw-pdf" -> TestDocuments.pdf("corpus raw");
            case "doc-wrong-part" -> TestDocuments.multipart(BOUNDARY, "document", "invoice.pdf", "application/pdf",
                    TestDocuments.pdf("corpus part"));
            default -> throw new IllegalArgumentException("unknown generator " + name);
        };
    }

    /** Made once: PDFBox writes a time-based file id, and the replay case needs the very same bytes. */
    static final byte[] VALID_PDF = TestDocuments.pdf(2, "corpus");
    /** The boundary of the manifest's multipart content type. */
    static final String BOUNDARY = "corpus-boundary";

    private static byte[] invoice(String fileName, String declaredType, byte[] bytes) {
        return TestDocuments.multipart(BOUNDARY, "file", fileName, declaredType, bytes);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static InputStream resource(String path) {
        InputStream in = BadInputCorpusTests.class.getResourceAsStream("/bad-input/" + path);
        if (in == null) {
            throw new UncheckedIOException(new IOException("missing corpus file bad-input/" + path));
        }
        return in;
    }

    private static JsonNode json(String body, String what) {
        if (body.isEmpty()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(what + ": response is not JSON", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 400 ? s : s.substring(0, 400) + "...";
    }
}
