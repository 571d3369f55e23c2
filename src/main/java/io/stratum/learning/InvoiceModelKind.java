package io.stratum.learning;

import io.stratum.intelligence.ModelRegistry;
import io.stratum.intelligence.document.DocumentLayout;
import io.stratum.intelligence.invoice.Candidates;
import io.stratum.intelligence.invoice.InvoiceFields;
import io.stratum.intelligence.invoice.InvoiceModelBootstrap;
import io.stratum.intelligence.invoice.InvoiceModelTrainer;
import io.stratum.intelligence.invoice.InvoiceSettings;
import io.stratum.intelligence.invoice.ModelInvoiceExtractor;
import io.stratum.intelligence.model.TextModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The invoice field model ({@value InvoiceModelBootstrap#MODEL}): a verified invoice (the {@code VerifyInvoice}
 * task's feedback, one record per field, input {@code document=<id>; field=<field>}) becomes a training document: the
 * stored file is read again from the document inbox, and every candidate whose value equals a verified field's value
 * is labelled with that field, every other candidate "none". A challenger learns from the generated invoices plus these
 * documents (oversampled, {@code stratum.learning.kinds.invoice-feedback-weight}); champion and challenger are scored
 * by field accuracy (the model-read fields: number, dates, names, PO, amounts) on the newest verified invoices, per
 * field, without vendor memory so the figure is the model's own.
 */
@Component
@Order(20)
public class InvoiceModelKind implements ModelKind {

    private static final Pattern INPUT = Pattern.compile("^document=([^;]+); field=(\\w+)$");
    /** The fields the classifier decides (the others are read by shape: currency, IBAN, VAT id, terms). */
    static final List<String> MODEL_FIELDS = java.util.Arrays.stream(Candidates.Kind.values())
            .flatMap(k -> k.fields.stream()).toList();

    private final ModelRegistry registry;
    private final InvoiceSettings invoice;
    private final KindSettings settings;
    private final ObjectProvider<DocumentLayouts> documents;

    public InvoiceModelKind(ModelRegistry registry, InvoiceSettings invoice, KindSettings settings,
                            ObjectProvider<DocumentLayouts> documents) {
        this.registry = registry;
        this.invoice = invoice;
        this.settings = settings;
        this.documents = documents;
    }

    @Override
    public String kind() {
        return "invoice-fields";
    }

    @Override
    public boolean handles(String model) {
        return InvoiceModelBootstrap.MODEL.equals(model);
    }

    @Override
    public String metric() {
        return "field accuracy";
    }

    @Override
    public String segmentBasis() {
        return "invoice field";
    }

    /** A verified value of a model-read field ("" = the person cleared it: the invoice has none). */
    @Override
    public boolean usable(Feedback f) {
        if (f.corrected() == null || f.input() == null) {
            return false;
        }
        Matcher m = INPUT.matcher(f.input());
        return m.matches() && MODEL_FIELDS.contains(m.group(2));
    }

    @Override
    public Training train(String model, List<Feedback> feedback, Path artefact, Consumer<String> phase)
            throws IOException {
        int n = settings.invoiceBootstrapInvoices() > 0 ? settings.invoiceBootstrapInvoices()
                : invoice.bootstrapInvoices();
        InvoiceModelTrainer.Config config = new InvoiceModelTrainer.Config(n, invoice.epochs(), invoice.noise(),
                invoice.seed());
        phase.accept("generating " + n + " invoices");
        InvoiceModelTrainer.Examples generated = InvoiceModelTrainer.examples(config);
        List<String> texts = new ArrayList<>(generated.texts());
        List<String> labels = new ArrayList<>(generated.labels());
        phase.accept("reading the verified invoices");
        Map<String, Map<String, String>> verified = byDocument(feedback);
        List<String> docTexts = new ArrayList<>();
        List<String> docLabels = new ArrayList<>();
        int readable = 0;
        for (Map.Entry<String, Map<String, String>> doc : verified.entrySet()) {
            Optional<DocumentLayout> layout = layout(doc.getKey());
            if (layout.isEmpty()) {
                continue;
            }
            readable++;
            for (Candidates.Candidate c : Candidates.of(layout.get())) {
                List<String> fields = c.kind().fields.stream()
                        .filter(f -> doc.getValue().containsKey(f) && same(c.value(), doc.getValue().get(f)))
                        .toList();
                if (fields.size() <= 1) { // a value that is two fields at once (net = total) teaches nothing
                    docTexts.add(c.features());
                    docLabels.add(fields.isEmpty() ? Candidates.NONE : fields.get(0));
                }
            }
        }
        for (int r = 0; r < settings.invoiceFeedbackWeight(); r++) {
            texts.addAll(docTexts);
            labels.addAll(docLabels);
        }
        phase.accept("training on " + texts.size() + " candidates (" + n + " generated invoices, " + readable
                + " verified invoices x" + settings.invoiceFeedbackWeight() + ")");
        InvoiceModelTrainer.Result result = InvoiceModelTrainer.train(config,
                new InvoiceModelTrainer.Examples(texts, labels));
        result.model().save(artefact);
        Map<String, Object> metrics = new LinkedHashMap<>(result.metrics());
        metrics.put("verifiedInvoices", readable);
        metrics.put("verifiedInvoicesMissing", verified.size() - readable);
        metrics.put("feedbackWeight", settings.invoiceFeedbackWeight());
        return new Training(texts.size(), metrics, n + " generated invoices (seed " + invoice.seed() + ") + "
                + readable + " verified invoices (" + feedback.size() + " field verdicts)");
    }

    @Override
    public Score score(String model, int version, List<Feedback> holdout) {
        TextModel m = registry.model(model, version);
        ModelInvoiceExtractor extractor = new ModelInvoiceExtractor(() -> m, null, false);
        Map<String, int[]> byField = new TreeMap<>(); // field -> {n, right}
        int n = 0;
        int right = 0;
        for (Map.Entry<String, Map<String, String>> doc : byDocument(holdout).entrySet()) {
            Optional<DocumentLayout> layout = layout(doc.getKey());
            if (layout.isEmpty()) {
                continue;
            }
            Map<String, Object> read = values(extractor.extract(layout.get()));
            for (Map.Entry<String, String> field : doc.getValue().entrySet()) {
                boolean ok = same(read.get(field.getKey()), field.getValue());
                int[] c = byField.computeIfAbsent(field.getKey(), k -> new int[2]);
                c[0]++;
                c[1] += ok ? 1 : 0;
                n++;
                right += ok ? 1 : 0;
            }
        }
        Map<String, SegmentScore> segments = new LinkedHashMap<>();
        byField.forEach((f, c) -> segments.put(f, new SegmentScore(c[0], (double) c[1] / c[0])));
        return new Score(n == 0 ? 0 : (double) right / n, n, segments);
    }

    /** Document id -> field -> verified value, newest verdict per field winning. */
    private Map<String, Map<String, String>> byDocument(List<Feedback> feedback) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Feedback f : feedback) {
            Matcher m = INPUT.matcher(f.input() == null ? "" : f.input());
            if (m.matches() && MODEL_FIELDS.contains(m.group(2)) && f.corrected() != null) {
                out.computeIfAbsent(m.group(1), k -> new HashMap<>()).put(m.group(2), f.corrected());
            }
        }
        return out;
    }

    private Optional<DocumentLayout> layout(String documentId) {
        DocumentLayouts port = documents.getIfAvailable();
        return port == null ? Optional.empty() : port.layout(documentId);
    }

    private static Map<String, Object> values(InvoiceFields f) {
        Map<String, Object> v = new HashMap<>();
        v.put("invoiceNumber", f.invoiceNumber());
        v.put("purchaseOrderRef", f.purchaseOrderRef());
        v.put("issueDate", f.issueDate());
        v.put("dueDate", f.dueDate());
        v.put("sellerName", f.sellerName());
        v.put("buyerName", f.buyerName());
        v.put("netAmount", f.netAmount());
        v.put("taxAmount", f.taxAmount());
        v.put("total", f.total());
        return v;
    }

    /** Whether a read value (String, LocalDate or BigDecimal) is the verified text ("" = no value). */
    static boolean same(Object actual, String expected) {
        if (expected == null || expected.isBlank()) {
            return actual == null || actual.toString().isBlank();
        }
        if (actual == null) {
            return false;
        }
        if (actual instanceof LocalDate d) {
            return d.toString().equals(expected.strip());
        }
        if (actual instanceof BigDecimal amount) {
            try {
                return amount.compareTo(new BigDecimal(expected.strip())) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return key(actual.toString()).equals(key(expected));
    }

    /** Case and spacing, and punctuation around words, do not make a different name or number. */
    private static String key(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[\\s,.;:]+", " ").strip();
    }
}
