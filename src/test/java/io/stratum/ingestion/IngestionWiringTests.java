package io.stratum.ingestion;

import io.stratum.action.Mailer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Defaults of the shared context: e-mail channel off, no SMTP, limits bound from application.yaml. */
@IngestionHttpTest
class IngestionWiringTests {

    @Autowired
    ApplicationContext context;
    @Autowired
    IngestionSettings settings;
    @Autowired
    InquiryProgress progress;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;

    @Test
    void imapPollerIsOffWithoutAHost() {
        assertThat(settings.mail().imap().enabled()).isFalse();
        assertThat(context.getBeansOfType(ImapPoller.class)).isEmpty();
    }

    @Test
    void settingsAreBound() {
        assertThat(settings.maxRequestSize()).isEqualTo(DataSize.ofKilobytes(64));
        assertThat(settings.channels()).containsExactly("web", "email", "chat", "api");
        assertThat(settings.maxBodyChars()).isEqualTo(10_000);
    }

    @Test
    void progressForAnUnknownInquiryIsIgnored() {
        assertThatCode(() -> progress.status("no-such-inquiry", "TRIAGED")).doesNotThrowAnyException();
    }

    @Test
    void outboxKeepsMailWithoutSmtp() {
        assertThat(context.getBean(Mailer.class).send("wiring:1", "x@acme.example", "s", "b").status())
                .isEqualTo("KEPT");
    }

    @Test
    void oversizedRequestIsRecordedInTheInboxBySize() {
        long before = jdbc.sql("SELECT COUNT(*) FROM inbox WHERE reason LIKE 'request body larger than%'")
                .query(Long.class).single();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response = rest.withBasicAuth("demo", "demo").postForEntity("/api/inquiries",
                new HttpEntity<>("{\"body\":\"" + "a".repeat(65 * 1024) + "\"}", headers), String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbox WHERE reason LIKE 'request body larger than%'")
                .query(Long.class).single()).isEqualTo(before + 1);
    }

    @Test
    void oversizedCsvImportIs413() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("text/csv"));
        String csv = "id,name,emailDomain,tier,contractValue\n" + "Z-1,Big,big.example,gold,1\n".repeat(40_000);
        ResponseEntity<String> response = rest.withBasicAuth("demo", "demo").postForEntity("/api/customers/import",
                new HttpEntity<>(csv, headers), String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
