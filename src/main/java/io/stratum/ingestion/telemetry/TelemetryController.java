package io.stratum.ingestion.telemetry;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** REST intake of telemetry batches, the time series and dead letters, and the asset records. */
@RestController
class TelemetryController {

    private final TelemetryIntake intake;
    private final TelemetryStore store;
    private final AssetRegistry assets;
    private final TelemetrySettings settings;

    TelemetryController(TelemetryIntake intake, TelemetryStore store, AssetRegistry assets,
                        TelemetrySettings settings) {
        this.intake = intake;
        this.store = store;
        this.assets = assets;
        this.settings = settings;
    }

    /** 200 with one result per reading (ACCEPTED with scores, or REJECTED with field errors). */
    @PostMapping("/api/telemetry")
    TelemetryIntake.BatchResult submit(HttpServletRequest request) throws IOException {
        return intake.ingest("http", null, null, readAtMost(request, settings.maxRequestSize().toBytes()));
    }

    @GetMapping("/api/telemetry/{assetId}")
    List<TelemetryStore.StoredReading> readings(@PathVariable String assetId,
                                                @RequestParam(defaultValue = "100") int limit) {
        return store.recent(assetId, Math.max(1, Math.min(limit, 10_000)));
    }

    @GetMapping("/api/telemetry/dead-letters")
    List<TelemetryStore.DeadLetter> deadLetters(@RequestParam(defaultValue = "100") int limit) {
        return store.deadLetters(Math.max(1, Math.min(limit, 10_000)));
    }

    @GetMapping("/api/assets")
    List<Asset> assets() {
        return assets.all();
    }

    /** CSV import (header {@value AssetRegistry#HEADER}), all or nothing. */
    @PostMapping(value = "/api/assets", consumes = {"text/csv", "text/plain"})
    Map<String, Object> importAssets(@RequestBody String csv) {
        if (csv.length() > settings.maxImportSize().toBytes()) {
            throw new InvalidTelemetryException("CSV larger than " + settings.maxImportSize(),
                    List.of(new InvalidTelemetryException.Problem("$", "too large")), null);
        }
        return Map.of("imported", assets.importCsv(csv));
    }

    @ExceptionHandler(InvalidTelemetryException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidTelemetryException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid telemetry");
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("errors", e.problems());
        if (e.rawId() != null) {
            problem.setProperty("rawId", e.rawId());
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(TooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(TooLarge e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
        problem.setTitle("Payload too large");
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).header("Connection", "close").body(problem);
    }

    private static byte[] readAtMost(HttpServletRequest request, long limit) throws IOException {
        if (request.getContentLengthLong() > limit) {
            throw new TooLarge(limit);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw new TooLarge(limit);
            }
            return body;
        }
    }

    static final class TooLarge extends RuntimeException {
        TooLarge(long limit) {
            super("telemetry body larger than " + limit + " bytes");
        }
    }
}
