package io.stratum.action.http;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settings of the "Call HTTP API" component ({@code stratum.http-call.*}).
 *
 * @param allowedHosts     hosts a process may call: {@code host}, {@code host:port} or {@code *.domain}; empty = none
 *                         (the server sits inside the network: an analyst's diagram must not reach internal services)
 * @param secrets          named values a header may refer to as {@code {{secret:name}}}, so credentials stay in
 *                         configuration and never appear in a diagram or a process variable
 * @param defaultTimeout   time for a call when the diagram gives none
 * @param maxTimeout       upper bound for a diagram's timeout
 * @param maxResponseSize  larger answers fail the call (process variables are not a blob store)
 * @param answerRetention  how long a successful answer to a request with an Idempotency-Key is kept for a retry of
 *                         its step ({@link HttpAnswers}); longer than any step's retries take
 */
@Validated
@ConfigurationProperties("stratum.http-call")
public record HttpCallSettings(@NotNull @DefaultValue List<String> allowedHosts,
                               @NotNull @DefaultValue Map<String, String> secrets,
                               @NotNull @DefaultValue("PT10S") Duration defaultTimeout,
                               @NotNull @DefaultValue("PT60S") Duration maxTimeout,
                               @NotNull @DefaultValue("1MB") DataSize maxResponseSize,
                               @NotNull @DefaultValue("P30D") Duration answerRetention) {
}
