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

    @ParameterizedTest(name = "{0} x {1} -> {2} four-eyes={3}")
    @CsvSource({
            "800.0,    ,      approvers,  false",
            "10000.0,  IT,    approvers,  false",
            "10000.01, IT,    approvers,  true",
            "50000.0,  ,      approvers,  true",
            "999.99,   CAPEX, approvers,  false",
            "1000.0,   CAPEX, approvers,  true",
            "9000.0,   OPS,   operations, false",
            "20000.0,  OPS,   approvers,  true",
    })
    void approvers(double total, String costCentre, String group, boolean fourEyes) {
        // Given an invoice total and cost centre (none without a purchase order), When the approval table decides,
        // Then the approver group and whether two different people must approve
        DmnDecisionResult result = extension.getProcessEngine().getDecisionService()
                .evaluateDecisionByKey(InvoiceProcessingProcess.INVOICE_APPROVAL)
                .variables(Variables.createVariables().putValue("total", total).putValue("costCentre", costCentre))
                .evaluate();
        assertThat(result.getSingleResult().getEntryMap())
                .containsEntry("approverGroup", group)
                .containsEntry("fourEyes", fourEyes);
    }
}
