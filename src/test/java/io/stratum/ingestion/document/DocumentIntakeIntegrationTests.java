package io.stratum.ingestion.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.stratum.ServerCalls;
import io.stratum.StratumIntegrationTest;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three doors for invoices on one whole server: HTTP upload (acceptance, de-duplication, every refusal, who may
 * call), the watched folder and the IMAP channel (GreenMail), each ending in the document inbox and one invoice
 * process per distinct file.
 */
@StratumIntegrationTest
class DocumentIntakeIntegrationTests {

    static final GreenMail MAIL = startMail();
    static final String INVOICES_ADDRESS = "invoices@stratum.example";
    static final Path WATCH = Path.of("target", "test-watch", UUID.randomUUID().toString()).toAbsolutePath();
    static final String BOUNDARY = "stratum-test-boundary";

    private static GreenMail startMail() {
        GreenMail mail = new GreenMail(new ServerSetup[]{ServerSetupTest.IMAP.dynamicPort()});
        mail.start();
        mail.setUser(INVOICES_ADDRESS, "invoices", "secret");
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
        return mail;
    }

    @DynamicPropertySource
    static void doors(DynamicPropertyRegistry registry) {
        registry.add("stratum.ingestion.mail.imap.host", () -> "127.0.0.1");
        registry.add("stratum.ingestion.mail.imap.port", () -> MAIL.getImap().getPort());
        registry.add("stratum.ingestion.mail.imap.protocol", () -> "imap");
        registry.add("stratum.ingestion.mail.imap.username", () -> "invoices");
        registry.add("stratum.ingestion.mail.imap.password", () -> "secret");
        registry.add("stratum.ingestion.mail.imap.initial-delay", () -> "PT1S");
        registry.add("stratum.ingestion.mail.imap.poll-interval", () -> "PT1S");
        registry.add("stratum.ingestion.documents.watch-dir", WATCH::toString);
        registry.add("stratum.ingestion.documents.watch-interval", () -> "PT0.3S");
        registry.add("stratum.ingestion.documents.watch-settle", () -> "PT0.5S");
        // Our own size check below Spring's multipart limit, so both refusals can be shown with small files.
        registry.add("stratum.ingestion.documents.max-size", () -> "1MB");
        registry.add("spring.servlet.multipart.max-file-size", () -> "2MB");
        registry.add("spring.servlet.multipart.max-request-size", () -> "2MB");
        registry.add("stratum.ingestion.documents.max-pages", () -> "10");
        registry.add("stratum.ingestion.retry.enabled", () -> "false");
        registry.add("stratum.ingestion.documents.retry.enabled", () -> "false");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    HistoryService history;
    @Autowired
    DocumentSettings settings;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void uploadStartsOneProcessPerDistinctFileAndServesItBack() throws Exception {
        byte[] pdf = TestDocuments.pdf(2, "upload-1");

        HttpResponse<String> first = upload("analyst", "invoice-1.pdf", "application/pdf", pdf);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        JsonNode ids = ServerCalls.parse(first.body());
        String documentId = ids.path("documentId").asText();
        String processInstanceId = ids.path("processInstanceId").asText();
        assertThat(processInstanceId).isNotBlank();
        assertThat(first.headers().firstValue("Location")).hasValue("/api/documents/" + documentId);

        // the same bytes again, under another name, by another user: the same document, no second process
        HttpResponse<String> again = upload("approver", "copy.pdf", "application/octet-stream", pdf);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(ServerCalls.parse(again.body()).path("documentId").asText()).isEqualTo(documentId);
        assertThat(ServerCalls.parse(again.body()).path("processInstanceId").asText()).isEqualTo(processInstanceId);
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("invoice-processing")
                .processInstanceBusinessKey(documentId).count()).isEqualTo(1);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .variableName("documentId").singleResult().getValue()).isEqualTo(documentId);

        JsonNode doc = get("auditor", "/api/documents/" + documentId);
        assertThat(doc.path("status").asText()).isEqualTo("STARTED");
        assertThat(doc.path("mediaType").asText()).isEqualTo("application/pdf");
        assertThat(doc.path("channel").asText()).isEqualTo("upload");
        assertThat(doc.path("sender").asText()).isEqualTo("analyst");
        assertThat(doc.path("fileName").asText()).isEqualTo("invoice-1.pdf");
        assertThat(doc.path("pages").asInt()).isEqualTo(2);
        assertThat(doc.path("processInstanceId").asText()).isEqualTo(processInstanceId);

        HttpResponse<byte[]> content = http.send(request("auditor", "/api/documents/" + documentId + "/content")
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.body()).isEqualTo(pdf);
        assertThat(content.headers().firstValue("Content-Type")).hasValue("application/pdf");
        String sha = DocumentIntake.sha256(pdf);
        assertThat(settings.dataDir().resolve("documents").resolve(sha.substring(0, 2)).resolve(sha)).hasBinaryContent(pdf);

        // the declared type lies: a PNG called .pdf is a PNG
        HttpResponse<String> png = upload("demo", "scan.pdf", "application/pdf", TestDocuments.png(300, 200, "lie"));
        assertThat(png.statusCode()).as(png.body()).isEqualTo(202);
        assertThat(get("demo", "/api/documents/" + ServerCalls.parse(png.body()).path("documentId").asText())
                .path("mediaType").asText()).isEqualTo("image/png");
    }

    @Test
    void everyRefusalIsAProblemAndTheFileIsStoredWithItsReason() throws Exception {
        assertRefused(upload("demo", "empty.pdf", "application/pdf", new byte[0]), 400, "EMPTY", "empty");
        assertRefused(upload("demo", "locked.pdf", "application/pdf", TestDocuments.encryptedPdf("locked")), 422,
                "ENCRYPTED", "password");
        assertRefused(upload("demo", "cut.pdf", "application/pdf", TestDocuments.truncatedPdf("cut")), 422,
                "CORRUPT", "truncated");
        assertRefused(upload("demo", "pages.pdf", "application/pdf", TestDocuments.pdf(11, "pages")), 413,
                "TOO_MANY_PAGES", "11 pages");
        assertRefused(upload("demo", "bomb.png", "image/png", TestDocuments.pngDeclaring(50_000, 50_000, "b")), 422,
                "BOMB", "50000 x 50000");
        String html = assertRefused(upload("demo", "invoice.pdf", "application/pdf", TestDocuments.html("x")), 415,
                "UNSUPPORTED", "HTML page");
        // our limit (1 MB): refused, recorded, bytes not kept
        String big = assertRefused(upload("demo", "big.pdf", "application/pdf",
                Arrays.copyOf(TestDocuments.pdf("big"), 1_500_000)), 413, "TOO_LARGE", "limit");
        // Spring's multipart limit (2 MB): the same kind of problem, recorded too
        assertRefused(upload("demo", "huge.pdf", "application/pdf", new byte[2_500_000]), 413, "TOO_LARGE", "limit");

        // a refused file sent again: the same document, the same answer
        HttpResponse<String> replay = upload("demo", "again.pdf", "application/pdf", TestDocuments.html("x"));
        assertThat(ServerCalls.parse(replay.body()).path("documentId").asText()).isEqualTo(html);

        JsonNode stored = get("demo", "/api/documents/" + html);
        assertThat(stored.path("status").asText()).isEqualTo("REJECTED");
        assertThat(stored.path("rejection").asText()).isEqualTo("UNSUPPORTED");
        assertThat(stored.path("reason").asText()).contains("HTML page");
        assertThat(stored.path("processInstanceId").isNull()).isTrue();
        // a rejected upload is served as an opaque attachment, never rendered as a page of this origin
        HttpResponse<String> raw = http.send(request("demo", "/api/documents/" + html + "/content").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(raw.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(raw.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        assertThat(http.send(request("demo", "/api/documents/" + big + "/content").GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(410);

        // wrong shapes: no multipart, no 'file' part, unknown document
        HttpResponse<String> notMultipart = http.send(request("demo", "/api/invoices")
                .header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestDocuments.pdf("raw"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(notMultipart, 415);
        HttpResponse<String> noFilePart = http.send(request("demo", "/api/invoices")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestDocuments.multipart(BOUNDARY, "document", "a.pdf",
                        "application/pdf", TestDocuments.pdf("part")))).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(noFilePart, 400);
        assertProblem(http.send(request("demo", "/api/documents/nope").GET().build(),
                HttpResponse.BodyHandlers.ofString()), 404);

        // who may: auditors read but do not upload; operations leaders neither
        assertThat(upload("auditor", "a.pdf", "application/pdf", TestDocuments.pdf("auditor")).statusCode())
                .isEqualTo(403);
        assertThat(http.send(request("leader", "/api/documents/" + html).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM document WHERE status NOT IN ('STARTED', 'REJECTED')")
                .query(Long.class).single()).as("nothing left half done").isZero();
    }

    @Test
    void watchedFolderTakesSettledFilesAndSortsThemIntoDoneAndRejected() throws Exception {
        Files.createDirectories(WATCH);
        byte[] good = TestDocuments.jpeg(400, 300, "folder-good");
        Files.write(WATCH.resolve("scan-1.jpg"), good);
        Files.write(WATCH.resolve("scan-2.pdf"), TestDocuments.encryptedPdf("folder-locked"));
        Files.write(WATCH.resolve(".scan-3.pdf"), TestDocuments.pdf("hidden, still being written"));

        ServerCalls.await("scan-1 in done/", Duration.ofSeconds(30), () -> Files.exists(WATCH.resolve("done/scan-1.jpg")));
        ServerCalls.await("scan-2 in rejected/", Duration.ofSeconds(30),
                () -> Files.exists(WATCH.resolve("rejected/scan-2.pdf.reason.txt")));
        assertThat(WATCH.resolve("rejected/scan-2.pdf")).exists();
        assertThat(Files.readString(WATCH.resolve("rejected/scan-2.pdf.reason.txt"))).contains("password")
                .contains("documentId");
        assertThat(WATCH.resolve(".scan-3.pdf")).exists();

        String sha = DocumentIntake.sha256(good);
        var row = jdbc.sql("SELECT id, channel, status, media_type FROM document WHERE sha256 = ?").param(sha)
                .query().singleRow();
        assertThat(row).containsEntry("CHANNEL", "folder").containsEntry("STATUS", "STARTED")
                .containsEntry("MEDIA_TYPE", "image/jpeg");

        // the same scan dropped again: moved to done/ under a new name, still one document
        Files.write(WATCH.resolve("scan-1.jpg"), good);
        ServerCalls.await("second scan-1 in done/", Duration.ofSeconds(30),
                () -> Files.exists(WATCH.resolve("done/scan-1.jpg.1")));
        assertThat(jdbc.sql("SELECT count(*) FROM document WHERE sha256 = ?").param(sha).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void mailedInvoicesBecomeDocumentsAndOnlyMailsWithTextBecomeInquiries() throws Exception {
        byte[] attachmentOnly = TestDocuments.pdf("mail-only");
        byte[] withText = TestDocuments.png(200, 100, "mail-text");
        deliver(mail("<inv-1@vendor.example>", "billing@vendor.example", "Invoice 4711", null,
                attachmentOnly, "invoice-4711.pdf"));
        deliver(mail("<inv-2@vendor.example>", "Ann <ann@vendor.example>", "Question about invoice 4712",
                "Why was invoice 4712 paid twice?", withText, "invoice-4712.png"));

        ServerCalls.await("both mails handled", Duration.ofSeconds(30), () -> jdbc.sql(
                "SELECT count(*) FROM inbox WHERE source = 'imap' AND status IN ('DOCUMENTS', 'ACCEPTED')")
                .query(Long.class).single() == 2);

        var mailed = jdbc.sql("SELECT sender, channel, status, file_name FROM document WHERE sha256 = ?")
                .param(DocumentIntake.sha256(attachmentOnly)).query().singleRow();
        assertThat(mailed).containsEntry("SENDER", "billing@vendor.example").containsEntry("CHANNEL", "email")
                .containsEntry("STATUS", "STARTED").containsEntry("FILE_NAME", "invoice-4711.pdf");
        assertThat(jdbc.sql("SELECT status FROM inbox WHERE external_id = '<inv-1@vendor.example>'")
                .query(String.class).single()).isEqualTo("DOCUMENTS");
        assertThat(jdbc.sql("SELECT count(*) FROM inquiry WHERE external_id = '<inv-1@vendor.example>'")
                .query(Long.class).single()).as("no inquiry for a mail without text").isZero();

        assertThat(jdbc.sql("SELECT sender FROM document WHERE sha256 = ?").param(DocumentIntake.sha256(withText))
                .query(String.class).single()).isEqualTo("ann@vendor.example");
        assertThat(jdbc.sql("SELECT count(*) FROM inquiry WHERE external_id = '<inv-2@vendor.example>'")
                .query(Long.class).single()).as("a mail with text is an inquiry too").isEqualTo(1);
    }

    private String assertRefused(HttpResponse<String> res, int status, String rejection, String reasonPart) {
        JsonNode problem = assertProblem(res, status);
        assertThat(problem.path("rejection").asText()).as(res.body()).isEqualTo(rejection);
        assertThat(problem.path("detail").asText()).as(res.body()).contains(reasonPart);
        String documentId = problem.path("documentId").asText();
        var row = jdbc.sql("SELECT status, rejection, reason FROM document WHERE id = ?").param(documentId)
                .query().singleRow();
        assertThat(row).containsEntry("STATUS", "REJECTED").containsEntry("REJECTION", rejection);
        assertThat((String) row.get("REASON")).contains(reasonPart);
        return documentId;
    }

    private static JsonNode assertProblem(HttpResponse<String> res, int status) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = ServerCalls.parse(res.body());
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        return problem;
    }

    private HttpResponse<String> upload(String user, String fileName, String declaredType, byte[] bytes)
            throws Exception {
        return http.send(request(user, "/api/invoices")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        TestDocuments.multipart(BOUNDARY, "file", fileName, declaredType, bytes)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String user, String path) throws Exception {
        HttpResponse<String> res = http.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(path + " " + res.body()).isEqualTo(200);
        return ServerCalls.parse(res.body());
    }

    private HttpRequest.Builder request(String user, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }

    private static MimeMessage mail(String messageId, String from, String subject, String text, byte[] attachment,
                                    String fileName) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(from);
        m.setRecipients(Message.RecipientType.TO, INVOICES_ADDRESS);
        m.setSubject(subject, "UTF-8");
        MimeMultipart parts = new MimeMultipart();
        if (text != null) {
            MimeBodyPart body = new MimeBodyPart();
            body.setText(text, "UTF-8");
            parts.addBodyPart(body);
        }
        MimeBodyPart file = new MimeBodyPart();
        // declared as a generic type on purpose: what it is comes from its bytes
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment, "application/octet-stream")));
        file.setFileName(fileName);
        file.setDisposition(MimeBodyPart.ATTACHMENT);
        parts.addBodyPart(file);
        m.setContent(parts);
        m.saveChanges();
        return m;
    }

    private static void deliver(MimeMessage m) {
        MAIL.getUserManager().getUserByEmail(INVOICES_ADDRESS).deliver(m);
    }

}
