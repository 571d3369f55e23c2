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
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        JavaMailSenderImpl broken = new JavaMailSenderImpl();
        broken.setHost("127.0.0.1");
        broken.setPort(closedPort);
        OutboxMailer failing = new OutboxMailer(jdbc,
                new StaticListableBeanFactory(Map.of("smtp", broken)).getBeanProvider(JavaMailSender.class),
                new MockEnvironment().withProperty("spring.mail.host", "127.0.0.1"),
                new ActionSettings(new ActionSettings.Mail("stratum@test.example", Duration.ofMinutes(5))), transactions);
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
}
