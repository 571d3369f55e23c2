package io.stratum.action.purchasing;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the purchase order records ({@code stratum.action.purchasing.*}).
 *
 * @param maxImportSize largest CSV accepted by one import request
 * @param demoOrders    load the fictional demo orders and receipts when there are no orders yet
 */
@Validated
@ConfigurationProperties("stratum.action.purchasing")
public record PurchasingSettings(@NotNull @DefaultValue("2MB") DataSize maxImportSize,
                                 @DefaultValue("true") boolean demoOrders) {
}
