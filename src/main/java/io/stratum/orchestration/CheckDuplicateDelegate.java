package io.stratum.orchestration;

import io.stratum.action.invoice.InvoiceRegister;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.Optional;

import static io.stratum.orchestration.InvoiceProcessingProcess.Var.*;

/**
 * Registers the verified invoice (seller and its VAT id, number, total, currency) and sets {@code duplicateOf} to the
 * earlier document's id when the same invoice was registered before (else null). Idempotent per document.
 */
@Component
public class CheckDuplicateDelegate implements JavaDelegate {

    private final InvoiceRegister register;

    public CheckDuplicateDelegate(InvoiceRegister register) {
        this.register = register;
    }

    @Override
    public void execute(DelegateExecution execution) {
        BigDecimal total = InvoiceVariables.amount(execution, TOTAL);
        Optional<String> earlier = register.register(InvoiceVariables.string(execution, DOCUMENT_ID),
                InvoiceVariables.string(execution, SELLER_NAME), InvoiceVariables.string(execution, SELLER_VAT_ID),
                InvoiceVariables.string(execution, INVOICE_NUMBER),
                total == null ? BigDecimal.ZERO : total, InvoiceVariables.string(execution, CURRENCY),
                execution.getProcessInstanceId());
        execution.setVariable(DUPLICATE_OF, earlier.orElse(null));
    }
}
