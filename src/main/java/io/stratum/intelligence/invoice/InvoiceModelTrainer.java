package io.stratum.intelligence.invoice;

import io.stratum.intelligence.document.DocumentLayout;
import io.stratum.intelligence.document.PageLayout;
import io.stratum.intelligence.document.PdfTextLayer;
import io.stratum.intelligence.document.TextLine;
import io.stratum.intelligence.invoice.synthetic.InvoiceGenerator;
import io.stratum.intelligence.model.FeatureSet;
import io.stratum.intelligence.model.HeadTrainer;
import io.stratum.intelligence.model.TextModel;
import io.stratum.intelligence.model.TrainingConfig;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains the field classifier ({@code invoice-fields}) on generated invoices: each is rendered to PDF, read back
 * through {@link PdfTextLayer} (the geometry real PDFs give), a share of them with OCR-like character noise on the
 * label words, and every candidate is labelled with the field whose drawn box it covers (or "none"). The classifier
 * is the project's DJL softmax head over the hashed feature words (PyTorch engine, seeded).
 */
public final class InvoiceModelTrainer {

    /** Bumped whenever training changes for the same settings (part of the bootstrap cache key). */
    public static final int VERSION = 5;

    /** @param invoices generated invoices to learn from; @param noise share of them read with OCR-like noise */
    public record Config(int invoices, int epochs, double noise, long seed) {
    }

    public record Result(TextModel model, Map<String, Object> metrics) {
    }

    private InvoiceModelTrainer() {
    }

    /**
     * Batches of 256 at a 4× learning rate: the same passes over the candidates in a quarter of the engine steps,
     * whose fixed cost per step dominated training time.
     */
    public static TrainingConfig headConfig(Config c) {
        return new TrainingConfig(FeatureSet.HASHED, 18, 0, c.epochs(), 256, 0.04f, 0f, 0.1, c.seed(), 1.0,
                TextModel.NO_CASCADE, 0.0, false);
    }

    /** Candidate feature words and their field labels (or "none"): what the field classifier learns from. */
    public record Examples(List<String> texts, List<String> labels) {
    }

    public static Result train(Config config) {
        long started = System.nanoTime();
        long cpuStarted = cpuNanos();
        Examples generated = examples(config);
        double generation = (System.nanoTime() - started) / 1e9;
        Result r = train(config, generated);
        Map<String, Object> metrics = new LinkedHashMap<>(r.metrics());
        metrics.put("generationSeconds", Math.round(generation * 10) / 10.0);
        metrics.put("totalSeconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
        metrics.put("cpuSeconds", Math.round((cpuNanos() - cpuStarted) / 1e8) / 10.0);
        return new Result(r.model(), metrics);
    }

    /** The labelled candidates of {@code config.invoices()} generated invoices (rendered, read back, some noisy). */
    public static Examples examples(Config config) {
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        InvoiceGenerator generator = new InvoiceGenerator(config.seed());
        Random noise = new Random(config.seed() + 1);
        for (int i = 0; i < config.invoices(); i++) {
            InvoiceGenerator.Generated g = generator.next();
            DocumentLayout layout = read(g.pdf());
            if (noise.nextDouble() < config.noise()) {
                layout = ocrNoise(layout, noise);
            }
            for (Candidates.Candidate c : Candidates.of(layout)) {
                texts.add(c.features());
                labels.add(label(c, g.marks()));
            }
        }
        return new Examples(texts, labels);
    }

    /** Trains the field classifier on the given examples with the head settings of {@code config}. */
    public static Result train(Config config, Examples examples) {
        HeadTrainer.Result r = HeadTrainer.train(examples.texts(), examples.labels(), null, headConfig(config));
        Map<String, Object> metrics = new LinkedHashMap<>(r.metrics());
        metrics.put("invoices", config.invoices());
        metrics.put("candidates", examples.texts().size());
        return new Result(r.model(), metrics);
    }

    /**
     * CPU time of the whole process (all threads, incl. the engine's native ones), so a training run can be timed
     * independently of how busy the machine is; the calling thread's time where the JVM does not report it.
     */
    private static long cpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os && os.getProcessCpuTime() >= 0) {
            return os.getProcessCpuTime();
        }
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** The text layer of a PDF, as the extractor sees it. */
    public static DocumentLayout read(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new DocumentLayout(PdfTextLayer.read(doc), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The field whose drawn value this candidate covers, or "none". */
    static String label(Candidates.Candidate c, List<InvoiceGenerator.Mark> marks) {
        for (InvoiceGenerator.Mark m : marks) {
            if (c.kind().fields.contains(m.field()) && m.page() == c.page() && covers(m, c)
                    && (c.kind() != Candidates.Kind.NAME || Candidates.norm(c.text()).equals(Candidates.norm(m.text())))) {
                return m.field();
            }
        }
        return Candidates.NONE;
    }

    /** Glyph boxes from the text layer are flatter than the drawn line, so the test is the centre, not the area. */
    private static boolean covers(InvoiceGenerator.Mark m, Candidates.Candidate c) {
        double cx = c.x() + c.width() / 2, cy = c.y() + c.height() / 2;
        return cx >= m.x() - 2 && cx <= m.x() + m.width() + 2 && cy >= m.y() - 2 && cy <= m.y() + m.height() + 2;
    }

    private static final java.util.regex.Pattern GLUABLE = java.util.regex.Pattern.compile("\\p{L}{1,8}[.:]");
    private static final String[][] CONFUSIONS = {{"e", "c"}, {"i", "l"}, {"l", "I"}, {"rn", "m"}, {"ü", "u"},
            {"ä", "a"}, {"ö", "o"}, {"ß", "B"}, {"o", "a"}, {"n", "ri"}, {":", "."}, {"h", "b"}, {"u", "v"}};

    /**
     * What an OCR engine does to a clean text layer: letters confused in words without digits (labels, names;
     * values stay readable, as the generator's truth must still match them), a short label glued to the value after
     * it when the space is narrow ("Nr.123") and boxes shifted by a point or two.
     */
    public static DocumentLayout ocrNoise(DocumentLayout layout, Random r) {
        List<PageLayout> pages = new ArrayList<>();
        for (PageLayout page : layout.pages()) {
            double dy = r.nextGaussian();
            List<TextLine> lines = new ArrayList<>();
            for (TextLine line : page.lines()) {
                List<TextLine.Word> words = new ArrayList<>();
                List<TextLine.Word> source = line.words();
                for (int i = 0; i < source.size(); i++) {
                    TextLine.Word w = source.get(i);
                    String t = w.text();
                    if (i + 1 < source.size() && GLUABLE.matcher(t).matches()
                            && Character.isDigit(source.get(i + 1).text().charAt(0)) && r.nextDouble() < 0.3) {
                        TextLine.Word next = source.get(++i);
                        w = new TextLine.Word(t + next.text(), w.x(), w.y(), next.x() + next.width() - w.x(),
                                Math.max(w.height(), next.height()));
                        t = w.text();
                    }
                    if (t.chars().noneMatch(Character::isDigit) && r.nextDouble() < 0.3) {
                        String[] c = CONFUSIONS[r.nextInt(CONFUSIONS.length)];
                        t = t.replaceFirst(java.util.regex.Pattern.quote(c[0]), c[1]);
                    }
                    words.add(new TextLine.Word(t, w.x() + r.nextGaussian() * 0.8, w.y() + dy + r.nextGaussian() * 0.4,
                            w.width(), w.height()));
                }
                lines.add(PdfTextLayer.line(words, 0.9));
            }
            pages.add(new PageLayout(page.number(), page.width(), page.height(), PageLayout.Source.OCR, lines));
        }
        return new DocumentLayout(pages, layout.embeddedInvoiceXml());
    }
}
