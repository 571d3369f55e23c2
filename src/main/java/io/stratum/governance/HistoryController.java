package io.stratum.governance;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The history API behind the auditor view ({@code /audit/}): read-only, auditors and admins (rule in
 * {@link SecurityConfig}). {@code format=csv} or {@code format=json} returns the same data as a download.
 */
@RestController
@RequestMapping("/api/history")
class HistoryController {

    static final int DEFAULT_MAX = 100;
    static final int MAX_MAX = 1000;

    private final AuditHistory history;

    HistoryController(AuditHistory history) {
        this.history = history;
    }

    @GetMapping("/processes")
    List<AuditHistory.Process> processes() {
        return history.processes();
    }

    /**
     * Instances, newest first.
     *
     * @param from  start time at or after: a date (UTC day start) or an ISO instant
     * @param to    start time before: a date (inclusive: up to the end of that UTC day) or an ISO instant
     * @param user  started the instance, was assigned a task in it or completed one
     * @param businessKey exact, or a SQL LIKE pattern with {@code %}
     */
    @GetMapping("/instances")
    ResponseEntity<?> instances(@RequestParam(required = false) String process,
                                @RequestParam(required = false) String businessKey,
                                @RequestParam(required = false) String from,
                                @RequestParam(required = false) String to,
                                @RequestParam(required = false) String user,
                                @RequestParam(defaultValue = "all") String state,
                                @RequestParam(defaultValue = "0") int first,
                                @RequestParam(defaultValue = "" + DEFAULT_MAX) int max,
                                @RequestParam(required = false) String format) {
        if (first < 0) {
            throw AuditQueryException.badParameter("first", "first must be 0 or more");
        }
        if (max < 1 || max > MAX_MAX) {
            throw AuditQueryException.badParameter("max", "max must be between 1 and " + MAX_MAX);
        }
        AuditHistory.State st;
        try {
            st = AuditHistory.State.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw AuditQueryException.badParameter("state", "state must be running, finished or all");
        }
        Instant fromTime = time("from", from, false);
        Instant toTime = time("to", to, true);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            throw AuditQueryException.badParameter("to", "to must be after from");
        }
        List<AuditHistory.Instance> found = history.search(new AuditHistory.Search(blankToNull(process),
                blankToNull(businessKey), fromTime, toTime, blankToNull(user), st, first, max));
        return respond(format, "process-instances", found,
                () -> Csv.of(AuditHistory.instanceHeader(), found.stream().map(AuditHistory::instanceRow).toList()));
    }

    /** One instance's record: timeline, activities, tasks, variable changes, incidents, rule and AI decisions. */
    @GetMapping("/instances/{id}")
    ResponseEntity<?> instance(@PathVariable String id, @RequestParam(required = false) String format) {
        AuditHistory.InstanceRecord record = history.record(id);
        return respond(format, "process-instance-" + id, record,
                () -> Csv.of(AuditHistory.eventHeader(), record.timeline().stream().map(AuditHistory::eventRow)
                        .toList()));
    }

    private static ResponseEntity<?> respond(String format, String name, Object json,
                                             java.util.function.Supplier<String> csv) {
        if (format == null || format.isBlank()) {
            return ResponseEntity.ok(json);
        }
        return switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "json" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".json\"").body(json);
            case "csv" -> ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"")
                    .body(csv.get());
            default -> throw AuditQueryException.badParameter("format", "format must be csv or json");
        };
    }

    private static Instant time(String field, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw AuditQueryException.badParameter(field, field + " must be a date (2026-11-25) or an ISO instant "
                    + "(2026-11-25T10:00:00Z), not '" + v + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
