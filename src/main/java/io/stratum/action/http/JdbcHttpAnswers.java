package io.stratum.action.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Table {@code http_call_answer}; answers older than {@code stratum.http-call.answer-retention} are deleted. */
@Service
class JdbcHttpAnswers implements HttpAnswers {

    private static final Logger log = LoggerFactory.getLogger(JdbcHttpAnswers.class);

    private record Row(String method, String url, HttpApiResponse answer) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate own;
    private final HttpCallSettings settings;

    JdbcHttpAnswers(JdbcClient jdbc, PlatformTransactionManager transactions, HttpCallSettings settings) {
        this.jdbc = jdbc;
        // Its own transaction, also inside the job's: the answer must outlive a rollback of the step that got it.
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.settings = settings;
    }

    @Override
    public Optional<HttpApiResponse> remembered(String key, String method, String url) {
        Optional<Row> row = jdbc.sql("SELECT method, url, status, content_type, body FROM http_call_answer "
                        + "WHERE idempotency_key = ?").param(key)
                .query((rs, n) -> new Row(rs.getString("method"), rs.getString("url"),
                        new HttpApiResponse(rs.getInt("status"), rs.getString("content_type"), rs.getString("body"))))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (!row.get().method().equals(method) || !row.get().url().equals(url)) {
            throw new HttpCallRefusedException("Idempotency key '" + key + "' was already used for "
                    + row.get().method() + " " + row.get().url() + ", not " + method + " " + url
                    + ": give each call its own key");
        }
        return Optional.of(row.get().answer());
    }

    @Override
    public void remember(String key, String method, String url, HttpApiResponse answer) {
        try {
            own.executeWithoutResult(status -> jdbc.sql("INSERT INTO http_call_answer (idempotency_key, method, url, "
                            + "status, content_type, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(key, method, url, answer.status(), answer.contentType(), answer.body(),
                            OffsetDateTime.now(ZoneOffset.UTC)).update());
        } catch (DuplicateKeyException concurrentRetry) {
            // Another attempt of the same step got an answer first (a job whose lock expired ran twice): keep that
            log.warn("Answer for idempotency key '{}' was already remembered; keeping the first", key);
        } catch (DataAccessException e) {
            // The call succeeded and its step goes on: not keeping the answer only loses the protection against a
            // second request should this step be retried (e.g. a key or URL longer than the table's columns)
            log.warn("Could not keep the answer of {} {} for a retry (idempotency key '{}'): {}", method, url, key,
                    e.getMessage());
        }
    }

    @Scheduled(initialDelayString = "${stratum.http-call.answer-purge-interval:PT1H}",
            fixedDelayString = "${stratum.http-call.answer-purge-interval:PT1H}")
    int purge() {
        int deleted = jdbc.sql("DELETE FROM http_call_answer WHERE created_at < ?")
                .param(OffsetDateTime.now(ZoneOffset.UTC).minus(settings.answerRetention())).update();
        if (deleted > 0) {
            log.info("HTTP call answers: {} older than {} deleted", deleted, settings.answerRetention());
        }
        return deleted;
    }
}
