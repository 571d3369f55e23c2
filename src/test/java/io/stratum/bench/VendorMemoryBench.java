package io.stratum.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.intelligence.document.DocumentLayout;
import io.stratum.intelligence.document.PageLayout;
import io.stratum.intelligence.document.TextLine;
import io.stratum.intelligence.invoice.InvoiceFields;
import io.stratum.intelligence.invoice.InvoiceModelBootstrap;
import io.stratum.intelligence.invoice.InvoiceModelTrainer;
import io.stratum.intelligence.invoice.ModelInvoiceExtractor;
import io.stratum.intelligence.invoice.VendorMemory;
import io.stratum.intelligence.model.TextModel;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static io.stratum.intelligence.invoice.TestLayouts.line;

/**
 * Vendor memory, measured: {@code ./stratum bench vendor-memory [--vendors 60 --seed 11]}. Each vendor prints its
 * invoice number and issue date next to a second id and a second date under labels of its own choosing (words the
 * generator never uses for them), at positions of its own. The bootstrap field model reads the vendor's second invoice
 * without memory; then a person verifies the vendor's first invoice (its true fields are remembered) and the same
 * second invoice is read again through a fresh extractor over the stored memory, as after a restart.
 */
class VendorMemoryBench {

    private static final String[] NUMBER_LABELS = {"Vorgang", "Beleg", "Referenz", "Dok.-Nr.", "Ticket", "Auftrag-ID",
            "Kennung", "Serie", "Lauf", "Akte", "Case", "Voucher", "Ref.", "Dossier", "Journal"};
    private static final String[] DATE_LABELS = {"Stand", "Erstellt", "Druck", "Buchung", "Datum", "Leistung",
            "Versand", "Ausgestellt", "Posted", "Printed", "Booked", "Valuta"};
    private static final DateTimeFormatter DE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    /** One vendor's fixed layout: which label carries the number and the date, where the lines sit. */
    private record Vendor(String seller, String iban, String numberLabel, String otherIdLabel, boolean numberFirst,
                          String dateLabel, String otherDateLabel, boolean dateFirst, double idY, double dateY) {
    }

    @Test
    void vendorMemory() throws Exception {
        Map<String, String> args = BenchArgs.parse(System.getProperty("bench.args", ""));
        int vendors = Integer.parseInt(args.getOrDefault("vendors", "60"));
        Random random = new Random(Long.parseLong(args.getOrDefault("seed", "11")));
        InvoiceModelBootstrap.Artefact artefact = InvoiceModelBootstrap.artefact(BenchArgs.path("target/bootstrap-cache"),
                new InvoiceModelTrainer.Config(400, 6, 0.3, 42));
        TextModel model = TextModel.load(artefact.dir());
        Path memoryDir = Files.createTempDirectory("vendor-memory-bench");
        ModelInvoiceExtractor plain = new ModelInvoiceExtractor(() -> model, null, true);
        ModelInvoiceExtractor learning = new ModelInvoiceExtractor(() -> model, new VendorMemory(memoryDir), true);

        int[] before = new int[2];
        int[] after = new int[2];
        for (int v = 0; v < vendors; v++) {
            Vendor vendor = vendor(random, v);
            Invoice first = invoice(vendor, random);
            Invoice second = invoice(vendor, random);
            InvoiceFields unaided = plain.extract(second.layout());
            before[0] += second.number().equals(unaided.invoiceNumber()) ? 1 : 0;
            before[1] += second.issued().equals(unaided.issueDate()) ? 1 : 0;

            InvoiceFields read = learning.extract(first.layout());
            learning.remember(first.layout(), new InvoiceFields(first.number(), first.issued(), null, vendor.seller(),
                    null, vendor.iban(), null, null, "EUR", read.netAmount(), read.taxAmount(), read.total(), null,
                    null, List.of(), Map.of(), "verified"));
            InvoiceFields remembered = new ModelInvoiceExtractor(() -> model, new VendorMemory(memoryDir), true)
                    .extract(second.layout());
            after[0] += second.number().equals(remembered.invoiceNumber()) ? 1 : 0;
            after[1] += second.issued().equals(remembered.issueDate()) ? 1 : 0;
        }

        System.out.printf("%nvendor memory, %d vendors (second invoice of each; labels and positions of the vendor's own)%n",
                vendors);
        System.out.printf("%-16s %8s %8s%n", "field", "before", "after");
        System.out.printf("%-16s %8.3f %8.3f%n", "invoice number", before[0] / (double) vendors,
                after[0] / (double) vendors);
        System.out.printf("%-16s %8.3f %8.3f%n", "issue date", before[1] / (double) vendors,
                after[1] / (double) vendors);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("vendors", vendors);
        out.put("invoiceNumberBefore", before[0] / (double) vendors);
        out.put("invoiceNumberAfter", after[0] / (double) vendors);
        out.put("issueDateBefore", before[1] / (double) vendors);
        out.put("issueDateAfter", after[1] / (double) vendors);
        Path json = BenchArgs.path("target/bench/vendor-memory.json");
        Files.createDirectories(json.getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), out);
        System.out.printf(Locale.ROOT, "RESULT vendor-memory vendors=%d number_before=%.3f number_after=%.3f"
                        + " date_before=%.3f date_after=%.3f%n", vendors, before[0] / (double) vendors,
                after[0] / (double) vendors, before[1] / (double) vendors, after[1] / (double) vendors);
    }

    private static Vendor vendor(Random r, int index) {
        int a = r.nextInt(NUMBER_LABELS.length);
        int b = (a + 1 + r.nextInt(NUMBER_LABELS.length - 1)) % NUMBER_LABELS.length;
        int c = r.nextInt(DATE_LABELS.length);
        int d = (c + 1 + r.nextInt(DATE_LABELS.length - 1)) % DATE_LABELS.length;
        String iban = String.format(Locale.ROOT, "DE%02d%018d", 10 + r.nextInt(89), (long) (r.nextDouble() * 1e17));
        return new Vendor("Lieferant " + (char) ('A' + index % 26) + index + " GmbH", iban, NUMBER_LABELS[a],
                NUMBER_LABELS[b], r.nextBoolean(), DATE_LABELS[c], DATE_LABELS[d], r.nextBoolean(),
                120 + r.nextInt(60), 200 + r.nextInt(60));
    }

    private record Invoice(DocumentLayout layout, String number, LocalDate issued) {
    }

    private static Invoice invoice(Vendor v, Random r) {
        String number = (char) ('A' + r.nextInt(26)) + "-" + (1000 + r.nextInt(9000));
        String otherId = (10 + r.nextInt(90)) + "-" + (1000 + r.nextInt(9000));
        LocalDate issued = LocalDate.of(2025, 1, 1).plusDays(r.nextInt(300));
        LocalDate other = issued.plusDays(1 + r.nextInt(20));
        BigDecimal net = BigDecimal.valueOf(1000 + r.nextInt(90_000), 2);
        BigDecimal tax = net.multiply(new BigDecimal("0.19")).setScale(2, java.math.RoundingMode.HALF_UP);
        List<TextLine> lines = new ArrayList<>();
        lines.add(line(50, 50, 12, v.seller().split(" ")));
        lines.add(v.numberFirst() ? line(50, v.idY(), 9, v.numberLabel(), number, "|", v.otherIdLabel(), otherId)
                : line(50, v.idY(), 9, v.otherIdLabel(), otherId, "|", v.numberLabel(), number));
        lines.add(v.dateFirst()
                ? line(50, v.dateY(), 9, v.dateLabel(), DE.format(issued), "|", v.otherDateLabel(), DE.format(other))
                : line(50, v.dateY(), 9, v.otherDateLabel(), DE.format(other), "|", v.dateLabel(), DE.format(issued)));
        lines.add(line(330, 400, 9, "Summe", german(net)));
        lines.add(line(330, 414, 9, "MwSt", german(tax)));
        lines.add(line(330, 428, 9, "Gesamt", german(net.add(tax)), "EUR"));
        lines.add(line(50, 800, 8, "IBAN", v.iban()));
        DocumentLayout layout = new DocumentLayout(
                List.of(new PageLayout(1, 595, 842, PageLayout.Source.TEXT_LAYER, lines)), null);
        return new Invoice(layout, number, issued);
    }

    private static String german(BigDecimal amount) {
        return amount.toPlainString().replace('.', ',');
    }
}
