package io.stratum.action.payment;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configured exchange rates: conversion to the base currency, unknown currencies, and settings that make no sense. */
class ExchangeRatesTests {

    private final ExchangeRates rates = new ExchangeRates("EUR", Map.of("usd", new BigDecimal("0.86"),
            "GBP", new BigDecimal("1.14")));

    @Test
    void convertsAtTheConfiguredRateRoundedToCents() {
        assertThat(rates.toBase(new BigDecimal("1100.00"), "USD")).hasValue(new BigDecimal("946.00"));
        assertThat(rates.toBase(new BigDecimal("0.01"), "USD")).hasValue(new BigDecimal("0.01"));
        assertThat(rates.toBase(new BigDecimal("877.19"), "GBP")).hasValue(new BigDecimal("999.997").setScale(2,
                java.math.RoundingMode.HALF_UP));
        // The base currency is always there, at 1, even when not configured
        assertThat(rates.toBase(new BigDecimal("1000.00"), "EUR")).hasValue(new BigDecimal("1000.00"));
        assertThat(rates.rate("eur")).hasValue(BigDecimal.ONE);
    }

    @Test
    void aCurrencyWithoutRateHasNoAmountInTheBaseCurrency() {
        assertThat(rates.toBase(new BigDecimal("5.00"), "SEK")).isEmpty();
        assertThat(rates.toBase(new BigDecimal("5.00"), null)).isEmpty();
        assertThat(rates.toBase(null, "USD")).isEmpty();
        assertThat(rates.rates()).containsOnlyKeys("EUR", "USD", "GBP");
    }

    @Test
    void nonsenseSettingsAreRefusedNamingTheProperty() {
        assertThatThrownBy(() -> new ExchangeRates("EUR", Map.of("USD", BigDecimal.ZERO)))
                .hasMessage("stratum.exchange-rates.rates.USD must be a rate greater than 0, was 0");
        assertThatThrownBy(() -> new ExchangeRates("EUR", Map.of("DOLLAR", BigDecimal.ONE)))
                .hasMessageContaining("'DOLLAR' is not an ISO 4217 currency code");
        assertThatThrownBy(() -> new ExchangeRates("EUR", Map.of("EUR", new BigDecimal("0.9"))))
                .hasMessageContaining("stratum.exchange-rates.rates.EUR is the base currency: its rate is 1");
    }
}
