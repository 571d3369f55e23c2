package io.stratum.action.purchasing;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
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
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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

    /** Bounded (a declared size above the limit is refused unread) and strict UTF-8. */
    private String body(HttpServletRequest request, String what) throws IOException {
        long limit = settings.maxImportSize().toBytes();
        if (request.getContentLengthLong() > limit) {
            throw new ImportTooLargeException(limit);
        }
        InputStream in = request.getInputStream();
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, limit + 1));
        if (bytes.length > limit) {
            throw new ImportTooLargeException(limit);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PurchasingImportException(what, 1, "$",
                    "the CSV is not UTF-8 text; save it as UTF-8 (CSV UTF-8) and import again");
        }
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

    @ExceptionHandler(ImportTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(ImportTooLargeException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
        problem.setTitle("Payload too large");
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("limitBytes", e.limit);
        // The rest of the body is unread; closing tells the client not to reuse the connection.
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                .body(problem);
    }

    static final class ImportTooLargeException extends RuntimeException {

        final long limit;

        ImportTooLargeException(long limit) {
            super("The CSV is larger than " + limit + " bytes (stratum.action.purchasing.max-import-size); split it");
            this.limit = limit;
        }
    }
}
