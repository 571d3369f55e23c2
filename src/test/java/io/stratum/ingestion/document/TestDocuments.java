package io.stratum.ingestion.document;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Test files made in code (PDFBox, ImageIO): good invoices and every kind of bad one. */
public final class TestDocuments {

    private TestDocuments() {
    }

    /** A text PDF with {@code pages} pages; {@code label} makes its bytes unique. */
    public static byte[] pdf(int pages, String label) {
        try (PDDocument doc = new PDDocument()) {
            fill(doc, pages, label, PDRectangle.A4);
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] pdf(String label) {
        return pdf(1, label);
    }

    /** Opening needs the user password. */
    public static byte[] encryptedPdf(String label) {
        return protectedPdf(label, "user-secret");
    }

    /** Encrypted with an owner password only (permissions): opens without a password. */
    public static byte[] permissionsOnlyPdf(String label) {
        return protectedPdf(label, "");
    }

    private static byte[] protectedPdf(String label, String userPassword) {
        try (PDDocument doc = new PDDocument()) {
            fill(doc, 1, label, PDRectangle.A4);
            AccessPermission permissions = new AccessPermission();
            permissions.setCanPrint(false);
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", userPassword, permissions);
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One page of 200 x 200 inches: 3.6 gigapixels when rendered at 300 DPI for OCR. */
    public static byte[] giantPagePdf(String label) {
        try (PDDocument doc = new PDDocument()) {
            fill(doc, 1, label, new PDRectangle(14_400, 14_400));
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first half of a good PDF. */
    public static byte[] truncatedPdf(String label) {
        byte[] pdf = pdf(2, label);
        return Arrays.copyOf(pdf, pdf.length / 2);
    }

    /** A PDF header and end marker around bytes that are no PDF. */
    public static byte[] corruptPdf(String label) {
        return ("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n"
                + "garbage " + label + " \u0000\u0001 trailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] png(int width, int height, String label) {
        return image("png", width, height, label);
    }

    public static byte[] jpeg(int width, int height, String label) {
        return image("jpeg", width, height, label);
    }

    public static byte[] tiff(int width, int height, String label) {
        return image("tiff", width, height, label);
    }

    /** A real small PNG whose header declares {@code width} x {@code height} (CRC fixed): a decompression bomb. */
    public static byte[] pngDeclaring(int width, int height, String label) {
        byte[] png = png(32, 32, label);
        // IHDR: length (4) at 8, type at 12, width at 16, height at 20, ..., CRC over type+data at 29.
        ByteBuffer buf = ByteBuffer.wrap(png);
        buf.putInt(16, width);
        buf.putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        buf.putInt(29, (int) crc.getValue());
        return png;
    }

    public static byte[] truncatedPng(String label) {
        byte[] png = png(64, 64, label);
        return Arrays.copyOf(png, png.length - 20);
    }

    public static byte[] zip(String label) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("invoice.pdf"));
            zip.write(pdf(label));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] html(String label) {
        return ("<!DOCTYPE html><html><body><h1>Invoice " + label + "</h1><script>alert(1)</script></body></html>")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A multipart/form-data body with one file part. */
    public static byte[] multipart(String boundary, String part, String fileName, String contentType, byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] image(String format, int width, int height, String label) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.drawString("Invoice " + label, 2, Math.min(height - 2, 14));
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void fill(PDDocument doc, int pages, String label, PDRectangle size) throws IOException {
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        for (int i = 0; i < pages; i++) {
            PDPage page = new PDPage(size);
            doc.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                text.beginText();
                text.setFont(font, 12);
                text.newLineAtOffset(72, size.getHeight() - 72);
                text.showText("Invoice " + label + " page " + (i + 1));
                text.endText();
            }
        }
    }

    private static byte[] save(PDDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
    }
}
