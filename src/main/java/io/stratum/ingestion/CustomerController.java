package io.stratum.ingestion;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The customer registry: CSV import (all or nothing) and look-up. */
@RestController
@RequestMapping("/api/customers")
class CustomerController {

    record Imported(int imported, int created, int updated) {
    }

    private final CustomerRegistry registry;
    private final IngestionSettings settings;

    CustomerController(CustomerRegistry registry, IngestionSettings settings) {
        this.registry = registry;
        this.settings = settings;
    }

    @PostMapping(path = "/import", consumes = {"text/csv", "text/plain"})
    Imported importCsv(HttpServletRequest request) throws IOException {
        byte[] raw = RequestBodies.readAtMost(request, settings.maxImportSize().toBytes(), size -> { });
        List<Customer> customers = CustomerCsv.parse(utf8(raw));
        CustomerRegistry.ImportResult result = registry.upsert(customers);
        return new Imported(customers.size(), result.created(), result.updated());
    }

    /** Strict: a Latin-1 export would otherwise import with U+FFFD in place of every umlaut. */
    private static String utf8(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new CustomerImportException(1, List.of(new FieldProblem("$",
                    "the CSV is not UTF-8 text; save it as UTF-8 (CSV UTF-8) and import again")));
        }
    }

    @GetMapping("/{id}")
    Customer get(@PathVariable String id) {
        return registry.find(id).orElseThrow(() -> new NotFoundException("Customer", id));
    }
}
