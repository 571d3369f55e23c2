package io.stratum.insight;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operations dashboard's JSON API (operations leaders, auditors, admins; the rule is in governance). Windows are
 * ISO-8601 durations ({@code PT6H}, {@code P7D}) ending now.
 */
@RestController
@RequestMapping("/api/insight")
class InsightController {

    static final int MAX_LIMIT = 100;

    private final OperationsInsight insight;
    private final InsightSettings settings;

    InsightController(OperationsInsight insight, InsightSettings settings) {
        this.insight = insight;
        this.settings = settings;
    }

    /** What the page needs to know before it asks for figures. */
    @GetMapping
    Map<String, Object> settings() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("refreshSeconds", settings.refreshInterval().toSeconds());
        out.put("defaultWindow", settings.defaultWindow().toString());
        out.put("maxWindow", settings.maxWindow().toString());
        out.put("driftWatchPsi", settings.driftWatchPsi());
        out.put("driftAlertPsi", settings.driftAlertPsi());
        return out;
    }

    /** Throughput (started, completed) and cycle-time percentiles per process and time bucket. */
    @GetMapping("/processes")
    OperationsInsight.Processes processes(@RequestParam(required = false) String window) {
        return insight.processes(window(window));
    }

    /** Open user tasks per task, SLA breaches in the window per timer, open incidents per process. */
    @GetMapping("/work")
    OperationsInsight.Work work(@RequestParam(required = false) String window) {
        return insight.work(window(window));
    }

    /** Activities where instances spent the most time in the window. */
    @GetMapping("/bottlenecks")
    OperationsInsight.Bottlenecks bottlenecks(@RequestParam(required = false) String window,
                                              @RequestParam(defaultValue = "10") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidParameterException("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return insight.bottlenecks(window(window), limit);
    }

    /** Per model: override rate and accuracy per version on reviewed items, drift flag. */
    @GetMapping("/models")
    OperationsInsight.Models models() {
        return insight.models();
    }

    Duration window(String value) {
        if (value == null || value.isBlank()) {
            return settings.defaultWindow();
        }
        Duration window;
        try {
            window = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException("window",
                    "window must be an ISO-8601 duration such as PT24H or P7D, not '" + value + "'");
        }
        if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(settings.maxWindow()) > 0) {
            throw new InvalidParameterException("window",
                    "window must be between PT1M and " + settings.maxWindow() + ", not " + window);
        }
        return window;
    }

    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail invalid(InvalidParameterException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid parameter");
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("field", e.field());
        return problem;
    }

    static final class InvalidParameterException extends RuntimeException {
        private final String field;

        InvalidParameterException(String field, String message) {
            super(message);
            this.field = field;
        }

        String field() {
            return field;
        }
    }
}
