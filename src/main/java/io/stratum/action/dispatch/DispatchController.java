package io.stratum.action.dispatch;

import io.stratum.ingestion.CsvFormatException;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Technician records (list, CSV import) and work orders. */
@RestController
class DispatchController {

    private final Technicians technicians;
    private final WorkOrders workOrders;

    DispatchController(Technicians technicians, WorkOrders workOrders) {
        this.technicians = technicians;
        this.workOrders = workOrders;
    }

    @GetMapping("/api/technicians")
    List<Technician> technicians() {
        return technicians.all();
    }

    @PostMapping(value = "/api/technicians", consumes = {"text/csv", "text/plain"})
    Map<String, Object> importTechnicians(@RequestBody String csv) {
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
