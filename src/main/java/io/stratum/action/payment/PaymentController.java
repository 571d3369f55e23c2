package io.stratum.action.payment;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Read access to payments and their pain.001 messages; planning and executing belong to the invoice process. */
@RestController
@RequestMapping("/api/payments")
class PaymentController {

    private final JdbcPayments payments;

    PaymentController(JdbcPayments payments) {
        this.payments = payments;
    }

    @GetMapping("/{id}")
    PaymentRecord payment(@PathVariable String id) {
        return payments.find(id).orElseThrow(() -> notFound("Payment " + id + " not found"));
    }

    /** The payment of one invoice (its document id). */
    @GetMapping(params = "invoiceKey")
    PaymentRecord byInvoice(@RequestParam String invoiceKey) {
        return payments.findByInvoice(invoiceKey)
                .orElseThrow(() -> notFound("No payment for invoice " + invoiceKey));
    }

    @GetMapping(path = "/{id}/pain001", produces = MediaType.APPLICATION_XML_VALUE)
    String message(@PathVariable String id) {
        return payments.pain001(id).filter(x -> !x.isEmpty())
                .orElseThrow(() -> notFound("Payment " + id + " has no pain.001 message (not executed yet?)"));
    }

    private static ResponseStatusException notFound(String detail) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, detail);
    }
}
