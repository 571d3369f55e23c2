package io.stratum.action.purchasing;

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

/** Purchase orders and goods receipts: CSV import (all or nothing) and look-up of an order with its receipts. */
@RestController
class PurchasingController {

    /** An order as the API shows it: the order and what was received against it. */
    record OrderView(PurchaseOrder order, List<GoodsReceipt> receipts) {
    }

    private final PurchaseOrderStore store;
    private final PurchasingSettings settings;

    PurchasingController(PurchaseOrderStore store, PurchasingSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    @PostMapping(path = "/api/purchase-orders/import", consumes = {"text/csv", "text/plain"})
    PurchaseOrderStore.ImportResult importOrders(HttpServletRequest request) throws IOException {
        String csv = body(request, PurchasingCsv.ORDER);
        return store.importOrders(PurchasingCsv.orders(csv));
    }

    @PostMapping(path = "/api/goods-receipts/import", consumes = {"text/csv", "text/plain"})
    PurchaseOrderStore.ImportResult importReceipts(HttpServletRequest request) throws IOException {
        String csv = body(request, PurchasingCsv.RECEIPT);
        return store.importReceipts(PurchasingCsv.receipts(csv));
    }

    @GetMapping("/api/purchase-orders/{number}")
    OrderView order(@PathVariable String number) {
        PurchaseOrder order = store.find(number).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "Purchase order " + number + " not found"));
        return new OrderView(order, store.receipts(order.number()));
    }

    /** Bounded (413 above {@code stratum.action.purchasing.max-import-size}; read no further) and strict UTF-8. */
    private String body(HttpServletRequest request, String what) throws IOException {
        return RequestBodies.readUtf8AtMost(request, settings.maxImportSize().toBytes(),
                () -> new PurchasingImportException(what, 1, "$",
                        "the CSV is not UTF-8 text; save it as UTF-8 (CSV UTF-8) and import again"));
    }

    @ExceptionHandler(PurchasingImportException.class)
    ResponseEntity<ProblemDetail> invalid(PurchasingImportException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid " + e.what() + " CSV");
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("line", e.line());
        problem.setProperty("column", e.column());
        problem.setProperty("errors", List.of(Map.of("field", e.column(), "message", e.getMessage())));
        return ResponseEntity.badRequest().body(problem);
    }
}
