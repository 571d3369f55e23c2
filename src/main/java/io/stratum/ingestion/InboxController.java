package io.stratum.ingestion;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The durable inbox, read-only (auditors and admins, rule in SecurityConfig): what arrived and how it was judged, so
 * the {@code inboxId} of a refused request's problem response leads to the request as it was received.
 */
@RestController
@RequestMapping("/api/inbox")
class InboxController {

    static final int DEFAULT_MAX = 50;
    static final int MAX_MAX = 500;

    record EntryView(String id, String source, String externalId, String contentType, long payloadBytes,
                     String status, String reason, String inquiryId, Instant receivedAt, String payload,
                     String payloadEncoding) {
    }

    private final Inbox inbox;

    InboxController(Inbox inbox) {
        this.inbox = inbox;
    }

    /**
     * Entries newest first. {@code status}: a comma-separated list, by default the ones that need a look (REJECTED,
     * FAILED); {@code before}: an ISO instant, the {@code receivedAt} of the previous page's last entry.
     */
    @GetMapping
    List<Inbox.Listed> list(@RequestParam(defaultValue = Inbox.REJECTED + "," + Inbox.FAILED) String status,
                            @RequestParam(required = false) String before,
                            @RequestParam(defaultValue = "" + DEFAULT_MAX) int max) {
        Set<String> statuses = new LinkedHashSet<>();
        for (String s : status.split(",")) {
            String value = s.trim().toUpperCase(Locale.ROOT);
            if (!Inbox.STATUSES.contains(value)) {
                throw new InvalidQueryException("status", "status must be one or more of " + Inbox.STATUSES
                        + ", comma-separated, not '" + s.trim() + "'");
            }
            statuses.add(value);
        }
        if (max < 1 || max > MAX_MAX) {
            throw new InvalidQueryException("max", "max must be between 1 and " + MAX_MAX);
        }
        Instant until = null;
        if (before != null && !before.isBlank()) {
            try {
                until = Instant.parse(before.trim());
            } catch (DateTimeParseException e) {
                throw new InvalidQueryException("before", "before must be an ISO instant (2026-11-25T10:00:00Z), "
                        + "not '" + before.trim() + "'");
            }
        }
        return inbox.list(statuses, until, max);
    }

    /**
     * One entry with its payload as received: text (the body decoded as UTF-8, or byte for byte as ISO-8859-1 when it
     * was not UTF-8), Base64 for bodies with NUL bytes; none for bodies refused as too large (only their size is kept).
     */
    @GetMapping("/{id}")
    EntryView get(@PathVariable String id) {
        Inbox.Entry e = inbox.find(id).orElseThrow(() -> new NotFoundException("Inbox entry", id));
        String encoding = e.payload() == null ? null
                : Inbox.BASE64.equals(e.charset()) ? "base64" : e.charset().toLowerCase(Locale.ROOT);
        return new EntryView(e.id(), e.source(), e.externalId(), e.contentType(), e.payloadBytes(), e.status(),
                e.reason(), e.inquiryId(), e.receivedAt(), e.payload(), encoding);
    }

    /** A query parameter this API cannot use; a 400 problem naming it. */
    static class InvalidQueryException extends RuntimeException {

        private final String field;

        InvalidQueryException(String field, String message) {
            super(message);
            this.field = field;
        }

        List<FieldProblem> problems() {
            return List.of(new FieldProblem(field, getMessage()));
        }
    }
}
