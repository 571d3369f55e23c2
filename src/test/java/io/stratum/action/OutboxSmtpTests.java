package io.stratum.action;

import io.stratum.ingestion.GreenMailTestBase;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox against a real SMTP server (GreenMail). */
class OutboxSmtpTests extends GreenMailTestBase {

    @Autowired
    Mailer mailer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void sendingTwiceWithTheSameKeyDeliversExactlyOneMail() throws Exception {
        String key = "ack:" + UUID.randomUUID();
        OutboxMessage first = mailer.send(key, "ann@acme.example", "We received your inquiry", "Ticket T-000001");
        OutboxMessage second = mailer.send(key, "ann@acme.example", "We received your inquiry", "Ticket T-000001");

        assertThat(first.status()).isEqualTo("SENT");
        assertThat(first.sentAt()).isNotNull();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.status()).isEqualTo("SENT");

        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("We received your inquiry");
        assertThat(received[0].getHeader("X-Stratum-Idempotency-Key")).containsExactly(key);
        assertThat(((String) received[0].getContent()).strip()).isEqualTo("Ticket T-000001");
    }

    @Test
    void concurrentSendsWithTheSameKeyDeliverOneMail() throws Exception {
        String key = "ack:" + UUID.randomUUID();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        try {
            var futures = java.util.stream.IntStream.range(0, 6).mapToObj(i -> pool.submit(() -> {
                go.await();
                return mailer.send(key, "carol@initech.example", "Hello", "Once");
            })).toList();
            go.countDown();
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (var f : futures) {
                ids.add(f.get().id());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
        assertThat(mailer.send(key, "carol@initech.example", "Hello", "Once").status()).isEqualTo("SENT");
    }

    @Test
    void aFailedSendIsRecordedThrownAndSentOnceByTheRetry() throws Exception {
        OutboxMailer failing = failingMailer();
        String key = "reply:" + UUID.randomUUID();

        assertThatThrownBy(() -> failing.send(key, "bob@globex.example", "Reply", "Body"))
                .isInstanceOf(MailDeliveryException.class);
        Map<String, Object> row = jdbc.sql("SELECT status, error, attempts FROM outbox_message WHERE idempotency_key = ?")
                .param(key).query().singleRow();
        assertThat(row.get("STATUS")).isEqualTo("FAILED");
        assertThat((String) row.get("ERROR")).isNotBlank();
        assertThat(MAIL.getReceivedMessages()).isEmpty();

        OutboxMessage retried = mailer.send(key, "bob@globex.example", "Reply", "Body");
        assertThat(retried.status()).isEqualTo("SENT");
        assertThat(retried.error()).isNull();
        mailer.send(key, "bob@globex.example", "Reply", "Body");
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aMailSentByAJobThatThenRollsBackIsNotSentAgainByTheJobsRetry() throws Exception {
        String key = "ack:" + UUID.randomUUID();
        TransactionTemplate job = new TransactionTemplate(transactions);
        // The job sends, then its transaction does not commit (a concurrent change to the process instance, say)
        job.executeWithoutResult(status -> {
            mailer.send(key, "erin@acme.example", "We received your inquiry", "Ticket T-000002");
            status.setRollbackOnly();
        });
        // Its retry
        OutboxMessage retried = job.execute(status ->
                mailer.send(key, "erin@acme.example", "We received your inquiry", "Ticket T-000002"));

        assertThat(retried.status()).isEqualTo("SENT");
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aFailureInsideAJobThatRollsBackStaysVisibleAsFailed() throws Exception {
        OutboxMailer failing = failingMailer();
        String key = "ack:" + UUID.randomUUID();

        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status ->
                failing.send(key, "frank@globex.example", "Reply", "Body")))
                .isInstanceOf(MailDeliveryException.class);

        // The job's transaction rolled back with the exception; the outbox still says what happened
        Map<String, Object> row = jdbc.sql("SELECT status, error FROM outbox_message WHERE idempotency_key = ?")
                .param(key).query().singleRow();
        assertThat(row.get("STATUS")).isEqualTo("FAILED");
        assertThat((String) row.get("ERROR")).contains("MailSendException");
    }

    /** An outbox whose SMTP server refuses connections (a closed port). */
    private OutboxMailer failingMailer() throws java.io.IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        JavaMailSenderImpl broken = new JavaMailSenderImpl();
        broken.setHost("127.0.0.1");
        broken.setPort(closedPort);
        return new OutboxMailer(jdbc,
                new StaticListableBeanFactory(Map.of("smtp", broken)).getBeanProvider(JavaMailSender.class),
                new MockEnvironment().withProperty("spring.mail.host", "127.0.0.1"),
                new ActionSettings(new ActionSettings.Mail("stratum@test.example", Duration.ofMinutes(5))), transactions);
    }

    @Test
    void anAttachmentTravelsAsItsOwnPartAndOnlyOnce() throws Exception {
        String key = "visit:" + UUID.randomUUID();
        String ics = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:WO-1@stratum\r\nEND:VEVENT\r\n"
                + "END:VCALENDAR\r\n";
        Mailer.Attachment invitation = new Mailer.Attachment("WO-1.ics", "text/calendar; charset=UTF-8; method=REQUEST",
                ics);
        assertThat(mailer.send(key, "dora@acme.example", "Visit", "See the invitation", invitation).status())
                .isEqualTo("SENT");
        // A retry with other content changes nothing: the stored message is what was sent.
        mailer.send(key, "dora@acme.example", "Visit", "See the invitation",
                new Mailer.Attachment("other.ics", "text/calendar", "changed"));

        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        jakarta.mail.Multipart parts = (jakarta.mail.Multipart) received[0].getContent();
        String text = null;
        jakarta.mail.BodyPart calendar = null;
        for (int i = 0; i < parts.getCount(); i++) {
            jakarta.mail.BodyPart part = parts.getBodyPart(i);
            if ("WO-1.ics".equals(part.getFileName())) {
                calendar = part;
            } else if (part.getContent() instanceof jakarta.mail.Multipart inner) {
                text = (String) inner.getBodyPart(0).getContent();
            } else {
                text = (String) part.getContent();
            }
        }
        assertThat(text).contains("See the invitation");
        assertThat(calendar).isNotNull();
        assertThat(calendar.getContentType()).startsWith("text/calendar").contains("method=REQUEST");
        try (java.io.InputStream in = calendar.getInputStream()) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(ics);
        }
    }
}
