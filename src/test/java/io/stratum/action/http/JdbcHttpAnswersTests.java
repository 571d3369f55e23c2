package io.stratum.action.http;

import io.stratum.scale.EmbeddedPostgresSupport;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The answer memory on Stratum's database (H2, and PostgreSQL): what it keeps outlives the caller's transaction. */
@SpringBootTest
@ActiveProfiles("test")
class JdbcHttpAnswersTests {

    static final HttpApiResponse CREATED = new HttpApiResponse(201, "application/json", "{\"id\":\"T-9\"}");

    @Autowired
    JdbcHttpAnswers answers;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    final String key = "pi-" + UUID.randomUUID() + ":Call";

    @AfterEach
    void forget() {
        jdbc.sql("DELETE FROM http_call_answer WHERE idempotency_key LIKE ?").param(key + "%").update();
    }

    @Test
    void anAnswerKeptInsideAJobThatRollsBackIsStillThereForItsRetry() {
        new TransactionTemplate(transactions).executeWithoutResult(job -> {
            answers.remember(key, "POST", "http://crm.local/tickets", CREATED);
            job.setRollbackOnly(); // a later step of the same job failed
        });

        assertThat(answers.remembered(key, "POST", "http://crm.local/tickets")).contains(CREATED);
        assertThat(answers.remembered(key + "-other", "POST", "http://crm.local/tickets")).isEmpty();
    }

    @Test
    void aKeyUsedForAnotherRequestIsRefusedWithAMessageThatSaysWhich() {
        answers.remember(key, "POST", "http://crm.local/tickets", CREATED);

        assertThatThrownBy(() -> answers.remembered(key, "PATCH", "http://crm.local/tickets/T-9"))
                .isInstanceOf(HttpCallRefusedException.class)
                .hasMessage("Idempotency key '" + key + "' was already used for POST http://crm.local/tickets, not "
                        + "PATCH http://crm.local/tickets/T-9: give each call its own key");
    }

    @Test
    void twoAttemptsAnsweredAtOnceKeepTheFirstAnswer() {
        answers.remember(key, "POST", "http://crm.local/tickets", CREATED);
        answers.remember(key, "POST", "http://crm.local/tickets",
                new HttpApiResponse(201, "application/json", "{\"id\":\"T-10\"}"));

        assertThat(answers.remembered(key, "POST", "http://crm.local/tickets")).contains(CREATED);
    }

    @Test
    void anAnswerThatCannotBeKeptDoesNotFailTheCallThatGotIt() {
        String longUrl = "http://crm.local/tickets?q=" + "x".repeat(3000);

        answers.remember(key, "POST", longUrl, CREATED);

        assertThat(answers.remembered(key, "POST", longUrl)).isEmpty();
    }

    @Test
    void onPostgresTheAnswerOutlivesTheRollbackAndABadRowFailsQuietly() {
        DataSource pg = EmbeddedPostgresSupport.freshDatabase(EmbeddedPostgresSupport.shared(),
                "answers_" + UUID.randomUUID().toString().replace("-", ""));
        Flyway.configure().dataSource(pg).locations("classpath:db/migration").load().migrate();
        DataSourceTransactionManager pgTransactions = new DataSourceTransactionManager(pg);
        JdbcHttpAnswers onPostgres = new JdbcHttpAnswers(JdbcClient.create(pg), pgTransactions,
                new HttpCallSettings(List.of(), Map.of(), Duration.ofSeconds(1), Duration.ofSeconds(1),
                        DataSize.ofKilobytes(1), Duration.ofDays(30)));

        new TransactionTemplate(pgTransactions).executeWithoutResult(job -> {
            onPostgres.remember(key, "POST", "http://crm.local/tickets", CREATED);
            onPostgres.remember(key, "POST", "http://crm.local/tickets", CREATED); // a second attempt's
            onPostgres.remember(key + "-long", "POST", "http://crm.local/" + "x".repeat(3000), CREATED);
            job.setRollbackOnly();
        });

        assertThat(onPostgres.remembered(key, "POST", "http://crm.local/tickets")).contains(CREATED);
        assertThat(JdbcClient.create(pg).sql("SELECT COUNT(*) FROM http_call_answer").query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void answersOlderThanTheRetentionAreDeleted() {
        answers.remember(key, "POST", "http://crm.local/tickets", CREATED);
        answers.remember(key + "-old", "POST", "http://crm.local/tickets", CREATED);
        jdbc.sql("UPDATE http_call_answer SET created_at = ? WHERE idempotency_key = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusDays(31), key + "-old").update();

        assertThat(answers.purge()).isGreaterThanOrEqualTo(1);
        assertThat(answers.remembered(key + "-old", "POST", "http://crm.local/tickets")).isEmpty();
        assertThat(answers.remembered(key, "POST", "http://crm.local/tickets")).contains(CREATED);
    }
}
