package io.stratum.action.payment;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Configured exchange rates ({@code stratum.exchange-rates.*}) for comparing amounts in other currencies with limits
 * kept in the base currency (the no-touch limit and the approval matrix of {@code invoice-approval.dmn}). Payments
 * themselves are made in the invoice's currency; nothing here changes an amount that is paid. There is no rate feed:
 * operators maintain the rates.
 *
 * @param baseCurrency the currency the limits are in (ISO 4217)
 * @param rates        units of the base currency one unit of the currency is worth, per ISO 4217 code; the base
 *                     currency itself is always 1. A currency missing here has no rate.
 */
@Validated
@ConfigurationProperties("stratum.exchange-rates")
public record ExchangeRates(@Pattern(regexp = "[A-Z]{3}") @DefaultValue("EUR") String baseCurrency,
                            Map<String, BigDecimal> rates) {

    public ExchangeRates {
        baseCurrency = baseCurrency == null ? "EUR" : baseCurrency;
        Map<String, BigDecimal> clean = new TreeMap<>();
        if (rates != null) {
            rates.forEach((code, rate) -> {
                // Environment variables bind map keys in lower case (STRATUM_EXCHANGERATES_RATES_USD -> "usd")
                String c = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
                if (!c.matches("[A-Z]{3}")) {
                    throw new IllegalArgumentException("stratum.exchange-rates.rates: '" + code
                            + "' is not an ISO 4217 currency code of 3 letters");
                }
                if (rate == null || rate.signum() <= 0) {
                    throw new IllegalArgumentException("stratum.exchange-rates.rates." + c
                            + " must be a rate greater than 0, was " + rate);
                }
                clean.put(c, rate);
            });
        }
        BigDecimal own = clean.get(baseCurrency);
        if (own != null && own.compareTo(BigDecimal.ONE) != 0) {
            throw new IllegalArgumentException("stratum.exchange-rates.rates." + baseCurrency
                    + " is the base currency: its rate is 1, was " + own.toPlainString());
        }
        clean.put(baseCurrency, BigDecimal.ONE);
        rates = Map.copyOf(clean);
    }

    /** Base units per unit of {@code currency}, if configured (1 for the base currency). */
    public Optional<BigDecimal> rate(String currency) {
        if (currency == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(rates.get(currency.strip().toUpperCase(Locale.ROOT)));
    }

    /** {@code amount} in the base currency, rounded to cents; empty when the currency has no configured rate. */
    public Optional<BigDecimal> toBase(BigDecimal amount, String currency) {
        if (amount == null) {
            return Optional.empty();
        }
        return rate(currency).map(r -> amount.multiply(r).setScale(2, RoundingMode.HALF_UP));
    }
}
