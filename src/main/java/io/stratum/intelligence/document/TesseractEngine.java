package io.stratum.intelligence.document;

import com.sun.jna.Pointer;
import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.ITessAPI.TessOcrEngineMode;
import net.sourceforge.tess4j.ITessAPI.TessPageIterator;
import net.sourceforge.tess4j.ITessAPI.TessPageIteratorLevel;
import net.sourceforge.tess4j.ITessAPI.TessPageSegMode;
import net.sourceforge.tess4j.ITessAPI.TessResultIterator;
import net.sourceforge.tess4j.TessAPI;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One Tesseract engine (a native {@code TessBaseAPI}). Not thread-safe: Tesseract aborts the whole JVM when two threads
 * share an engine, so {@link OcrPool} gives each worker thread its own. Images go in as raw 8-bit gray pixels through
 * the C API, because Tess4J's {@code BufferedImage} path goes through lept4j, which needs a newer Leptonica than
 * Debian 12 ships.
 */
final class TesseractEngine implements AutoCloseable {

    /** Where Debian, Ubuntu and source builds put the language data. */
    private static final List<Path> TESSDATA_CANDIDATES = List.of(Path.of("/usr/share/tesseract-ocr/5/tessdata"),
            Path.of("/usr/share/tesseract-ocr/4.00/tessdata"), Path.of("/usr/share/tessdata"),
            Path.of("/usr/local/share/tessdata"));

    private final TessAPI api;
    private TessBaseAPI handle;

    TesseractEngine(Path tessdata, String languages) {
        try {
            api = TessAPI.INSTANCE;
        } catch (LinkageError e) {
            throw new IllegalStateException("Tesseract is not installed (Debian: apt-get install libtesseract5 "
                    + "tesseract-ocr-eng tesseract-ocr-deu): " + e.getMessage(), e);
        }
        handle = api.TessBaseAPICreate();
        if (api.TessBaseAPIInit2(handle, tessdata.toString(), languages, TessOcrEngineMode.OEM_LSTM_ONLY) != 0) {
            api.TessBaseAPIDelete(handle);
            handle = null;
            throw new IllegalStateException("Tesseract could not load languages '" + languages + "' from " + tessdata);
        }
        api.TessBaseAPISetPageSegMode(handle, TessPageSegMode.PSM_AUTO);
    }

    /**
     * The tessdata directory holding every language: the configured one, else {@code TESSDATA_PREFIX}, else the
     * usual install locations.
     */
    static Path tessdata(Path configured, String languages) {
        List<Path> candidates = new ArrayList<>();
        if (configured != null) {
            candidates.add(configured);
        } else {
            String prefix = System.getenv("TESSDATA_PREFIX");
            if (prefix != null && !prefix.isBlank()) {
                candidates.add(Path.of(prefix));
            }
            candidates.addAll(TESSDATA_CANDIDATES);
        }
        for (Path dir : candidates) {
            if (Arrays.stream(languages.split("\\+"))
                    .allMatch(lang -> Files.isRegularFile(dir.resolve(lang.trim() + ".traineddata")))) {
                return dir;
            }
        }
        throw new IllegalStateException("No tessdata directory with languages '" + languages + "' in " + candidates
                + " (Debian: apt-get install tesseract-ocr-eng tesseract-ocr-deu, or set "
                + "stratum.intelligence.documents.tessdata)");
    }

    /**
     * Recognises one page.
     *
     * @param dpi the image's resolution; boxes come back in PDF points (1/72 inch) from the top-left corner
     * @return lines top to bottom, each left to right
     */
    List<TextLine> recognize(BufferedImage image, double dpi) {
        BufferedImage gray = gray(image);
        int width = gray.getWidth(), height = gray.getHeight();
        byte[] pixels = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        ByteBuffer buffer = ByteBuffer.allocateDirect(pixels.length);
        buffer.put(pixels).flip();
        api.TessBaseAPISetImage(handle, buffer, width, height, 1, width);
        api.TessBaseAPISetSourceResolution(handle, (int) Math.round(dpi));
        try {
            if (api.TessBaseAPIRecognize(handle, null) != 0) {
                throw new IllegalStateException("Tesseract failed to recognise a " + width + "x" + height + " image");
            }
            return lines(readLines(), 72.0 / dpi);
        } finally {
            api.TessBaseAPIClear(handle);
        }
    }

    /** A word in pixels, with Tesseract's confidence 0..100. */
    record PixelWord(String text, int left, int top, int right, int bottom, float confidence) {
        double centerX() {
            return (left + right) / 2.0;
        }

        double centerY() {
            return (top + bottom) / 2.0;
        }
    }

    /** Tesseract's text lines with their baseline slope (dy/dx, NaN when too short to tell). */
    record PixelLine(List<PixelWord> words, double slope) {
    }

    private List<PixelLine> readLines() {
        List<PixelLine> lines = new ArrayList<>();
        TessResultIterator iterator = api.TessBaseAPIGetIterator(handle);
        if (iterator == null) {
            return lines;
        }
        try {
            TessPageIterator page = api.TessResultIteratorGetPageIterator(iterator);
            IntBuffer a = IntBuffer.allocate(1), b = IntBuffer.allocate(1), c = IntBuffer.allocate(1),
                    d = IntBuffer.allocate(1);
            List<PixelWord> current = null;
            double slope = Double.NaN;
            do {
                if (current == null || api.TessPageIteratorIsAtBeginningOf(page, TessPageIteratorLevel.RIL_TEXTLINE) != 0) {
                    if (current != null && !current.isEmpty()) {
                        lines.add(new PixelLine(current, slope));
                    }
                    current = new ArrayList<>();
                    slope = Double.NaN;
                    if (api.TessPageIteratorBaseline(page, TessPageIteratorLevel.RIL_TEXTLINE, a, b, c, d) != 0
                            && c.get(0) - a.get(0) > 200) {
                        slope = (double) (d.get(0) - b.get(0)) / (c.get(0) - a.get(0));
                    }
                }
                Pointer text = api.TessResultIteratorGetUTF8Text(iterator, TessPageIteratorLevel.RIL_WORD);
                if (text == null) {
                    continue;
                }
                String word = text.getString(0, StandardCharsets.UTF_8.name()).strip();
                api.TessDeleteText(text);
                float confidence = api.TessResultIteratorConfidence(iterator, TessPageIteratorLevel.RIL_WORD);
                if (word.isEmpty() || confidence < 10 && word.codePoints().noneMatch(Character::isLetterOrDigit)) {
                    continue; // speckles a noisy scan makes Tesseract "read"
                }
                api.TessPageIteratorBoundingBox(page, TessPageIteratorLevel.RIL_WORD, a, b, c, d);
                current.add(new PixelWord(word, a.get(0), b.get(0), c.get(0), d.get(0), confidence));
            } while (api.TessResultIteratorNext(iterator, TessPageIteratorLevel.RIL_WORD) != 0);
            if (current != null && !current.isEmpty()) {
                lines.add(new PixelLine(current, slope));
            }
        } finally {
            api.TessResultIteratorDelete(iterator);
        }
        return lines;
    }

    /**
     * Rebuilds rows from Tesseract's lines: lines that Tesseract split at a wide gap (table columns, a label and its
     * value) but that sit on one row are joined, as the text layer does. Rows are compared after removing the page's
     * skew (median baseline slope), so a 1–2° scan does not merge neighbouring rows or split one.
     */
    static List<TextLine> lines(List<PixelLine> pixelLines, double scale) {
        double skew = median(pixelLines.stream().mapToDouble(PixelLine::slope).filter(s -> !Double.isNaN(s))
                .toArray());
        record Row(List<PixelWord> words, double center, double height) {
        }
        List<Row> candidates = new ArrayList<>();
        for (PixelLine line : pixelLines) {
            double center = line.words().stream().mapToDouble(w -> w.centerY() - skew * w.centerX()).average()
                    .orElseThrow();
            double height = median(line.words().stream().mapToDouble(w -> w.bottom() - w.top()).toArray());
            candidates.add(new Row(new ArrayList<>(line.words()), center, height));
        }
        candidates.sort(Comparator.comparingDouble(Row::center));
        List<Row> rows = new ArrayList<>();
        for (Row row : candidates) {
            Row last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            if (last != null && Math.abs(row.center() - last.center()) < 0.5 * Math.min(row.height(), last.height())) {
                last.words().addAll(row.words());
            } else {
                rows.add(row);
            }
        }
        List<TextLine> lines = new ArrayList<>();
        for (Row row : rows) {
            List<PixelWord> words = new ArrayList<>(row.words());
            words.sort(Comparator.comparingDouble(PixelWord::left));
            List<TextLine.Word> scaled = words.stream().map(w -> new TextLine.Word(w.text(), w.left() * scale,
                    w.top() * scale, (w.right() - w.left()) * scale, (w.bottom() - w.top()) * scale)).toList();
            double confidence = words.stream().mapToDouble(PixelWord::confidence).average().orElse(0) / 100.0;
            lines.add(PdfTextLayer.line(scaled, Math.max(0, Math.min(1, confidence))));
        }
        return lines;
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** An 8-bit gray copy on white (transparent areas become paper), unless the image already is one. */
    static BufferedImage gray(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY && image.getRaster().getParent() == null
                && image.getRaster().getDataBuffer().getSize() == image.getWidth() * image.getHeight()) {
            return image;
        }
        BufferedImage gray = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = gray.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, gray.getWidth(), gray.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return gray;
    }

    @Override
    public void close() {
        if (handle != null) {
            api.TessBaseAPIEnd(handle);
            api.TessBaseAPIDelete(handle);
            handle = null;
        }
    }
}
