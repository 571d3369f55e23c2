package io.stratum.intelligence.invoice;

import ai.djl.engine.Engine;
import io.stratum.intelligence.document.DocumentLayout;
import io.stratum.intelligence.invoice.synthetic.InvoiceGenerator;
import io.stratum.intelligence.document.PageLayout;
import io.stratum.intelligence.document.TextLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;

import static io.stratum.intelligence.invoice.TestLayouts.line;
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

    @Test
    void vendorMemoryReadsASellerRightAfterOneVerification(@TempDir Path dir) {
        // Two ids with labels no generated invoice uses: the model's guess is one of them (or none).
        DocumentLayout before = vendorInvoice("4712-B", "99-8878", "13.03.2024");
        InvoiceExtractor extractor = new ModelInvoiceExtractor(trained::model, new VendorMemory(dir), true);
        String guess = extractor.extract(before).invoiceNumber();
        boolean wantFirst = !"4712-B".equals(guess);
        String expected = wantFirst ? "4712-B" : "99-8878";
        assertThat(guess).isNotEqualTo(expected);

        // A person verifies an earlier invoice of the same seller (same IBAN) and names the other id.
        DocumentLayout verifiedDoc = vendorInvoice("4711-A", "99-8877", "12.03.2024");
        InvoiceFields read = extractor.extract(verifiedDoc);
        InvoiceFields verified = new InvoiceFields(wantFirst ? "4711-A" : "99-8877", read.issueDate(), null,
                "Kessler Werkzeuge GmbH", null, IBAN, null, null, "EUR", read.netAmount(), read.taxAmount(),
                read.total(), null, null, List.of(), Map.of(), "verified");
        extractor.remember(verifiedDoc, verified);

        // Memory is on disk: a new extractor (e.g. after a restart) reads the next invoice right.
        InvoiceFields after = new ModelInvoiceExtractor(trained::model, new VendorMemory(dir), true).extract(before);
        assertThat(after.invoiceNumber()).isEqualTo(expected);
        assertThat(after.confidence().get("invoiceNumber")).isGreaterThanOrEqualTo(0.95);
        assertThat(after.sellerName()).isEqualTo("Kessler Werkzeuge GmbH");
        // Another seller is not affected.
        DocumentLayout other = vendorInvoice("4712-B", "99-8878", "13.03.2024", "DE02120300000000202051",
                "Lindenhof Papier AG");
        assertThat(extractor.extract(other).invoiceNumber()).isEqualTo(guess);
    }

    @Test
    void arithmeticCrossChecksRaiseOrLowerConfidence() {
        FieldReader reader = new FieldReader(trained.model());
        InvoiceFields adds = reader.read(totals("100,00", "19,00", "119,00")).fields();
        InvoiceFields broken = reader.read(totals("100,00", "17,00", "119,00")).fields();
        assertThat(adds.total()).isEqualByComparingTo("119.00");
        assertThat(adds.confidence().get("total")).isGreaterThan(broken.confidence().getOrDefault("total", 0.0));
        assertThat(FieldReader.raise(0.6)).isEqualTo(0.9, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void embeddedXmlWinsWhenSwitchedOn() {
        byte[] xml = CrossIndustryInvoiceTests.MINIMAL.getBytes(StandardCharsets.UTF_8);
        DocumentLayout withXml = new DocumentLayout(totals("100,00", "19,00", "119,00").pages(), xml);
        assertThat(new ModelInvoiceExtractor(trained::model, null, true).extract(withXml).source())
                .isEqualTo("embedded-xml");
        InvoiceFields off = new ModelInvoiceExtractor(trained::model, null, false).extract(withXml);
        assertThat(off.source()).isEqualTo("model");
        assertThat(off.total()).isEqualByComparingTo("119.00");
    }

    private static final String IBAN = "DE89370400440532013000";

    private static DocumentLayout vendorInvoice(String first, String second, String date) {
        return vendorInvoice(first, second, date, IBAN, "Kessler Werkzeuge GmbH");
    }

    private static DocumentLayout vendorInvoice(String first, String second, String date, String iban, String seller) {
        List<TextLine> lines = new ArrayList<>();
        lines.add(line(50, 50, 12, seller.split(" ")));
        lines.add(line(50, 150, 9, "Vorgang", first, "|", "Referenzkennung", second));
        lines.add(line(50, 170, 9, "Datum", date));
        lines.add(line(330, 400, 9, "Summe", "100,00"));
        lines.add(line(330, 414, 9, "MwSt", "19,00"));
        lines.add(line(330, 428, 9, "Gesamt", "119,00", "EUR"));
        lines.add(line(50, 800, 8, "IBAN", iban));
        return new DocumentLayout(List.of(new PageLayout(1, 595, 842, PageLayout.Source.TEXT_LAYER, lines)), null);
    }

    private static DocumentLayout totals(String net, String tax, String total) {
        List<TextLine> lines = new ArrayList<>();
        lines.add(line(50, 50, 14, "Nordwerk", "GmbH"));
        lines.add(line(50, 120, 10, "Rechnung", "Nr.", "2024-118", "vom", "02.04.2024"));
        lines.add(line(330, 400, 9, "Nettobetrag", net, "EUR"));
        lines.add(line(330, 414, 9, "MwSt", "19", "%", tax, "EUR"));
        lines.add(line(330, 428, 9, "Gesamtbetrag", total, "EUR"));
        return new DocumentLayout(List.of(new PageLayout(1, 595, 842, PageLayout.Source.TEXT_LAYER, lines)), null);
    }
}
