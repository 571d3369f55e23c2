package io.stratum.intelligence.invoice;

import io.stratum.intelligence.ModelRegistry;
import io.stratum.intelligence.ModelVersion;
import io.stratum.intelligence.invoice.synthetic.InvoiceGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/** The application context bootstraps the invoice-fields model into the registry and serves the extractor bean. */
@SpringBootTest
@ActiveProfiles("test")
class InvoiceExtractorBeanTests {

    @Autowired
    InvoiceExtractor extractor;
    @Autowired
    ModelRegistry registry;

    @Test
    void invoiceFieldsModelIsRegisteredAsChampionAndReadsAGeneratedInvoice() {
        assertThat(registry.versions(InvoiceModelBootstrap.MODEL)).singleElement().satisfies(v -> {
            assertThat(v.status()).isEqualTo(ModelVersion.CHAMPION);
            assertThat(v.metrics()).containsKeys("accuracy", "invoices", "candidates");
        });
        InvoiceGenerator.Generated g = new InvoiceGenerator(77).next();
        InvoiceFields f = extractor.extract(InvoiceModelTrainer.read(g.pdf()));
        assertThat(f.source()).isEqualTo("model");
        assertThat(f.total()).isEqualByComparingTo(g.truth().total());
        assertThat(f.confidence()).containsKey("total");
    }
}
