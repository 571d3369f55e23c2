package io.stratum.action.http;

import java.time.Duration;
import java.util.Map;

/**
 * One outgoing call. Header values may contain {@code {{secret:name}}} references, resolved from configuration at the
 * moment of the call.
 *
 * @param body    request body (null or empty for none)
 * @param timeout null = the configured default
 */
public record HttpApiRequest(String method, String url, Map<String, String> headers, String body, Duration timeout) {
}
