package io.stratum.orchestration;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The match-tolerance and invoice-approval decision tables, evaluated by the real engine. */
@Deployment(resources = {"processes/match-tolerance.dmn", "processes/invoice-approval.dmn"})
class InvoiceDecisionTablesTests {

    @RegisterExtension
    ProcessEngineExtension extension = ProcessEngineExtension.builder().build();

    @ParameterizedTest(name = "found={0} unmatched={1} price={2} qty={3} amount={4} -> {5}")
    @CsvSource({
            "true,  0, 0.0,   0.0,  0.0,   true,  Within tolerance",
            "true,  0, 0.02,  0.05, 0.01,  true,  Within tolerance",
            "true,  0, 0.021, 0.0,  0.0,   false, A unit price is more than 2 % off the order",
            "true,  0, 0.0,   0.06, 0.0,   false, More than 5 % invoiced beyond the goods received",
            "true,  0, 0.0,   0.0,  0.011, false, Net amount more than 1 % off the ordered value",
            "true,  2, 0.0,   0.0,  0.0,   false, Invoice lines that match no order line",
            "false, 0, 0.0,   0.0,  0.0,   false, No purchase order with this number",
            "false, 3, 0.5,   1.0,  1.0,   false, No purchase order with this number",
    })
    void matchTolerance(boolean orderFound, int unmatched, double price, double quantity, double amount,
                        boolean within, String note) {
        // Given a 3-way match report, When the tolerance table decides, Then the first failing rule names the problem
        DmnDecisionResult result = extension.getProcessEngine().getDecisionService()
                .evaluateDecisionByKey(InvoiceProcessingProcess.MATCH_TOLERANCE)
                .variables(Variables.createVariables().putValue("orderFound", orderFound)
                        .putValue("unmatchedLines", unmatched).putValue("maxPriceDeviation", price)
                        .putValue("maxQuantityExcess", quantity).putValue("amountDeviation", amount))
                .evaluate();
        assertThat(result.getSingleResult().getEntryMap())
                .containsEntry("withinTolerance", within)
                .containsEntry("toleranceNote", note);
    }

    @ParameterizedTest(name = "{0} x {1} matched={2} iban-trusted={6} rate-known={7} -> {3} four-eyes={4} no-touch={5}")
    @CsvSource({
            "800.0,    ,      false, approvers,  false, false, true,  true",
            "10000.0,  IT,    false, approvers,  false, false, true,  true",
            "10000.01, IT,    false, approvers,  true,  false, true,  true",
            "50000.0,  ,      false, approvers,  true,  false, true,  true",
            "999.99,   CAPEX, false, approvers,  false, false, true,  true",
            "1000.0,   CAPEX, false, approvers,  true,  false, true,  true",
            "9000.0,   OPS,   false, operations, false, false, true,  true",
            "20000.0,  OPS,   false, approvers,  true,  false, true,  true",
            // no-touch: matched within tolerance, IBAN paid to this seller before, at most 1,000, not an investment
            "1000.0,   IT,    true,  ,           false, true,  true,  true",
            "12.5,     OPS,   true,  ,           false, true,  true,  true",
            "1000.01,  IT,    true,  approvers,  false, false, true,  true",
            "999.0,    CAPEX, true,  approvers,  false, false, true,  true",
            "20000.0,  IT,    true,  approvers,  true,  false, true,  true",
            // new or changed bank details (IBAN not paid to this seller before): never no-touch, the usual approver
            "1000.0,   IT,    true,  approvers,  false, false, false, true",
            "12.5,     OPS,   true,  operations, false, false, false, true",
            "12.5,     ,      false, approvers,  false, false, false, true",
            "20000.0,  IT,    true,  approvers,  true,  false, false, true",
            // no exchange rate for the invoice's currency: the total is unknown in the base currency, two approvers
            ",         IT,    true,  approvers,  true,  false, true,  false",
            ",         OPS,   true,  approvers,  true,  false, true,  false",
            ",         ,      false, approvers,  true,  false, false, false",
    })
    void approvers(Double totalInBaseCurrency, String costCentre, boolean poMatched, String group, boolean fourEyes,
                   boolean autoApproved, boolean bankDetailsTrusted, boolean exchangeRateKnown) {
        // Given an invoice total in the base currency (none without an exchange rate), cost centre (none without a
        // purchase order) and whether it matched its order within tolerance, When the approval table decides, Then
        // the approver group, whether two different people must approve, or that the table approves it by itself (no
        // approver group then; only to an IBAN paid to the seller before, and only with a known exchange rate)
        DmnDecisionResult result = extension.getProcessEngine().getDecisionService()
                .evaluateDecisionByKey(InvoiceProcessingProcess.INVOICE_APPROVAL)
                .variables(Variables.createVariables().putValue("totalInBaseCurrency", totalInBaseCurrency)
                        .putValue("costCentre", costCentre).putValue("poMatched", poMatched)
                        .putValue("bankDetailsTrusted", bankDetailsTrusted)
                        .putValue("exchangeRateKnown", exchangeRateKnown))
                .evaluate();
        assertThat(result.getSingleResult().getEntryMap().get("approverGroup")).isEqualTo(group);
        assertThat(result.getSingleResult().getEntryMap())
                .containsEntry("fourEyes", fourEyes)
                .containsEntry("autoApproved", autoApproved);
    }
}
