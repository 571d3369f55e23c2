package io.stratum.intelligence.invoice;

import ai.djl.engine.Engine;
import io.stratum.intelligence.document.DocumentLayout;
import io.stratum.intelligence.invoice.synthetic.InvoiceGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The field model trained on a small generated set (seeded) reads freshly generated, unseen invoices. */
class InvoiceModelTests {

    static InvoiceModelTrainer.Result trained;

    @BeforeAll
    static void train() {
        Engine.getEngine("PyTorch").setRandomSeed(7);
        trained = InvoiceModelTrainer.train(new InvoiceModelTrainer.Config(150, 6, 0.3, 7));
    }

    @Test
    void trainsOnGeneratedInvoicesAndReportsHoldOutMetrics() {
        assertThat(trained.model().labels()).contains("none", "invoiceNumber", "issueDate", "total", "sellerName");
        assertThat(trained.metrics()).containsKeys("accuracy", "candidates", "invoices");
        assertThat(((Number) trained.metrics().get("accuracy")).doubleValue()).isGreaterThan(0.9);
    }

    @Test
    void readsUnseenGeneratedLayoutsAndScans() {
        FieldReader reader = new FieldReader(trained.model());
        InvoiceGenerator unseen = new InvoiceGenerator(999);
        Map<String, Function<InvoiceFields, Object>> fields = new LinkedHashMap<>();
        fields.put("invoiceNumber", InvoiceFields::invoiceNumber);
        fields.put("issueDate", InvoiceFields::issueDate);
        fields.put("sellerName", InvoiceFields::sellerName);
        fields.put("purchaseOrderRef", InvoiceFields::purchaseOrderRef);
        fields.put("currency", InvoiceFields::currency);
        fields.put("total", f -> f.total() == null ? null : f.total().stripTrailingZeros());
        fields.put("netAmount", f -> f.netAmount() == null ? null : f.netAmount().stripTrailingZeros());
        fields.put("dueDate", InvoiceFields::dueDate);
        fields.put("sellerIban", InvoiceFields::sellerIban);
        fields.put("sellerVatId", InvoiceFields::sellerVatId);
        Map<String, Integer> right = new LinkedHashMap<>();
        int n = 40;
        int linesRight = 0;
        Random noise = new Random(5);
        for (int i = 0; i < n; i++) {
            InvoiceGenerator.Generated g = unseen.next();
            DocumentLayout layout = InvoiceModelTrainer.read(g.pdf());
            if (i % 4 == 0) {
                layout = InvoiceModelTrainer.ocrNoise(layout, noise);
            }
            InvoiceFields got = reader.read(layout).fields();
            fields.forEach((name, get) -> {
                if (Objects.equals(get.apply(got), get.apply(g.truth()))) {
                    right.merge(name, 1, Integer::sum);
                } else if (System.getProperty("invoice.debug") != null) {
                    System.out.println(name + ": got " + get.apply(got) + " want " + get.apply(g.truth()));
                }
            });
            if (got.lines().size() == g.truth().lines().size()) {
                linesRight++;
            }
            assertThat(got.source()).isEqualTo("model");
        }
        Map<String, Double> accuracy = new LinkedHashMap<>();
        fields.keySet().forEach(f -> accuracy.put(f, right.getOrDefault(f, 0) / (double) n));
        System.out.println("unseen generated invoices: " + accuracy + " lines " + linesRight / (double) n);
        for (String f : List.of("invoiceNumber", "issueDate", "total", "currency")) {
            assertThat(accuracy.get(f)).as(f).isGreaterThanOrEqualTo(0.85);
        }
        assertThat(accuracy.get("sellerName")).isGreaterThanOrEqualTo(0.7);
        assertThat(linesRight).isGreaterThanOrEqualTo(n / 2);
    }
}
