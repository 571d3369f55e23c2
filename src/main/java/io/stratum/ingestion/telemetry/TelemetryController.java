package io.stratum.ingestion.telemetry;

import io.stratum.ingestion.RequestBodies;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
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
        return intake.ingest("http", null, null,
                RequestBodies.readAtMost(request, settings.maxRequestSize().toBytes(), size -> { }));
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

    /** CSV import (header {@value AssetRegistry#HEADER}), all or nothing; bounded (413 above) and strict UTF-8. */
    @PostMapping(value = "/api/assets", consumes = {"text/csv", "text/plain"})
    Map<String, Object> importAssets(HttpServletRequest request) throws IOException {
        String csv = RequestBodies.readUtf8AtMost(request, settings.maxImportSize().toBytes(),
                () -> new InvalidTelemetryException("The asset CSV is not UTF-8 text; save it as UTF-8 and import again",
                        List.of(new InvalidTelemetryException.Problem("$", "not UTF-8")), null));
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
}
