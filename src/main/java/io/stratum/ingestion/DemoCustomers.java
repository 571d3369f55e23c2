package io.stratum.ingestion;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A fresh install gets the fictional demo customers, so triage has tiers to work with on first start. */
@Component
class DemoCustomers {

    static final String RESOURCE = "ingestion/demo-customers.csv";
    private static final Logger log = LoggerFactory.getLogger(DemoCustomers.class);

    private final CustomerRegistry registry;
    private final IngestionSettings settings;

    DemoCustomers(CustomerRegistry registry, IngestionSettings settings) {
        this.registry = registry;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadWhenEmpty() throws IOException {
        if (!settings.demoCustomers() || registry.count() > 0) {
            return;
        }
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            var customers = CustomerCsv.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            try {
                registry.upsert(customers);
            } catch (org.springframework.dao.DataIntegrityViolationException e) {
                // Another node loaded them at the same moment.
                log.info("Demo customers were loaded concurrently: {}", e.getMessage());
                return;
            }
            log.info("Loaded {} demo customers from {}", customers.size(), RESOURCE);
        }
    }
}
