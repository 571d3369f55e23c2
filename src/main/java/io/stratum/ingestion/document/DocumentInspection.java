package io.stratum.ingestion.document;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;

/**
 * What a received file is and whether Stratum can read it, judged from its bytes only (never from its name or the
 * content type its sender declared), and without decoding it: PDFs are opened by PDFBox under a memory limit and
 * their page tree is walked; images are judged from their headers. No OCR, no rendering.
 */
public final class DocumentInspection {

    public static final String PDF = "application/pdf";
    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final String TIFF = "image/tiff";

    /** Why a file was refused, with the HTTP status that says so. */
    public enum Rejection {
        EMPTY(400, "Empty file"),
        TOO_LARGE(413, "File too large"),
        TOO_MANY_PAGES(413, "Too many pages"),
        UNSUPPORTED(415, "Unsupported file type"),
        ENCRYPTED(422, "Encrypted PDF"),
        CORRUPT(422, "Corrupt or truncated file"),
        BOMB(422, "Image dimensions too large");

        public final int status;
        public final String title;

        Rejection(int status, String title) {
            this.status = status;
            this.title = title;
        }
    }

    /** @param pdfMemory scratch memory PDFBox may use for one file */
    public record Limits(long maxSize, int maxPages, long maxPixels, long pdfMemory) {
    }

    /**
     * @param mediaType detected type, {@code null} when none of the supported ones
     * @param pages     pages (PDF, TIFF) or 1 (other images); {@code null} when not known
     * @param rejection {@code null} when the file is accepted
     */
    public record Verdict(String mediaType, Integer pages, Rejection rejection, String reason) {

        public boolean accepted() {
            return rejection == null;
        }

        static Verdict reject(String mediaType, Integer pages, Rejection rejection, String reason) {
            return new Verdict(mediaType, pages, rejection, reason);
        }
    }

    /** OCR renders a page at this resolution, so a PDF page's pixel count is judged at it. */
    static final int OCR_DPI = 300;
    private static final int HEADER_WINDOW = 1024;
    private static final int EOF_WINDOW = 2048;

    private DocumentInspection() {
    }

    /** The supported media type these bytes are, from their magic numbers; {@code null} for anything else. */
    public static String detect(byte[] b) {
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(b, 0, 'I', 'I', 0x2A, 0x00) || startsWith(b, 0, 'M', 'M', 0x00, 0x2A)) {
            return TIFF;
        }
        // Readers accept a PDF header after some leading bytes (mail gateways and old scanners add them).
        if (indexOf(b, "%PDF-".getBytes(StandardCharsets.US_ASCII), 0, HEADER_WINDOW) >= 0) {
            return PDF;
        }
        return null;
    }

    /** A readable name for what unsupported bytes look like, for the rejection reason. */
    static String describe(byte[] b) {
        if (startsWith(b, 0, 'P', 'K', 0x03, 0x04)) {
            return "a ZIP archive (also DOCX, XLSX, ODT)";
        }
        if (startsWith(b, 0, 'G', 'I', 'F', '8')) {
            return "a GIF image";
        }
        if (startsWith(b, 0, 'I', 'I', 0x2B, 0x00) || startsWith(b, 0, 'M', 'M', 0x00, 0x2B)) {
            return "a BigTIFF image";
        }
        if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
            return "a WebP image";
        }
        if (startsWith(b, 0, 0xD0, 0xCF, 0x11, 0xE0)) {
            return "an old Microsoft Office file";
        }
        if (startsWith(b, 0, 0x1F, 0x8B)) {
            return "a gzip archive";
        }
        String head = new String(b, 0, Math.min(b.length, 512), StandardCharsets.ISO_8859_1).stripLeading()
                .toLowerCase(Locale.ROOT);
        if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.contains("<body")) {
            return "an HTML page";
        }
        if (head.startsWith("<?xml") || head.startsWith("<")) {
            return "XML or markup";
        }
        return "an unknown binary or text format";
    }

    /** Judges a file: its type, then whether it can be read within the limits. Never throws. */
    public static Verdict inspect(byte[] bytes, Limits limits) {
        if (bytes.length == 0) {
            return Verdict.reject(null, null, Rejection.EMPTY, "the file is empty (0 bytes)");
        }
        if (bytes.length > limits.maxSize()) {
            return Verdict.reject(null, null, Rejection.TOO_LARGE,
                    "the file has " + bytes.length + " bytes, more than the limit of " + limits.maxSize());
        }
        String type = detect(bytes);
        if (type == null) {
            return Verdict.reject(null, null, Rejection.UNSUPPORTED, "the content is " + describe(bytes)
                    + "; accepted are PDF, PNG, JPEG and TIFF, recognised by their content, not by name or type");
        }
        try {
            return switch (type) {
                case PDF -> pdf(bytes, limits);
                case PNG -> image(bytes, "png", PNG, limits, pngComplete(bytes));
                case JPEG -> image(bytes, "jpeg", JPEG, limits, jpegComplete(bytes));
                default -> image(bytes, "tiff", TIFF, limits, true);
            };
        } catch (RuntimeException | StackOverflowError e) {
            // PDFBox and ImageIO fail on malformed input in many ways; any of them means "cannot be read".
            return Verdict.reject(type, null, Rejection.CORRUPT, "the " + label(type) + " cannot be read: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())));
        }
    }

    private static Verdict pdf(byte[] bytes, Limits limits) {
        if (indexOf(bytes, "%%EOF".getBytes(StandardCharsets.US_ASCII), Math.max(0, bytes.length - EOF_WINDOW),
                bytes.length) < 0) {
            return Verdict.reject(PDF, null, Rejection.CORRUPT,
                    "the PDF is truncated or damaged: it has no end-of-file marker (%%EOF)");
        }
        try (PDDocument doc = Loader.loadPDF(bytes, "", null, null,
                MemoryUsageSetting.setupMainMemoryOnly(limits.pdfMemory()).streamCache)) {
            int pages = doc.getNumberOfPages();
            if (pages <= 0) {
                return Verdict.reject(PDF, 0, Rejection.CORRUPT, "the PDF has no pages");
            }
            if (pages > limits.maxPages()) {
                return Verdict.reject(PDF, pages, Rejection.TOO_MANY_PAGES,
                        "the PDF has " + pages + " pages, more than the limit of " + limits.maxPages());
            }
            int n = 0;
            for (PDPage page : doc.getPages()) {
                if (++n > pages) {
                    break; // a page tree that yields more pages than it declares: only the declared ones count
                }
                PDRectangle box = page.getMediaBox();
                double pixels = (double) box.getWidth() / 72 * OCR_DPI * box.getHeight() / 72 * OCR_DPI;
                if (!(pixels <= limits.maxPixels())) {
                    return Verdict.reject(PDF, pages, Rejection.BOMB, "page " + n + " measures "
                            + Math.round(box.getWidth()) + " x " + Math.round(box.getHeight())
                            + " pt, " + megapixels(pixels) + " megapixels at " + OCR_DPI + " DPI, more than the limit of "
                            + megapixels(limits.maxPixels()));
                }
            }
            return new Verdict(PDF, pages, null, null);
        } catch (InvalidPasswordException e) {
            return Verdict.reject(PDF, null, Rejection.ENCRYPTED,
                    "the PDF is password-protected; send it without a password");
        } catch (IOException e) {
            return Verdict.reject(PDF, null, Rejection.CORRUPT,
                    "the PDF cannot be read: " + firstLine(String.valueOf(e.getMessage())));
        }
    }

    private static Verdict image(byte[] bytes, String format, String type, Limits limits, boolean complete) {
        if (!complete) {
            return Verdict.reject(type, null, Rejection.CORRUPT,
                    "the " + label(type) + " is truncated: its end marker is missing");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            return Verdict.reject(type, null, Rejection.UNSUPPORTED, "no reader for " + label(type) + " installed");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, false, true);
            int pages = 0;
            // Only headers are read (getWidth/getHeight); at most maxPages + 1 of them, however many the file claims.
            while (pages <= limits.maxPages()) {
                long w;
                long h;
                try {
                    w = reader.getWidth(pages);
                    h = reader.getHeight(pages);
                } catch (IndexOutOfBoundsException end) {
                    break;
                }
                if (w <= 0 || h <= 0) {
                    return Verdict.reject(type, null, Rejection.CORRUPT,
                            "the " + label(type) + " declares " + w + " x " + h + " pixels");
                }
                if (w * h > limits.maxPixels()) {
                    return Verdict.reject(type, null, Rejection.BOMB, "the " + label(type) + " declares " + w
                            + " x " + h + " pixels (" + megapixels(w * h) + " megapixels), more than the limit of "
                            + megapixels(limits.maxPixels()) + "; decoding it would exhaust memory");
                }
                pages++;
                if (!TIFF.equals(type)) {
                    break; // PNG and JPEG hold one image
                }
            }
            if (pages == 0) {
                return Verdict.reject(type, 0, Rejection.CORRUPT, "the " + label(type) + " holds no image");
            }
            if (pages > limits.maxPages()) {
                return Verdict.reject(type, pages, Rejection.TOO_MANY_PAGES, "the " + label(type)
                        + " has more than " + limits.maxPages() + " pages");
            }
            return new Verdict(type, pages, null, null);
        } catch (IOException e) {
            return Verdict.reject(type, null, Rejection.CORRUPT,
                    "the " + label(type) + " cannot be read: " + firstLine(String.valueOf(e.getMessage())));
        } finally {
            reader.dispose();
        }
    }

    /** A PNG ends with its IEND chunk (possibly followed by padding a scanner added). */
    private static boolean pngComplete(byte[] b) {
        return indexOf(b, new byte[]{'I', 'E', 'N', 'D'}, Math.max(8, b.length - 64), b.length) >= 0;
    }

    /** A JPEG ends with the EOI marker FF D9 (possibly followed by padding). */
    private static boolean jpegComplete(byte[] b) {
        return indexOf(b, new byte[]{(byte) 0xFF, (byte) 0xD9}, Math.max(3, b.length - 64), b.length) >= 0;
    }

    static String label(String type) {
        return switch (type) {
            case PDF -> "PDF";
            case PNG -> "PNG image";
            case JPEG -> "JPEG image";
            case TIFF -> "TIFF image";
            default -> type;
        };
    }

    private static String megapixels(double pixels) {
        return String.format(Locale.ROOT, "%.1f", pixels / 1_000_000);
    }

    private static boolean startsWith(byte[] b, int offset, int... magic) {
        if (b.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[offset + i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, byte[] needle, int from, int to) {
        int end = Math.min(to, b.length) - needle.length;
        outer:
        for (int i = Math.max(0, from); i <= end; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() <= 300 ? line : line.substring(0, 300);
    }
}
