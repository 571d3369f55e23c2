package io.stratum.ingestion;

import java.math.BigDecimal;

/** A customer record. Tier is one of {@code platinum, gold, silver, bronze}; unknown senders are {@code bronze}. */
public record Customer(String id, String name, String emailDomain, String tier, BigDecimal contractValue) {

    public static final String LOWEST_TIER = "bronze";

    public static Customer unknown(String from) {
        return new Customer(null, from, null, LOWEST_TIER, BigDecimal.ZERO);
    }
}
