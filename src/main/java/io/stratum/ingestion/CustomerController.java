package io.stratum.ingestion;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
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
        List<Customer> customers = CustomerCsv.parse(RequestBodies.readUtf8AtMost(request,
                settings.maxImportSize().toBytes(), () -> new CustomerImportException(1, List.of(new FieldProblem("$",
                        "the CSV is not UTF-8 text; save it as UTF-8 (CSV UTF-8) and import again")))));
        CustomerRegistry.ImportResult result = registry.upsert(customers);
        return new Imported(customers.size(), result.created(), result.updated());
    }

    @GetMapping("/{id}")
    Customer get(@PathVariable String id) {
        return registry.find(id).orElseThrow(() -> new NotFoundException("Customer", id));
    }
}
