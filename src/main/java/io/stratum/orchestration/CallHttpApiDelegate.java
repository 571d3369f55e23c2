package io.stratum.orchestration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratum.action.http.HttpAnswers;
import io.stratum.action.http.HttpApi;
import io.stratum.action.http.HttpApiRequest;
import io.stratum.action.http.HttpApiResponse;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

import static io.stratum.orchestration.GenericInputs.JSON;

/**
 * "Call HTTP API": input parameters {@code method}, {@code url}, {@code headers} ("Name: value" lines; secrets as
 * {@code {{secret:name}}}), {@code body} (JSON text with expressions, or a map), {@code resultVariable},
 * {@code timeout} (ISO-8601 duration) and {@code errorCode}. Writes {@code <result>} (JSON: status, contentType, body
 * parsed when it is JSON) and {@code <result>Status} on the process instance.
 * <p>
 * A 4xx/5xx (or 3xx: redirects are not followed) answer raises the BPMN error {@code errorCode} when one is given, else
 * fails the step with the status and the answer's opening as the message: with asyncBefore the job is retried per
 * the activity's failedJobRetryTimeCycle and then becomes an incident. No answer at all (timeout, refused
 * connection) is always a failure, never the BPMN error. A host outside {@code stratum.http-call.allowed-hosts} is
 * refused before any connection.
 * <p>
 * A POST or PATCH carries an {@code Idempotency-Key} header (IETF draft "The Idempotency-Key HTTP Header Field"):
 * the input {@code idempotencyKey}, else the process instance, the activity and (in a multi-instance step) the
 * loop counter. A retry of the step (after a failure, or after its job rolled back) repeats the request with the
 * same key, so an API that honours the header acts once; headers given in {@code headers} win. A successful answer
 * to a request with that header (any method but GET and HEAD) is also kept on its own ({@link HttpAnswers}): when the step's job
 * rolls back after the call (a later step in the same job failed, the node died before the commit), the retry takes
 * that answer instead of calling again, so even an API that ignores the header sees the request once.
 */
@Component
public class CallHttpApiDelegate implements JavaDelegate {

    static final String TEMPLATE = "Call HTTP API";
    static final String IN_METHOD = "method";
    static final String IN_URL = "url";
    static final String IN_HEADERS = "headers";
    static final String IN_BODY = "body";
    static final String IN_RESULT_VARIABLE = "resultVariable";
    static final String IN_TIMEOUT = "timeout";
    static final String IN_ERROR_CODE = "errorCode";
    static final String IN_IDEMPOTENCY_KEY = "idempotencyKey";
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    static final String STATUS_SUFFIX = "Status";
    /** How much of a failed answer goes into the incident message. */
    static final int MESSAGE_BODY_CHARS = 300;

    private final HttpApi http;
    private final HttpAnswers answers;

    public CallHttpApiDelegate(HttpApi http, HttpAnswers answers) {
        this.http = http;
        this.answers = answers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String method = GenericInputs.required(execution, IN_METHOD, TEMPLATE).toUpperCase(Locale.ROOT);
        String url = GenericInputs.required(execution, IN_URL, TEMPLATE);
        String resultVariable = GenericInputs.required(execution, IN_RESULT_VARIABLE, TEMPLATE);
        Map<String, String> headers = HttpApi.parseHeaders(GenericInputs.optional(execution, IN_HEADERS));
        JsonNode body = GenericInputs.json(execution, IN_BODY);
        String text = null;
        if (body != null) {
            text = body.toString();
            if (headers.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
                headers.put("Content-Type", "application/json");
            }
        }
        if (headers.keySet().stream().noneMatch("accept"::equalsIgnoreCase)) {
            headers.put("Accept", "application/json");
        }
        if ((method.equals("POST") || method.equals("PATCH"))
                && headers.keySet().stream().noneMatch(IDEMPOTENCY_HEADER::equalsIgnoreCase)) {
            headers.put(IDEMPOTENCY_HEADER, idempotencyKey(execution));
        }

        // Safe methods are asked again (a poll must see news); the others' answers are kept for a retry
        String key = method.equals("GET") || method.equals("HEAD") ? null : headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase(IDEMPOTENCY_HEADER)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
        HttpApiResponse response = key == null ? null : answers.remembered(key, method, url).orElse(null);
        if (response == null) {
            response = http.call(new HttpApiRequest(method, url, headers, text, timeout(execution)));
            if (key != null && response.successful()) {
                answers.remember(key, method, url, response);
            }
        }

        ObjectNode result = JSON.createObjectNode();
        result.put("status", response.status());
        result.put("contentType", response.contentType());
        result.set("body", parsedBody(response));
        DelegateExecution instance = execution.getProcessInstance();
        instance.setVariable(resultVariable, SpinValues.jsonValue(result.toString()).create());
        instance.setVariable(resultVariable + STATUS_SUFFIX, response.status());
        if (response.successful()) {
            return;
        }
        String message = method + " " + url + " answered " + response.status()
                + (response.body().isBlank() ? "" : ": " + opening(response.body()));
        String errorCode = GenericInputs.optional(execution, IN_ERROR_CODE);
        if (errorCode != null) {
            throw new BpmnError(errorCode, message);
        }
        throw new IllegalStateException("Activity '" + execution.getCurrentActivityId() + "': " + message);
    }

    /** The input {@code idempotencyKey}, else one per process instance, activity and loop counter. */
    private static String idempotencyKey(DelegateExecution execution) {
        String key = GenericInputs.optional(execution, IN_IDEMPOTENCY_KEY);
        if (key != null) {
            return key;
        }
        Object loopCounter = execution.getVariableLocal("loopCounter");
        return execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId()
                + (loopCounter == null ? "" : ":" + loopCounter);
    }

    private static Duration timeout(DelegateExecution execution) {
        String value = GenericInputs.optional(execution, IN_TIMEOUT);
        if (value == null) {
            return null;
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("Activity '" + execution.getCurrentActivityId()
                    + "': timeout '" + value + "' is not an ISO-8601 duration such as PT10S");
        }
    }

    private static JsonNode parsedBody(HttpApiResponse response) {
        String body = response.body();
        if (body.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(body); // not JSON: kept as text
        }
    }

    private static String opening(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= MESSAGE_BODY_CHARS ? flat : flat.substring(0, MESSAGE_BODY_CHARS) + "…";
    }
}
