package io.stratum.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratum.intelligence.document.DocumentLayout;
import io.stratum.intelligence.document.DocumentSettings;
import io.stratum.intelligence.document.OcrDocumentReader;
import io.stratum.intelligence.document.OcrPool;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stratum.intelligence.document.PdfTextLayer;
import io.stratum.intelligence.invoice.InvoiceFields;
import io.stratum.intelligence.invoice.InvoiceModelBootstrap;
import io.stratum.intelligence.invoice.InvoiceModelTrainer;
import io.stratum.intelligence.invoice.ModelInvoiceExtractor;
import io.stratum.intelligence.model.TextModel;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.PDNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Invoice field extraction on a folder of invoices, scored against a ground truth in the format of
 * {@code ../shared/datasets/zugferd/ground_truth.derived.json}.
 * {@code ./stratum bench extract-invoices [--dir DIR | --scans N] [--out JSON] [--truth FILE] [--no-embedded-xml]}
 * (default DIR: the ZUGFeRD corpus' FX folder; truth: DIR/ or its parent's ground_truth.derived.json).
 * The field model is the bootstrap one (generated invoices only, from target/bootstrap-cache or trained here).
 * PDFs are read through their text layer, image files (PNG, JPEG, TIFF) through the OCR reader.
 */
class ExtractInvoicesBench {

    private static final List<String> SCORED = List.of("invoice_number", "issue_date", "seller_name",
            "purchase_order_ref", "currency", "grand_total", "tax_total", "tax_basis_total", "due_date", "line_count",
            "due_date_stated");

    @Test
    void extractInvoices() throws Exception {
        Map<String, String> args = BenchArgs.parse(System.getProperty("bench.args", ""));
        Path dir = args.containsKey("scans") ? scans(Integer.parseInt(args.get("scans")))
                : args.containsKey("dir") ? BenchArgs.path(args.get("dir")) : corpus().resolve("FX");
        assumeTrue(Files.isDirectory(dir), "no invoice folder at " + dir);
        boolean embedded = !args.containsKey("no-embedded-xml");
        Path truthFile = args.containsKey("truth") ? BenchArgs.path(args.get("truth"))
                : Stream.of(dir.resolve("ground_truth.derived.json"), dir.getParent().resolve("ground_truth.derived.json"))
                .filter(Files::exists).findFirst().orElse(null);
        Path out = BenchArgs.path(args.getOrDefault("out", "target/bench/extract-invoices-records.json"));

        long trainStart = System.nanoTime();
        InvoiceModelTrainer.Config config = new InvoiceModelTrainer.Config(
                Integer.parseInt(args.getOrDefault("invoices", "400")), Integer.parseInt(args.getOrDefault("epochs", "6")),
                0.3, 42);
        InvoiceModelBootstrap.Artefact artefact = InvoiceModelBootstrap.artefact(
                BenchArgs.path("target/bootstrap-cache"), config);
        TextModel model = TextModel.load(artefact.dir());
        double modelSeconds = (System.nanoTime() - trainStart) / 1e9;
        ModelInvoiceExtractor extractor = new ModelInvoiceExtractor(() -> model, null, embedded);

        ObjectMapper json = new ObjectMapper();
        ArrayNode records = json.createArrayNode();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().toLowerCase(Locale.ROOT).matches(".*\\.(pdf|png|jpe?g|tiff?)$"))
                    .sorted().toList();
        }
        long started = System.nanoTime();
        for (Path file : files) {
            ObjectNode r = records.addObject();
            r.put("file", file.getFileName().toString());
            try {
                DocumentLayout layout = read(file);
                InvoiceFields f = extractor.extract(layout);
                record(r, f);
                statedDueDates.put(file.getFileName().toString(), statedDueDate(layout.embeddedInvoiceXml()));
            } catch (RuntimeException | IOException e) {
                r.put("error", e.getMessage());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (ocrPool != null) {
            ocrPool.close();
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), records);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("dir", dir.toString());
        result.put("files", files.size());
        result.put("embeddedXml", embedded);
        result.put("model", artefact.trainingData());
        result.put("modelMetrics", artefact.metrics());
        result.put("modelSeconds", round(modelSeconds));
        result.put("secondsPerFile", round(seconds / Math.max(1, files.size())));
        StringBuilder line = new StringBuilder("RESULT extract-invoices files=" + files.size() + " embedded_xml="
                + embedded);
        if (truthFile != null) {
            Map<String, JsonNode> truth = new LinkedHashMap<>();
            json.readTree(truthFile.toFile()).forEach(t -> truth.put(t.get("file").asText(), t));
            Map<String, Integer> right = new LinkedHashMap<>();
            List<String> misses = new ArrayList<>();
            int scored = 0;
            for (JsonNode r : records) {
                JsonNode t = truth.get(r.get("file").asText());
                if (t == null) {
                    continue;
                }
                // Scored against the due date the invoice states: the XML's due date (BT-9), else the one date its
                // payment terms text (BT-20) names outside a discount clause ("netto bis 04.04.2018").
                String stated = t.hasNonNull("due_date") ? t.get("due_date").asText()
                        : statedDueDates.get(r.get("file").asText());
                ((ObjectNode) t).put("due_date_stated", stated);
                ((ObjectNode) r).set("due_date_stated", r.get("due_date"));
                scored++;
                for (String field : SCORED) {
                    if (same(field, r.get(field), t.get(field))) {
                        right.merge(field, 1, Integer::sum);
                    } else {
                        misses.add(r.get("file").asText() + " " + field + ": got " + r.get(field) + ", want "
                                + t.get(field));
                    }
                }
            }
            Map<String, Double> accuracy = new LinkedHashMap<>();
            for (String field : SCORED) {
                accuracy.put(field, scored == 0 ? 0 : round(right.getOrDefault(field, 0) / (double) scored));
            }
            result.put("scored", scored);
            result.put("accuracy", accuracy);
            result.put("misses", misses);
            System.out.printf("%n%-20s %8s%n", "field", "accuracy");
            accuracy.forEach((k, v) -> System.out.printf("%-20s %8.3f%n", k, v));
            System.out.println();
            misses.forEach(m -> System.out.println("  miss " + m));
            accuracy.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        }
        line.append(" s_per_file=").append(round(seconds / Math.max(1, files.size())));
        Path summary = BenchArgs.path("target/bench/extract-invoices.json");
        Files.createDirectories(summary.getParent());
        json.writerWithDefaultPrettyPrinter().writeValue(summary.toFile(), result);
        System.out.println("records: " + out);
        System.out.println(line);
    }

    /**
     * {@code --scans N}: N unseen generated one-page invoices (seed 2024, not the training seed) rendered as skewed,
     * noisy 300-DPI PNG scans with their truth, in target/bench/invoice-scans.
     */
    private static Path scans(int n) throws IOException {
        Path dir = BenchArgs.path("target/bench/invoice-scans");
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper();
        ArrayNode truth = json.createArrayNode();
        io.stratum.intelligence.invoice.synthetic.InvoiceGenerator g =
                new io.stratum.intelligence.invoice.synthetic.InvoiceGenerator(2024);
        java.util.Random r = new java.util.Random(2024);
        for (int i = 0; i < n; i++) {
            io.stratum.intelligence.invoice.synthetic.InvoiceGenerator.Generated x = g.next();
            try (PDDocument doc = Loader.loadPDF(x.pdf())) {
                if (doc.getNumberOfPages() > 1) { // a PNG holds one page: multi-page invoices are left out
                    i--;
                    continue;
                }
            }
            String name = String.format("scan-%03d.png", i);
            Files.write(dir.resolve(name), io.stratum.intelligence.invoice.synthetic.InvoiceGenerator.scan(x.pdf(),
                    300, r.nextGaussian(), 0.0005, i));
            ObjectNode t = truth.addObject();
            t.put("file", name);
            record(t, x.truth());
        }
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("ground_truth.derived.json").toFile(), truth);
        return dir;
    }

    private final Map<String, String> statedDueDates = new LinkedHashMap<>();
    private static final java.util.regex.Pattern DATE = java.util.regex.Pattern.compile(
            "\\b(\\d{2})\\.(\\d{2})\\.(\\d{4})\\b");

    /**
     * The due date an embedded CII invoice states: BT-9 when present, else the single date of its payment terms
     * description outside clauses about a discount; null when there is none or several (instalments).
     */
    static String statedDueDate(byte[] xml) {
        if (xml == null) {
            return null;
        }
        try {
            javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            org.w3c.dom.Document doc = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml));
            javax.xml.xpath.XPath x = javax.xml.xpath.XPathFactory.newInstance().newXPath();
            String due = x.evaluate("//*[local-name()='SpecifiedTradePaymentTerms']/*[local-name()='DueDateDateTime']"
                    + "/*[local-name()='DateTimeString']", doc).strip();
            if (due.matches("\\d{8}")) {
                return due.substring(0, 4) + "-" + due.substring(4, 6) + "-" + due.substring(6);
            }
            String terms = x.evaluate("//*[local-name()='SpecifiedTradePaymentTerms']/*[local-name()='Description']",
                    doc);
            java.util.Set<String> dates = new java.util.LinkedHashSet<>();
            for (String clause : terms.split("[,;]")) {
                if (clause.toLowerCase(Locale.ROOT).matches(".*(skonto|discount).*")) {
                    continue;
                }
                java.util.regex.Matcher m = DATE.matcher(clause);
                while (m.find()) {
                    dates.add(m.group(3) + "-" + m.group(2) + "-" + m.group(1));
                }
            }
            return dates.size() == 1 ? dates.iterator().next() : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static DocumentLayout read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (!file.toString().toLowerCase(Locale.ROOT).endsWith(".pdf")) {
            return readImage(bytes, file);
        }
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            return new DocumentLayout(PdfTextLayer.read(doc), embeddedXml(doc));
        }
    }

    /** Scans go through the product's OCR reader (Tesseract pool), which gives the same positioned layout. */
    private static DocumentLayout readImage(byte[] bytes, Path file) {
        String name = file.toString().toLowerCase(Locale.ROOT);
        String type = name.endsWith(".png") ? "image/png" : name.matches(".*\\.tiff?$") ? "image/tiff" : "image/jpeg";
        synchronized (ExtractInvoicesBench.class) {
            if (ocr == null) {
                SimpleMeterRegistry meters = new SimpleMeterRegistry();
                ocrPool = new OcrPool(DocumentSettings.defaults(), meters);
                ocr = new OcrDocumentReader(DocumentSettings.defaults(), ocrPool, meters);
            }
        }
        return ocr.read(bytes, type);
    }

    private static OcrPool ocrPool;
    private static OcrDocumentReader ocr;

    /** The first embedded XML file (factur-x.xml, zugferd-invoice.xml, xrechnung.xml), or null. */
    private static byte[] embeddedXml(PDDocument doc) throws IOException {
        PDDocumentNameDictionary names = doc.getDocumentCatalog().getNames();
        PDEmbeddedFilesNameTreeNode tree = names == null ? null : names.getEmbeddedFiles();
        if (tree == null) {
            return null;
        }
        List<PDNameTreeNode<PDComplexFileSpecification>> nodes = new ArrayList<>();
        nodes.add(tree);
        for (int i = 0; i < nodes.size(); i++) {
            PDNameTreeNode<PDComplexFileSpecification> node = nodes.get(i);
            if (node.getKids() != null) {
                nodes.addAll(node.getKids());
            }
            Map<String, PDComplexFileSpecification> files = node.getNames();
            if (files == null) {
                continue;
            }
            for (Map.Entry<String, PDComplexFileSpecification> e : files.entrySet()) {
                PDEmbeddedFile f = e.getValue().getEmbeddedFile();
                if (e.getKey().toLowerCase(Locale.ROOT).endsWith(".xml") && f != null) {
                    return f.toByteArray();
                }
            }
        }
        return null;
    }

    private static void record(ObjectNode r, InvoiceFields f) {
        r.put("invoice_number", f.invoiceNumber());
        r.put("issue_date", f.issueDate() == null ? null : f.issueDate().toString());
        r.put("seller_name", f.sellerName());
        r.put("seller_vat_id", f.sellerVatId());
        r.put("buyer_name", f.buyerName());
        r.put("purchase_order_ref", f.purchaseOrderRef());
        r.put("currency", f.currency());
        r.put("tax_basis_total", plain(f.netAmount()));
        r.put("tax_total", plain(f.taxAmount()));
        r.put("grand_total", plain(f.total()));
        r.put("due_date", f.dueDate() == null ? null : f.dueDate().toString());
        r.put("line_count", f.lines().size());
        r.put("source", f.source());
        ArrayNode lines = r.putArray("lines");
        for (InvoiceFields.LineItem item : f.lines()) {
            ObjectNode l = lines.addObject();
            l.put("name", item.description());
            l.put("quantity", plain(item.quantity()));
            l.put("net_price", plain(item.unitPrice()));
            l.put("line_total", plain(item.amount()));
        }
        ObjectNode confidence = r.putObject("confidence");
        f.confidence().forEach((k, v) -> confidence.put(k, round(v)));
    }

    private static boolean same(String field, JsonNode got, JsonNode want) {
        boolean gotNull = got == null || got.isNull();
        boolean wantNull = want == null || want.isNull();
        if (gotNull || wantNull) {
            return gotNull == wantNull;
        }
        if (field.endsWith("_total")) {
            return new BigDecimal(got.asText()).compareTo(new BigDecimal(want.asText())) == 0;
        }
        if (field.equals("line_count")) {
            return got.asInt() == want.asInt();
        }
        return Objects.equals(got.asText().replaceAll("\\s+", " ").strip(),
                want.asText().replaceAll("\\s+", " ").strip());
    }

    private static String plain(BigDecimal v) {
        return v == null ? null : v.toPlainString();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static Path corpus() {
        for (Path p = Path.of(System.getProperty("bench.cwd", ".")).toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("shared/datasets/zugferd/ground_truth.derived.json"))) {
                return p.resolve("shared/datasets/zugferd");
            }
        }
        return Path.of("../shared/datasets/zugferd");
    }
}
