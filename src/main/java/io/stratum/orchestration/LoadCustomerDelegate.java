package io.stratum.orchestration;

import io.stratum.ingestion.Customer;
import io.stratum.ingestion.Customers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;

import static io.stratum.orchestration.SupportTriageProcess.Var.*;

/** Resolves the sender to a customer: {@code customerName}, {@code customerTier}, {@code contractValue} (a double). */
@Component
public class LoadCustomerDelegate implements JavaDelegate {

    private final Customers customers;

    public LoadCustomerDelegate(Customers customers) {
        this.customers = customers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String from = (String) execution.getVariable(FROM);
        Customer customer = customers.resolve((String) execution.getVariable(CUSTOMER_ID), from);
        if (customer == null) {
            customer = Customer.unknown(from);
        }
        BigDecimal value = customer.contractValue() == null ? BigDecimal.ZERO : customer.contractValue();
        execution.setVariable(CUSTOMER_NAME, customer.name());
        execution.setVariable(CUSTOMER_TIER, customer.tier() == null ? Customer.LOWEST_TIER : customer.tier());
        // A double, not a BigDecimal: DMN compares numbers, and plain types keep the variable readable in Cockpit.
        execution.setVariable(CONTRACT_VALUE, value.doubleValue());
        if (customer.id() != null) {
            execution.setVariable(CUSTOMER_ID, customer.id());
        }
    }
}
