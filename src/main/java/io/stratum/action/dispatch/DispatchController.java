package io.stratum.action.dispatch;

import io.stratum.ingestion.CsvFormatException;
import io.stratum.ingestion.RequestBodies;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** Technician records (list, CSV import) and work orders. */
@RestController
class DispatchController {

    private final Technicians technicians;
    private final WorkOrders workOrders;

    private final DispatchSettings settings;

    DispatchController(Technicians technicians, WorkOrders workOrders, DispatchSettings settings) {
        this.technicians = technicians;
        this.workOrders = workOrders;
        this.settings = settings;
    }

    @GetMapping("/api/technicians")
    List<Technician> technicians() {
        return technicians.all();
    }

    /** All or nothing; bounded (413 above {@code stratum.dispatch.max-import-size}) and strict UTF-8. */
    @PostMapping(value = "/api/technicians", consumes = {"text/csv", "text/plain"})
    Map<String, Object> importTechnicians(HttpServletRequest request) throws IOException {
        String csv = RequestBodies.readUtf8AtMost(request, settings.maxImportSize().toBytes(),
                () -> new CsvFormatException(1, "$", "the CSV is not UTF-8 text; save it as UTF-8 and import again"));
        return Map.of("imported", technicians.importCsv(csv));
    }

    @GetMapping("/api/work-orders")
    List<WorkOrder> workOrders() {
        return workOrders.recent(200);
    }

    @GetMapping("/api/work-orders/{id}")
    WorkOrder workOrder(@PathVariable String id) {
        return workOrders.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "Work order " + id + " not found"));
    }

    @ExceptionHandler(CsvFormatException.class)
    ResponseEntity<ProblemDetail> invalid(CsvFormatException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid technician CSV");
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("line", e.line());
        problem.setProperty("errors", List.of(Map.of("field", e.column(), "message", e.problem())));
        return ResponseEntity.badRequest().body(problem);
    }
}
