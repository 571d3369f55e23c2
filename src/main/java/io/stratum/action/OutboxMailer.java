package io.stratum.action;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ByteArrayResource;
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

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link Mailer} with an outbox ({@code outbox_message}): one row per idempotency key. Without SMTP the message is
 * KEPT, in the caller's transaction (it exists exactly when the caller's work commits). With SMTP configured
 * ({@code spring.mail.host}) the message is sent and marked SENT; a failure is recorded as FAILED and thrown, so the
 * caller's job retries; a SENT message is never sent again. Around a send every state change commits on its own,
 * whatever the caller's transaction does afterwards: a mail that left is SENT even when the job that sent it then
 * rolls back (its retry does not send it twice), and a failure stays visible as FAILED. A message is claimed
 * (SENDING) before it is sent, so concurrent retries cannot both send it. An attachment is stored with the message
 * (first send wins), so a retry sends the same bytes.
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
    /** KEPT inserts run under a savepoint: on PostgreSQL a lost insert race would otherwise abort the caller's. */
    private final TransactionTemplate savepoint;
    /** Whatever happens around an SMTP send commits at once, independent of the caller's transaction. */
    private final TransactionTemplate own;
    private final JavaMailSender smtp;
    private final ActionSettings.Mail settings;
    private final Clock clock = Clock.systemUTC();

    OutboxMailer(JdbcClient jdbc, ObjectProvider<JavaMailSender> smtp, Environment env, ActionSettings settings,
                 PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
        return send(idempotencyKey, to, subject, body, null);
    }

    @Override
    public OutboxMessage send(String idempotencyKey, String to, String subject, String body, Attachment attachment) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(to, "to");
        OutboxMessage message = findByKey(idempotencyKey)
                .orElseGet(() -> insert(idempotencyKey, to, subject, body, attachment));
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
            own.executeWithoutResult(tx -> jdbc.sql(
                            "UPDATE outbox_message SET status = ?, error = ?, updated_at = ? WHERE id = ?")
                    .params(FAILED, TicketStore.cut(error, 2000), now(), message.id())
                    .update());
            log.warn("Sending outbox message {} ({}) failed: {}", message.id(), idempotencyKey, error);
            throw new MailDeliveryException("Sending " + idempotencyKey + " failed: " + error, e);
        }
        Instant sentAt = clock.instant();
        own.executeWithoutResult(tx -> jdbc.sql(
                        "UPDATE outbox_message SET status = ?, error = NULL, sent_at = ?, updated_at = ? WHERE id = ?")
                .params(SENT, Timestamp.from(sentAt), Timestamp.from(sentAt), message.id())
                .update());
        return find(message.id()).orElseThrow();
    }

    private OutboxMessage insert(String key, String to, String subject, String body, Attachment attachment) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        String status = smtp == null ? KEPT : PENDING;
        try {
            (smtp == null ? savepoint : own).executeWithoutResult(tx -> jdbc.sql("""
                            INSERT INTO outbox_message (id, idempotency_key, recipient, subject, body, status, attempts,
                                                        created_at, updated_at, attachment_name, attachment_type,
                                                        attachment)
                            VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)""")
                    .params(id, key, to, subject == null ? "" : subject, body == null ? "" : body, status,
                            Timestamp.from(now), Timestamp.from(now),
                            attachment == null ? null : attachment.fileName(),
                            attachment == null ? null : attachment.contentType(),
                            attachment == null ? null : attachment.content())
                    .update());
        } catch (DuplicateKeyException raceLost) {
            return findByKey(key).orElseThrow(() -> raceLost);
        }
        return find(id).orElseThrow();
    }

    /** PENDING/FAILED, or SENDING for longer than the timeout (the sender died), becomes ours. */
    private boolean claim(String id) {
        Instant now = clock.instant();
        return Boolean.TRUE.equals(own.execute(tx -> jdbc.sql("""
                        UPDATE outbox_message SET status = ?, attempts = attempts + 1, updated_at = ?
                        WHERE id = ? AND (status IN (?, ?) OR (status = ? AND updated_at < ?))""")
                .params(SENDING, Timestamp.from(now), id, PENDING, FAILED, SENDING,
                        Timestamp.from(now.minus(settings.sendingTimeout())))
                .update() == 1));
    }

    private void deliver(OutboxMessage m) throws MessagingException {
        Optional<Attachment> attachment = attachment(m.id());
        MimeMessage mime = smtp.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mime, attachment.isPresent(), "UTF-8");
        helper.setFrom(settings.from());
        helper.setTo(m.to());
        helper.setSubject(m.subject());
        helper.setText(m.body(), false);
        if (attachment.isPresent()) {
            Attachment a = attachment.get();
            helper.addAttachment(a.fileName(),
                    new ByteArrayResource(a.content().getBytes(StandardCharsets.UTF_8)), a.contentType());
        }
        // Lets receivers drop a duplicate if a crash between send and SENT ever causes a resend.
        mime.setHeader("X-Stratum-Idempotency-Key", m.idempotencyKey());
        smtp.send(mime);
    }

    /** The message's attachment, if it has one. */
    Optional<Attachment> attachment(String id) {
        return jdbc.sql("""
                        SELECT attachment_name, attachment_type, attachment FROM outbox_message
                        WHERE id = ? AND attachment_name IS NOT NULL""")
                .param(id)
                .query((rs, n) -> new Attachment(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
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
