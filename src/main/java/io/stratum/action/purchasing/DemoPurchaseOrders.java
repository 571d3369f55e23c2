package io.stratum.action.purchasing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A fresh install gets fictional purchase orders and receipts, among them orders that the sample e-invoices of the
 * evaluation corpus refer to, so the 3-way match has something to find on first start.
 */
@Component
class DemoPurchaseOrders {

    static final String ORDERS = "action/demo-purchase-orders.csv";
    static final String RECEIPTS = "action/demo-goods-receipts.csv";
    private static final Logger log = LoggerFactory.getLogger(DemoPurchaseOrders.class);

    private final PurchaseOrderStore store;
    private final PurchasingSettings settings;

    DemoPurchaseOrders(PurchaseOrderStore store, PurchasingSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadWhenEmpty() throws IOException {
        if (!settings.demoOrders() || store.count() > 0) {
            return;
        }
        try {
            var orders = PurchasingCsv.orders(read(ORDERS));
            store.importOrders(orders);
            store.importReceipts(PurchasingCsv.receipts(read(RECEIPTS)));
            log.info("Loaded {} demo purchase orders from {}", orders.size(), ORDERS);
        } catch (DataIntegrityViolationException e) {
            // Another node loaded them at the same moment.
            log.info("Demo purchase orders were loaded concurrently: {}", e.getMessage());
        }
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
