package io.stratum.orchestration;

import io.stratum.action.Mailer;
import io.stratum.action.Tickets;
import io.stratum.ingestion.Customers;
import io.stratum.ingestion.InquiryProgress;
import io.stratum.ingestion.InquiryWorkflow;
import io.stratum.intelligence.ConfidenceThresholds;
import io.stratum.intelligence.ReplyDrafter;
import io.stratum.intelligence.TextClassifier;
import io.stratum.learning.RetrainingStore;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The orchestration beans as Spring wires them (other layers mocked): every bean the BPMN names exists, the port is
 * implemented, and the settings bind from application.yaml and are validated.
 */
class OrchestrationWiringTests {

    @Configuration
    @ComponentScan(basePackageClasses = SupportTriageProcess.class)
    @EnableConfigurationProperties({OrchestrationSettings.class, MaintenanceSettings.class, InvoiceFlowSettings.class,
            io.stratum.action.payment.ExchangeRates.class, io.stratum.learning.LearningSettings.class, io.stratum.intelligence.maintenance.RulModelSettings.class})
    static class Orchestration {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Orchestration.class)
            .withBean(TextClassifier.class, () -> mock(TextClassifier.class))
            .withBean(ConfidenceThresholds.class, () -> mock(ConfidenceThresholds.class))
            .withBean(ReplyDrafter.class, () -> mock(ReplyDrafter.class))
            .withBean(Customers.class, () -> mock(Customers.class))
            .withBean(InquiryProgress.class, () -> mock(InquiryProgress.class))
            .withBean(Tickets.class, () -> mock(Tickets.class))
            .withBean(Mailer.class, () -> mock(Mailer.class))
            .withBean(RetrainingStore.class, () -> mock(RetrainingStore.class))
            .withBean(io.stratum.learning.ChampionChallenger.class,
                    () -> mock(io.stratum.learning.ChampionChallenger.class))
            .withBean(io.stratum.learning.AutomationThreshold.class,
                    () -> mock(io.stratum.learning.AutomationThreshold.class))
            .withBean(RuntimeService.class, () -> mock(RuntimeService.class))
            .withBean(HistoryService.class, () -> mock(HistoryService.class))
            .withBean(org.camunda.bpm.engine.ManagementService.class,
                    () -> mock(org.camunda.bpm.engine.ManagementService.class))
            .withBean(org.camunda.bpm.engine.RepositoryService.class,
                    () -> mock(org.camunda.bpm.engine.RepositoryService.class))
            .withBean(IdentityService.class, () -> mock(IdentityService.class))
            .withBean(org.springframework.jdbc.core.simple.JdbcClient.class,
                    () -> mock(org.springframework.jdbc.core.simple.JdbcClient.class))
            .withBean(org.springframework.transaction.support.TransactionTemplate.class,
                    () -> mock(org.springframework.transaction.support.TransactionTemplate.class))
            // predictive maintenance
            .withBean(io.stratum.intelligence.maintenance.FailurePredictor.class,
                    () -> mock(io.stratum.intelligence.maintenance.FailurePredictor.class))
            .withBean(io.stratum.intelligence.maintenance.RulPredictor.class,
                    () -> mock(io.stratum.intelligence.maintenance.RulPredictor.class))
            .withBean(io.stratum.ingestion.telemetry.TelemetryStore.class,
                    () -> mock(io.stratum.ingestion.telemetry.TelemetryStore.class))
            .withBean(io.stratum.ingestion.telemetry.Assets.class,
                    () -> mock(io.stratum.ingestion.telemetry.Assets.class))
            .withBean(io.stratum.action.dispatch.Technicians.class,
                    () -> mock(io.stratum.action.dispatch.Technicians.class))
            .withBean(io.stratum.action.dispatch.WorkOrders.class,
                    () -> mock(io.stratum.action.dispatch.WorkOrders.class))
            .withBean(io.stratum.action.dispatch.VisitPlanner.class,
                    () -> mock(io.stratum.action.dispatch.VisitPlanner.class))
            .withBean(io.stratum.action.dispatch.DispatchSettings.class,
                    () -> new io.stratum.action.dispatch.DispatchSettings(java.time.Duration.ofSeconds(1),
                            java.time.Duration.ofMillis(200), 72, 2, 200, false,
                            org.springframework.util.unit.DataSize.ofMegabytes(1)))
            // invoices: the other ports (inbox, reader, extractor, orders, payments) are looked up when a step runs
            .withBean(io.stratum.action.invoice.InvoiceRegister.class,
                    () -> mock(io.stratum.action.invoice.InvoiceRegister.class))
            .withBean(org.springframework.transaction.PlatformTransactionManager.class,
                    () -> mock(org.springframework.transaction.PlatformTransactionManager.class))
            // generic components
            .withBean(io.stratum.action.http.HttpApi.class, () -> mock(io.stratum.action.http.HttpApi.class))
            .withBean(io.stratum.action.http.HttpAnswers.class, () -> mock(io.stratum.action.http.HttpAnswers.class))
            .withBean(io.stratum.action.record.Records.class, () -> mock(io.stratum.action.record.Records.class))
            .withBean(io.stratum.intelligence.TabularModels.class,
                    () -> mock(io.stratum.intelligence.TabularModels.class));

    @Test
    void everyBeanTheDiagramNamesExists() throws Exception {
        // Given the bean names used in delegate and listener expressions of the BPMN
        String bpmn = Files.readString(Path.of("processes/support-triage.bpmn"))
                + Files.readString(Path.of("processes/model-retraining.bpmn"))
                + Files.readString(Path.of("processes/predictive-maintenance.bpmn"))
                + Files.readString(Path.of("processes/invoice-processing.bpmn"));
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?:delegateExpression|expression)=\"\\$\\{([A-Za-z]+)").matcher(bpmn);
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).contains("classifyTextDelegate", "recordFeedbackListener", "reportProgressListener",
                "trainChallengerDelegate", "recordPromotionDecisionListener", "planVisitDelegate",
                "confirmVisitListener", "extractInvoiceDelegate", "verifyInvoiceListener", "approveInvoiceListener",
                "executePaymentDelegate", "sendRemittanceNoticeDelegate");

        // and the generic components analysts use through the element templates
        names.addAll(Set.of("callHttpApiDelegate", "upsertRecordDelegate", "predictDelegate"));

        // When the orchestration layer starts, Then each of them is a bean, and the ingestion port is implemented
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            names.forEach(name -> assertThat(context.containsBean(name)).as("bean %s", name).isTrue());
            assertThat(context).getBean(InquiryWorkflow.class).isInstanceOf(TriageWorkflow.class);
        });
    }

    @Test
    void settingsBindFromApplicationYaml() {
        // Given application.yaml's defaults, When bound, Then the review SLA, escalation address and priority are set
        runner.run(context -> {
            OrchestrationSettings settings = context.getBean(OrchestrationSettings.class);
            assertThat(settings.defaultReviewSla()).isEqualTo(Duration.ofHours(4));
            assertThat(settings.escalationAddress()).isEqualTo("support-leads@stratum.local");
            assertThat(settings.escalatedTaskPriority()).isEqualTo(80);
            InvoiceFlowSettings invoices = context.getBean(InvoiceFlowSettings.class);
            assertThat(invoices.requiredFields()).containsExactly("invoiceNumber", "issueDate", "sellerName",
                    "sellerIban", "currency", "total");
            assertThat(invoices.accountsPayableAddress()).isEqualTo("accounts-payable@stratum.local");
            io.stratum.action.payment.ExchangeRates rates = context.getBean(io.stratum.action.payment.ExchangeRates.class);
            assertThat(rates.baseCurrency()).isEqualTo("EUR");
            assertThat(rates.rates()).containsOnlyKeys("EUR", "USD", "GBP", "CHF");
            assertThat(rates.toBase(new java.math.BigDecimal("100.00"), "USD")).hasValue(new java.math.BigDecimal("86.00"));
        });
    }

    @Test
    void anUnknownRequiredInvoiceFieldStopsTheStart() {
        // Given a required field no extraction produces, When started, Then the context fails naming it
        runner.withPropertyValues("stratum.invoice-flow.required-fields=total,iban").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("unknown field 'iban'");
        });
    }

    @Test
    void anExchangeRateOfTheBaseCurrencyOtherThanOneStopsTheStart() {
        // Given a base currency whose configured rate is not 1, When started, Then the context fails naming it
        runner.withPropertyValues("stratum.exchange-rates.base-currency=USD").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("stratum.exchange-rates.rates.USD is the base currency");
        });
    }

    @Test
    void invalidSettingsStopTheStart() {
        // Given an escalation address that is no address, When started, Then the context fails naming the property
        runner.withPropertyValues("stratum.orchestration.escalation-address=nobody").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("escalationAddress");
        });
    }
}
