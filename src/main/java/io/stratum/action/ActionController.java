package io.stratum.action;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;

/** Read access to tickets and the e-mail outbox. 404s are problems via Boot's problem-details handler. */
@RestController
@RequestMapping("/api")
class ActionController {

    private static final int MAX_LIMIT = 500;

    private final TicketStore tickets;
    private final OutboxMailer outbox;

    ActionController(TicketStore tickets, OutboxMailer outbox) {
        this.tickets = tickets;
        this.outbox = outbox;
    }

    @GetMapping("/tickets/{id}")
    Ticket ticket(@PathVariable String id) {
        return tickets.find(id).orElseThrow(() -> notFound("Ticket " + id + " not found"));
    }

    /** Newest first. */
    @GetMapping("/outbox")
    List<OutboxMessage> outbox(@RequestParam(required = false) String to,
                               @RequestParam(defaultValue = "100") int limit) {
        return outbox.list(to, Math.max(1, Math.min(limit, MAX_LIMIT)));
    }

    @GetMapping("/outbox/{id}")
    OutboxMessage outboxMessage(@PathVariable String id) {
        return outbox.find(id).orElseThrow(() -> notFound("Outbox message " + id + " not found"));
    }

    private static ResponseStatusException notFound(String detail) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, detail);
    }
}
