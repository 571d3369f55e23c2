package io.stratum.ingestion.telemetry;

import java.util.List;

/** Telemetry or an asset import that cannot be read at all; {@code problems} name the fields (400). */
public class InvalidTelemetryException extends RuntimeException {

    private final List<Problem> problems;
    private final String rawId;

    public InvalidTelemetryException(String message, List<Problem> problems, String rawId) {
        super(message);
        this.problems = List.copyOf(problems);
        this.rawId = rawId;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** Where the raw input was kept (null for imports). */
    public String rawId() {
        return rawId;
    }

    /** One reason, named by its field ({@code $} for the document). */
    public record Problem(String field, String message) {
    }
}
