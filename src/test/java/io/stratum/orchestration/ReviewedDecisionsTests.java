package io.stratum.orchestration;

import io.stratum.intelligence.Prediction;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The review configuration string and the decision JSON, without an engine. */
class ReviewedDecisionsTests {

    @Test
    void parsesPairsInOrder() {
        // Given / When a configuration with spaces and a trailing separator
        var pairs = ReviewedDecisions.parse(" topicDecision = topic, urgencyDecision=urgency, ", "ReviewTriage");

        // Then the pairs come back in their order
        assertThat(pairs).containsExactly(java.util.Map.entry("topicDecision", "topic"),
                java.util.Map.entry("urgencyDecision", "urgency"));
        assertThat(ReviewedDecisions.proposed("urgency")).isEqualTo("proposedUrgency");
    }

    @Test
    void missingOrMalformedConfigurationNamesTheActivityAndTheEntry() {
        assertThatThrownBy(() -> ReviewedDecisions.parse(null, "ReviewTriage"))
                .hasMessageContaining("ReviewTriage").hasMessageContaining("reviewedDecisions");
        assertThatThrownBy(() -> ReviewedDecisions.parse("topicDecision->topic", "ReviewTriage"))
                .hasMessageContaining("'topicDecision->topic'");
    }

    @Test
    void decisionSurvivesTheJsonVariableRoundTrip() {
        // Given a prediction turned into a decision variable
        AiDecision decision = AiDecision.of(new Prediction("support-topic", 2, "billing", 0.8,
                List.of(new Prediction.Alternative("account", 0.15), new Prediction.Alternative("general", 0.05)),
                "near 'invoice'"), "d-1", "subject\nbody");

        // When read back from the Spin JSON value (as serialized) and from a plain string
        AiDecision fromSpin = AiDecision.fromVariable(decision.toVariable());
        AiDecision fromString = AiDecision.fromVariable(Variables.stringValue(decision.toJson()));

        // Then nothing is lost, and the display forms are as the form and the event expect
        assertThat(fromSpin).isEqualTo(decision).isEqualTo(fromString);
        assertThat(decision.alternativesAsText()).isEqualTo("account 15 %, general 5 %");
        assertThat(decision.alternativesAsStrings()).containsExactly("account=0.15", "general=0.05");
        assertThat(decision.toJson()).contains("\"model\":\"support-topic\"", "\"version\":2", "\"label\":\"billing\"",
                "\"confidence\":0.8", "\"decisionId\":\"d-1\"", "\"explanation\":\"near 'invoice'\"");
        assertThat(AiDecision.fromVariable(null)).isNull();
    }
}
