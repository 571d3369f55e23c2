package io.stratum.intelligence.document;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.springframework.stereotype.Component;
import org.w3c.dom.Node;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Future;

/**
 * The {@link DocumentReader}: PDF pages from their text layer, OCR ({@link OcrPool}) for pages without a usable one
 * (rendered at {@code render-dpi} in gray) and for every page of a PNG, JPEG or TIFF (multi-page TIFF too); plus the
 * embedded e-invoice XML of hybrid PDFs. Pages are OCR'd in parallel on the pool, a few at a time so a long scan
 * does not hold all its page images in memory.
 * <p>
 * Meter: {@code stratum_document_pages_total{source="text_layer"|"ocr"}}.
 */
@Component
public class OcrDocumentReader implements DocumentReader {

    /** Beyond this an image's resolution metadata is implausible (a 300-DPI scan tagged 72 DPI would be a poster). */
    private static final double MAX_PAGE_INCHES = 17.5;
    private static final double DEFAULT_IMAGE_DPI = 300;
    /** A raster this large on a page is a scan (A4 at 100 DPI is ~1 MP), not a logo. */
    private static final long SCAN_PIXELS = 1_000_000;
    /** Below this many letters/digits, a page carrying a scan is OCR'd even with a text layer (a stamped footer). */
    private static final long SCAN_STAMP_CHARS = 200;

    private final DocumentSettings settings;
    private final OcrPool ocr;
    private final Counter textLayerPages;
    private final Counter ocrPages;

    public OcrDocumentReader(DocumentSettings settings, OcrPool ocr, MeterRegistry registry) {
        this.settings = settings;
        this.ocr = ocr;
        textLayerPages = pages(registry, "text_layer");
        ocrPages = pages(registry, "ocr");
    }

    private static Counter pages(MeterRegistry registry, String source) {
        return Counter.builder("stratum.document.pages")
                .description("Document pages read, by where the text came from (PDF text layer or OCR)")
                .tag("source", source).register(registry);
    }

    @Override
    public DocumentLayout read(byte[] content, String mediaType) {
        if (content == null || content.length == 0) {
            throw new UnreadableDocumentException("The file is empty");
        }
        String type = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT).split(";")[0].strip();
        if (type.isEmpty() || type.equals("application/octet-stream")) {
            type = isPdf(content) ? "application/pdf" : "image/*";
        }
        if (type.equals("application/pdf")) {
            return readPdf(content);
        }
        if (type.startsWith("image/")) {
            return readImages(content);
        }
        throw new UnreadableDocumentException("Unsupported file type " + mediaType
                + " (readable: PDF, PNG, JPEG, TIFF)");
    }

    private static boolean isPdf(byte[] content) {
        return content.length >= 5 && content[0] == '%' && content[1] == 'P' && content[2] == 'D' && content[3] == 'F';
    }

    private DocumentLayout readPdf(byte[] content) {
        try (PDDocument document = Loader.loadPDF(content)) {
            int count = document.getNumberOfPages();
            if (count == 0) {
                throw new UnreadableDocumentException("The PDF has no pages");
            }
            byte[] xml = settings.readEmbeddedXml() ? EmbeddedInvoiceXml.find(document) : null;
            PageCollector pages = new PageCollector(count);
            PDFRenderer renderer = null;
            for (int number = 1; number <= count; number++) {
                PageLayout text = textLayer(document, number);
                if (text != null && usable(text, document.getPage(number - 1))) {
                    pages.done(text);
                    continue;
                }
                if (renderer == null) {
                    renderer = new PDFRenderer(document);
                }
                BufferedImage image = renderer.renderImageWithDPI(number - 1, settings.renderDpi(), ImageType.GRAY);
                pages.ocr(number, image, settings.renderDpi());
            }
            return new DocumentLayout(pages.finish(), xml);
        } catch (InvalidPasswordException e) {
            throw new UnreadableDocumentException("The PDF is encrypted and needs a password to open", e);
        } catch (IOException e) {
            throw new UnreadableDocumentException("The PDF cannot be read (damaged or not a PDF): " + e.getMessage(),
                    e);
        }
    }

    /** The page's text layer, or {@code null} when PDFBox cannot extract it (then the page is OCR'd). */
    private static PageLayout textLayer(PDDocument document, int number) {
        try {
            return PdfTextLayer.readPage(document, number);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Enough text, and not merely a stamp on a scanned page (rendering keeps vector text, so OCR of such a page
     * still reads the stamp).
     */
    private boolean usable(PageLayout text, PDPage page) {
        long letters = text.lines().stream().flatMapToInt(line -> line.text().codePoints())
                .filter(Character::isLetterOrDigit).count();
        return letters >= settings.minTextChars() && (letters >= SCAN_STAMP_CHARS || !carriesScan(page.getResources(), 0));
    }

    private static boolean carriesScan(PDResources resources, int depth) {
        if (resources == null || depth > 3) {
            return false;
        }
        for (COSName name : resources.getXObjectNames()) {
            try {
                PDXObject object = resources.getXObject(name);
                if (object instanceof PDImageXObject image && (long) image.getWidth() * image.getHeight() >= SCAN_PIXELS
                        || object instanceof PDFormXObject form && carriesScan(form.getResources(), depth + 1)) {
                    return true;
                }
            } catch (IOException e) {
                // an unreadable object is no reason to skip the text layer
            }
        }
        return false;
    }

    private DocumentLayout readImages(byte[] content) {
        ImageInputStream input;
        try {
            input = ImageIO.createImageInputStream(new ByteArrayInputStream(content));
        } catch (IOException e) {
            throw new UnreadableDocumentException("The image cannot be opened: " + e.getMessage(), e);
        }
        Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
        if (readers == null || !readers.hasNext()) {
            throw new UnreadableDocumentException("The file is not an image that can be decoded "
                    + "(readable: PNG, JPEG, TIFF)");
        }
        ImageReader reader = readers.next();
        try (input) {
            reader.setInput(input, false, false);
            int count = decode(() -> reader.getNumImages(true));
            if (count <= 0) {
                throw new UnreadableDocumentException("The image file has no pages");
            }
            PageCollector pages = new PageCollector(count);
            for (int index = 0; index < count; index++) {
                int page = index;
                BufferedImage image = decode(() -> reader.read(page));
                IIOMetadata metadata = decode(() -> reader.getImageMetadata(page));
                pages.ocr(index + 1, image, dpi(image, metadata));
            }
            return new DocumentLayout(pages.finish(), null);
        } catch (IOException e) {
            throw new UnreadableDocumentException("The image cannot be read: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    private interface Decoding<T> {
        T run() throws IOException;
    }

    /** Image I/O reports damaged data as IOException or, depending on the plugin, as a runtime exception. */
    private static <T> T decode(Decoding<T> step) {
        try {
            return step.run();
        } catch (IOException | RuntimeException e) {
            throw new UnreadableDocumentException("The image cannot be decoded (damaged or unsupported): "
                    + e.getMessage(), e);
        }
    }

    /** The resolution the image says it has (standard Image I/O metadata), else 300 DPI. */
    static double dpi(BufferedImage image, IIOMetadata metadata) {
        if (metadata == null || !metadata.isStandardMetadataFormatSupported()) {
            return DEFAULT_IMAGE_DPI;
        }
        Node node = metadata.getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName).getFirstChild();
        for (; node != null; node = node.getNextSibling()) {
            if (!node.getNodeName().equals("Dimension")) {
                continue;
            }
            for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child.getNodeName().equals("HorizontalPixelSize") && child.getAttributes() != null) {
                    Node value = child.getAttributes().getNamedItem("value");
                    try {
                        double dpi = 25.4 / Double.parseDouble(value.getNodeValue()); // value: mm per pixel
                        double inches = Math.max(image.getWidth(), image.getHeight()) / dpi;
                        if (dpi >= 50 && dpi <= 2400 && inches <= MAX_PAGE_INCHES) {
                            return dpi;
                        }
                    } catch (RuntimeException ignored) {
                        // unparseable value: fall back to the default
                    }
                }
            }
        }
        return DEFAULT_IMAGE_DPI;
    }

    /**
     * Pages in document order; OCR pages are submitted to the pool and collected later, with at most two per worker
     * in flight.
     */
    private final class PageCollector {

        private final PageLayout[] pages;
        private final Deque<Pending> pending = new ArrayDeque<>();

        private record Pending(int number, Future<OcrPool.OcrPage> page) {
        }

        PageCollector(int count) {
            pages = new PageLayout[count];
        }

        void done(PageLayout page) {
            pages[page.number() - 1] = page;
            textLayerPages.increment();
        }

        void ocr(int number, BufferedImage image, double dpi) {
            while (pending.size() >= 2 * ocr.threads()) {
                collect(pending.removeFirst());
            }
            pending.addLast(new Pending(number, ocr.submit(image, dpi)));
        }

        List<PageLayout> finish() {
            while (!pending.isEmpty()) {
                collect(pending.removeFirst());
            }
            return new ArrayList<>(List.of(pages));
        }

        private void collect(Pending next) {
            OcrPool.OcrPage page = OcrPool.await(next.page());
            pages[next.number() - 1] = new PageLayout(next.number(), page.width(), page.height(),
                    PageLayout.Source.OCR, page.lines());
            ocrPages.increment();
        }
    }
}
