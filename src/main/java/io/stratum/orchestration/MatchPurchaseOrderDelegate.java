package io.stratum.orchestration;

import io.stratum.action.purchasing.InvoiceToMatch;
import io.stratum.action.purchasing.MatchReport;
import io.stratum.action.purchasing.PurchaseOrder;
import io.stratum.action.purchasing.PurchaseOrders;
import io.stratum.intelligence.invoice.InvoiceFields;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static io.stratum.orchestration.InvoiceProcessingProcess.Var.*;

/**
 * 3-way match of the invoice ({@code purchaseOrderRef}, seller, net amount, the line items as extracted or verified) against the
 * purchase order and its goods receipts. Writes the report as numbers for {@code match-tolerance.dmn}
 * ({@code orderFound}, {@code maxPriceDeviation}, {@code maxQuantityExcess}, {@code amountDeviation},
 * {@code unmatchedLines}), the findings as text ({@code matchFindings}), the order's {@code costCentre} and its
 * {@code supplierEmail} (for notices to the seller).
 */
@Component
public class MatchPurchaseOrderDelegate implements JavaDelegate {

    private final ObjectProvider<PurchaseOrders> orders;

    public MatchPurchaseOrderDelegate(ObjectProvider<PurchaseOrders> orders) {
        this.orders = orders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        PurchaseOrders purchaseOrders = Beans.required(orders, PurchaseOrders.class);
        String orderNumber = InvoiceVariables.string(execution, PURCHASE_ORDER_REF);
        List<InvoiceFields.LineItem> items = InvoiceLines.read(execution);
        if (items == null) {
            InvoiceDecision decision = InvoiceDecision.fromVariable(execution.getVariableTyped(INVOICE));
            items = decision == null ? List.of() : decision.fields().lines();
        }
        BigDecimal net = InvoiceVariables.amount(execution, NET_AMOUNT);
        InvoiceToMatch invoice = new InvoiceToMatch(orderNumber, InvoiceVariables.string(execution, SELLER_NAME),
                InvoiceVariables.string(execution, CURRENCY), net != null ? net
                : InvoiceVariables.amount(execution, TOTAL),
                items.stream().map(l -> new InvoiceToMatch.Line(l.description(), l.quantity(), l.unitPrice(),
                        l.amount())).toList());
        MatchReport report = purchaseOrders.match(invoice);
        execution.setVariable(ORDER_FOUND, report.orderFound());
        execution.setVariable(MAX_PRICE_DEVIATION, number(report.maxPriceDeviation()));
        execution.setVariable(MAX_QUANTITY_EXCESS, number(report.maxQuantityExcess()));
        execution.setVariable(AMOUNT_DEVIATION, number(report.amountDeviation()));
        execution.setVariable(UNMATCHED_LINES, report.unmatchedLines());
        execution.setVariable(MATCH_FINDINGS, report.findings() == null ? ""
                : String.join("\n", report.findings()));
        Optional<PurchaseOrder> order = report.orderFound() ? purchaseOrders.find(orderNumber) : Optional.empty();
        execution.setVariable(COST_CENTRE, order.map(PurchaseOrder::costCentre).orElse(null));
        execution.setVariable(SUPPLIER_EMAIL, order.map(PurchaseOrder::supplierEmail).orElse(null));
    }

    private static double number(BigDecimal value) {
        return value == null ? 0.0 : value.doubleValue();
    }
}
