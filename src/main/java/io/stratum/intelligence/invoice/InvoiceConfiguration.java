package io.stratum.intelligence.invoice;

import io.stratum.intelligence.IntelligenceSettings;
import io.stratum.intelligence.ModelRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The invoice extractor bean. Like the other bootstrap models, {@value InvoiceModelBootstrap#MODEL} gets version 1
 * from generated data (or the bootstrap cache) on first start, registered as champion with its metrics.
 */
@Configuration(proxyBeanMethods = false)
class InvoiceConfiguration {

    static final String ACTOR = "bootstrap";

    @Bean
    InvoiceExtractor invoiceExtractor(ModelRegistry registry, IntelligenceSettings intelligence,
                                      InvoiceSettings settings) {
        if (!registry.hasChampion(InvoiceModelBootstrap.MODEL)) {
            try {
                InvoiceModelBootstrap.Artefact a = InvoiceModelBootstrap.artefact(intelligence.bootstrapCache(),
                        settings.training());
                registry.register(InvoiceModelBootstrap.MODEL, a.dir(), a.metrics(), a.trainingData(), ACTOR, true);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot bootstrap model " + InvoiceModelBootstrap.MODEL + ": "
                        + e.getMessage(), e);
            }
        }
        return new ModelInvoiceExtractor(() -> registry.champion(InvoiceModelBootstrap.MODEL).model(),
                new VendorMemory(settings.vendorMemoryDir()), settings.useEmbeddedXml());
    }
}
