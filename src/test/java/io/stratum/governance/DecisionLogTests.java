package io.stratum.governance;

import io.stratum.orchestration.AiDecisionMade;
import io.stratum.orchestration.AiDecisionReviewed;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import io.stratum.StratumIntegrationTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@StratumIntegrationTest
class DecisionLogTests {

    @Autowired
    DecisionLog log;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;

    private String decide(String pi, String label) {
        String id = UUID.randomUUID().toString();
        events.publishEvent(new AiDecisionMade(id, pi, "bk-" + pi, "support-triage", "Task_ClassifyTopic",
                "support-topic", 1, "f".repeat(64), label, 0.61, List.of("technical=0.20", "account=0.10"),
                "n-grams: invoice, charged", Instant.now()));
        return id;
    }

    @Test
    void decisionAndReviewAreJoinedAndTheChainVerifies() {
        String pi = UUID.randomUUID().toString();
        String d1 = decide(pi, "billing");
        decide(pi, "high");
        events.publishEvent(new AiDecisionReviewed(d1, pi, "support-topic", "billing", "account", "approver",
                "customer asks about login", Instant.now()));
        // A repeated event (e.g. a retried listener) does not append twice.
        events.publishEvent(new AiDecisionReviewed(d1, pi, "support-topic", "billing", "account", "approver",
                "again", Instant.now()));

        List<DecisionLog.Decision> decisions = log.decisions(pi);
        assertThat(decisions).hasSize(2);
        DecisionLog.Decision first = decisions.get(0);
        assertThat(first.output()).isEqualTo("billing");
        assertThat(first.finalValue()).isEqualTo("account");
        assertThat(first.finalActor()).isEqualTo("approver");
        assertThat(first.finalReason()).isEqualTo("customer asks about login");
        assertThat(first.overridden()).isTrue();
        assertThat(decisions.get(1).finalValue()).isNull();
        assertThat(log.verify().intact()).isTrue();
    }

    @Test
    void entriesOfOneTransactionAreChainedInOrderUnderOneHeadLock() {
        String pi = UUID.randomUUID().toString();
        long headBefore = jdbc.sql("SELECT last_seq FROM decision_log_head WHERE id = 1").query(Long.class).single();
        tx.executeWithoutResult(status -> {
            String d1 = decide(pi, "billing");
            decide(pi, "high");
            events.publishEvent(new AiDecisionReviewed(d1, pi, "support-topic", "billing", "account", "approver",
                    "first word", Instant.now()));
            // Given twice in the same transaction: appended once, the first one counts.
            events.publishEvent(new AiDecisionReviewed(d1, pi, "support-topic", "billing", "general", "approver",
                    "second word", Instant.now()));
        });

        List<DecisionLog.Decision> decisions = log.decisions(pi);
        assertThat(decisions).extracting(DecisionLog.Decision::output).containsExactly("billing", "high");
        assertThat(decisions.get(0).finalValue()).isEqualTo("account");
        assertThat(decisions.get(0).finalReason()).isEqualTo("first word");
        List<Long> seqs = jdbc.sql("SELECT seq FROM decision_log WHERE process_instance_id = ? ORDER BY seq")
                .param(pi).query(Long.class).list();
        assertThat(seqs).hasSize(3);
        assertThat(seqs.get(2) - seqs.get(0)).isEqualTo(2);
        assertThat(jdbc.sql("SELECT last_seq FROM decision_log_head WHERE id = 1").query(Long.class).single())
                .isGreaterThanOrEqualTo(headBefore + 3);
        assertThat(log.verify().intact()).isTrue();
    }

    @Test
    void tamperingIsDetectedAndNamed() {
        String pi = UUID.randomUUID().toString();
        decide(pi, "billing");
        String target = decide(pi, "shipping");
        decide(pi, "general");
        assertThat(log.verify().intact()).isTrue();
        long seq = jdbc.sql("SELECT seq FROM decision_log WHERE decision_id = ?").param(target)
                .query(Long.class).single();

        tx.executeWithoutResult(s -> {
            jdbc.sql("UPDATE decision_log SET output_value = 'returns' WHERE seq = ?").param(seq).update();
            DecisionLog.Verification v = log.verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.firstBrokenSeq()).isEqualTo(seq);
            assertThat(v.problem()).contains("changed");
            s.setRollbackOnly();
        });
        tx.executeWithoutResult(s -> {
            long last = jdbc.sql("SELECT MAX(seq) FROM decision_log").query(Long.class).single();
            jdbc.sql("DELETE FROM decision_log WHERE seq = ?").param(last).update();
            DecisionLog.Verification v = log.verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.problem()).contains("removed");
            s.setRollbackOnly();
        });
        assertThat(log.verify().intact()).isTrue();
    }
}
