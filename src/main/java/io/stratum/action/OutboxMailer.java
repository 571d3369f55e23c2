package io.stratum.action;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link Mailer} with a transactional outbox ({@code outbox_message}): one row per idempotency key. With SMTP
 * configured ({@code spring.mail.host}) the message is sent and marked SENT; a failure is recorded as FAILED and
 * thrown, so the caller's job retries; a SENT message is never sent again. Without SMTP the message is KEPT.
 * A message is claimed (SENDING) before it is sent, so concurrent retries cannot both send it.
 */
@Service
class OutboxMailer implements Mailer {

    static final String PENDING = "PENDING";
    static final String SENDING = "SENDING";
    static final String SENT = "SENT";
    static final String KEPT = "KEPT";
    static final String FAILED = "FAILED";

    private static final Logger log = LoggerFactory.getLogger(OutboxMailer.class);
    private static final String COLUMNS =
            "id, idempotency_key, recipient, subject, body, status, error, created_at, sent_at";
    private static final RowMapper<OutboxMessage> MAPPER = (rs, n) -> new OutboxMessage(rs.getString("id"),
            rs.getString("idempotency_key"), rs.getString("recipient"), rs.getString("subject"), rs.getString("body"),
            rs.getString("status"), rs.getString("error"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("sent_at") == null ? null : rs.getTimestamp("sent_at").toInstant());

    private final JdbcClient jdbc;
    /** Inserts run under a savepoint: on PostgreSQL a lost insert race would otherwise abort the caller's transaction. */
    private final TransactionTemplate savepoint;
    private final JavaMailSender smtp;
    private final ActionSettings.Mail settings;
    private final Clock clock = Clock.systemUTC();

    OutboxMailer(JdbcClient jdbc, ObjectProvider<JavaMailSender> smtp, Environment env, ActionSettings settings,
                 PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.jdbc = jdbc;
        // Boot creates a sender as soon as spring.mail.host is set, even to an empty string: require a real host.
        this.smtp = StringUtils.hasText(env.getProperty("spring.mail.host")) ? smtp.getIfAvailable() : null;
        this.settings = settings.mail();
    }

    boolean smtpConfigured() {
        return smtp != null;
    }

    @Override
    public OutboxMessage send(String idempotencyKey, String to, String subject, String body) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(to, "to");
        OutboxMessage message = findByKey(idempotencyKey).orElseGet(() -> insert(idempotencyKey, to, subject, body));
        if (smtp == null || SENT.equals(message.status()) || KEPT.equals(message.status())) {
            return message;
        }
        if (!claim(message.id())) {
            // Another thread or node is sending it right now.
            return find(message.id()).orElseThrow();
        }
        try {
            deliver(message);
        } catch (MessagingException | RuntimeException e) {
            // Any failure (MailException included) leaves the row FAILED, never stuck in SENDING.
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            jdbc.sql("UPDATE outbox_message SET status = ?, error = ?, updated_at = ? WHERE id = ?")
                    .params(FAILED, TicketStore.cut(error, 2000), now(), message.id())
                    .update();
            log.warn("Sending outbox message {} ({}) failed: {}", message.id(), idempotencyKey, error);
            throw new MailDeliveryException("Sending " + idempotencyKey + " failed: " + error, e);
        }
        Instant sentAt = clock.instant();
        jdbc.sql("UPDATE outbox_message SET status = ?, error = NULL, sent_at = ?, updated_at = ? WHERE id = ?")
                .params(SENT, Timestamp.from(sentAt), Timestamp.from(sentAt), message.id())
                .update();
        return find(message.id()).orElseThrow();
    }

    private OutboxMessage insert(String key, String to, String subject, String body) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        String status = smtp == null ? KEPT : PENDING;
        try {
            savepoint.executeWithoutResult(tx -> jdbc.sql("""
                            INSERT INTO outbox_message (id, idempotency_key, recipient, subject, body, status, attempts,
                                                        created_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)""")
                    .params(id, key, to, subject == null ? "" : subject, body == null ? "" : body, status,
                            Timestamp.from(now), Timestamp.from(now))
                    .update());
        } catch (DuplicateKeyException raceLost) {
            return findByKey(key).orElseThrow(() -> raceLost);
        }
        return find(id).orElseThrow();
    }

    /** PENDING/FAILED, or SENDING for longer than the timeout (the sender died), becomes ours. */
    private boolean claim(String id) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        UPDATE outbox_message SET status = ?, attempts = attempts + 1, updated_at = ?
                        WHERE id = ? AND (status IN (?, ?) OR (status = ? AND updated_at < ?))""")
                .params(SENDING, Timestamp.from(now), id, PENDING, FAILED, SENDING,
                        Timestamp.from(now.minus(settings.sendingTimeout())))
                .update() == 1;
    }

    private void deliver(OutboxMessage m) throws MessagingException {
        MimeMessage mime = smtp.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
        helper.setFrom(settings.from());
        helper.setTo(m.to());
        helper.setSubject(m.subject());
        helper.setText(m.body(), false);
        // Lets receivers drop a duplicate if a crash between send and SENT ever causes a resend.
        mime.setHeader("X-Stratum-Idempotency-Key", m.idempotencyKey());
        smtp.send(mime);
    }

    Optional<OutboxMessage> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outbox_message WHERE id = ?").param(id).query(MAPPER).optional();
    }

    Optional<OutboxMessage> findByKey(String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outbox_message WHERE idempotency_key = ?").param(key)
                .query(MAPPER).optional();
    }

    List<OutboxMessage> list(String to, int limit) {
        if (to == null || to.isBlank()) {
            return jdbc.sql("SELECT " + COLUMNS + " FROM outbox_message ORDER BY created_at DESC, id DESC LIMIT ?")
                    .param(limit).query(MAPPER).list();
        }
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM outbox_message WHERE recipient = ? ORDER BY created_at DESC, id DESC LIMIT ?")
                .params(to.strip(), limit).query(MAPPER).list();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
