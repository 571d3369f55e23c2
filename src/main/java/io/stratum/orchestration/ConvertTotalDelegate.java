package io.stratum.orchestration;

import io.stratum.action.payment.ExchangeRates;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

import static io.stratum.orchestration.InvoiceProcessingProcess.Var.*;

/**
 * The invoice total in the base currency, for {@code invoice-approval.dmn}, whose limits (no-touch, four-eyes,
 * operations) are amounts in that currency. Sets {@code totalInBaseCurrency}, {@code baseCurrency},
 * {@code exchangeRate} and {@code exchangeRateKnown}; without a configured rate (or without a currency) the total
 * cannot be compared with the limits: {@code exchangeRateKnown} is false, the table sends the invoice to a person, and
 * {@code currencyWarning} tells the approver why.
 */
@Component
public class ConvertTotalDelegate implements JavaDelegate {

    private final ExchangeRates rates;

    public ConvertTotalDelegate(ExchangeRates rates) {
        this.rates = rates;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String currency = InvoiceVariables.string(execution, CURRENCY);
        BigDecimal total = InvoiceVariables.amount(execution, TOTAL);
        Optional<BigDecimal> rate = rates.rate(currency);
        Optional<BigDecimal> converted = rates.toBase(total, currency);
        DelegateExecution instance = execution.getProcessInstance();
        instance.setVariable(BASE_CURRENCY, rates.baseCurrency());
        instance.setVariable(EXCHANGE_RATE, rate.map(BigDecimal::doubleValue).orElse(null));
        instance.setVariable(TOTAL_IN_BASE_CURRENCY, converted.map(BigDecimal::doubleValue).orElse(null));
        instance.setVariable(EXCHANGE_RATE_KNOWN, converted.isPresent());
        instance.setVariable(CURRENCY_WARNING, converted.isPresent() ? null : warning(currency, total));
    }

    private String warning(String currency, BigDecimal total) {
        String amount = total == null ? "(no total)" : String.format(Locale.ROOT, "%,.2f", total);
        if (currency == null || currency.isBlank()) {
            return "The invoice names no currency: its total " + amount + " cannot be compared with the approval"
                    + " limits in " + rates.baseCurrency() + ", so it is not approved without a person (four-eyes)";
        }
        return "No exchange rate for " + currency + " is configured (stratum.exchange-rates.rates): the total "
                + amount + " " + currency + " cannot be compared with the approval limits in " + rates.baseCurrency()
                + ", so it is not approved without a person (four-eyes)";
    }
}
