package io.stratum.orchestration;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The support-priority and support-routing decision tables, evaluated by the real engine. */
@Deployment(resources = "processes/support-priority.dmn")
class SupportPriorityDecisionTests {

    @RegisterExtension
    ProcessEngineExtension extension = ProcessEngineExtension.builder().build();

    @ParameterizedTest(name = "{0} x {1} x {2} / {3} -> {4} {5}h {6}")
    @CsvSource({
            "critical, gold,     0,      billing,   P1, 2,  billing-team",
            "critical, silver,   250000, technical, P1, 4,  tech-support",
            "critical, bronze,   0,      account,   P2, 8,  account-team",
            "high,     platinum, 0,      shipping,  P1, 4,  logistics",
            "high,     gold,     0,      returns,   P2, 8,  logistics",
            "high,     silver,   100000, general,   P2, 8,  front-desk",
            "high,     bronze,   500,    billing,   P2, 24, billing-team",
            "normal,   gold,     0,      technical, P3, 24, tech-support",
            "normal,   bronze,   0,      technical, P3, 48, tech-support",
            "low,      platinum, 0,      general,   P3, 48, front-desk",
            "low,      silver,   0,      general,   P4, 72, front-desk",
            "unheard,  silver,   0,      nonsense,  P4, 72, front-desk",
    })
    void priorityAndTeam(String urgency, String tier, double contractValue, String topic,
                         String priority, int slaHours, String team) {
        // Given an inquiry's urgency, customer and topic
        var variables = Variables.createVariables().putValue("urgency", urgency).putValue("customerTier", tier)
                .putValue("contractValue", contractValue).putValue("topic", topic);

        // When the priority decision (which requires the routing decision) is evaluated
        ProcessEngine engine = extension.getProcessEngine();
        DmnDecisionResult result = engine.getDecisionService().evaluateDecisionByKey("support-priority")
                .variables(variables).evaluate();

        // Then exactly one rule decides priority, SLA and team
        assertThat(result.getSingleResult().getEntryMap())
                .containsEntry("priority", priority)
                .containsEntry("slaHours", slaHours)
                .containsEntry("team", team);
    }
}
