package io.stratum.intelligence.document;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Invoice-like pages generated in code: text drawn at a given resolution, optionally "scanned" (rotated a little,
 * speckled), and written as PNG or multi-page TIFF with their resolution in the metadata. Shared by the document
 * tests and the OCR benchmark.
 */
public final class ScanFixtures {

    public static final double A4_WIDTH_PT = 595.28;
    public static final double A4_HEIGHT_PT = 841.89;

    private static final String[] SELLERS = {"Nordlicht Bürobedarf GmbH", "Acme Office Supplies Ltd",
            "Rheinwerk Maschinenbau AG", "Blue Harbor Logistics Inc", "Schneider & Partner KG"};
    private static final String[] ITEMS = {"Printer paper A4, 80 g", "Toner cartridge black", "Office chair Ergo 3",
            "Desk lamp LED", "Service call (hours)", "Shipping and handling", "Stainless steel bolts M8",
            "Hydraulic pump seal kit", "Network switch 24 port", "Cleaning service March"};

    private ScanFixtures() {
    }

    /** What a generated invoice says, for assertions. */
    public record Invoice(String seller, String number, String date, String total, boolean german, List<Line> lines) {
        public record Line(String description, int quantity, long unitCents) {
        }
    }

    /** A random invoice; German labels and number format on odd seeds. */
    public static Invoice invoice(long seed) {
        Random random = new Random(seed);
        boolean german = (seed & 1) == 1;
        List<Invoice.Line> lines = new ArrayList<>();
        int count = 3 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            lines.add(new Invoice.Line(ITEMS[random.nextInt(ITEMS.length)], 1 + random.nextInt(20),
                    500 + random.nextInt(50_000)));
        }
        long net = lines.stream().mapToLong(l -> l.quantity() * l.unitCents()).sum();
        long total = net + Math.round(net * 0.19);
        String number = (german ? "RE-" : "INV-") + (2024 + random.nextInt(2)) + "-" + (10000 + random.nextInt(90000));
        String date = String.format(Locale.ROOT, german ? "%02d.%02d.2025" : "2025-%2$02d-%1$02d",
                1 + random.nextInt(28), 1 + random.nextInt(12));
        return new Invoice(SELLERS[random.nextInt(SELLERS.length)], number, date, money(total, german), german, lines);
    }

    /** 1234.5 as "1,234.50" or "1.234,50". */
    public static String money(long cents, boolean german) {
        String text = String.format(Locale.ROOT, "%,d.%02d", cents / 100, cents % 100);
        return german ? text.replace(',', '_').replace('.', ',').replace('_', '.') : text;
    }

    /** The invoice as a clean white A4 page at {@code dpi}, 8-bit gray. */
    public static BufferedImage page(Invoice invoice, int dpi) {
        double scale = dpi / 72.0;
        int width = (int) Math.round(A4_WIDTH_PT * scale), height = (int) Math.round(A4_HEIGHT_PT * scale);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(scale, scale); // draw in points
            g.setColor(Color.BLACK);
            boolean de = invoice.german();
            text(g, invoice.seller(), 56, 80, 16, true);
            text(g, de ? "Hauptstraße 12, 10115 Berlin" : "12 Harbour Road, Leeds LS1 4AB", 56, 98, 9, false);
            text(g, de ? "RECHNUNG" : "INVOICE", 400, 80, 20, true);
            text(g, (de ? "Rechnungsnummer: " : "Invoice number: ") + invoice.number(), 56, 170, 11, false);
            text(g, (de ? "Rechnungsdatum: " : "Invoice date: ") + invoice.date(), 340, 170, 11, false);
            text(g, (de ? "Kunde: " : "Customer: ") + "Northwind Traders", 56, 190, 11, false);
            int y = 250;
            text(g, de ? "Beschreibung" : "Description", 56, y, 10, true);
            text(g, de ? "Menge" : "Qty", 300, y, 10, true);
            text(g, de ? "Einzelpreis" : "Unit price", 370, y, 10, true);
            text(g, de ? "Betrag" : "Amount", 480, y, 10, true);
            g.drawLine(56, y + 6, 540, y + 6);
            long net = 0;
            for (Invoice.Line line : invoice.lines()) {
                y += 20;
                long amount = line.quantity() * line.unitCents();
                net += amount;
                text(g, line.description(), 56, y, 10, false);
                text(g, String.valueOf(line.quantity()), 300, y, 10, false);
                text(g, money(line.unitCents(), de), 370, y, 10, false);
                text(g, money(amount, de), 480, y, 10, false);
            }
            y += 40;
            text(g, de ? "Nettobetrag" : "Net amount", 340, y, 10, false);
            text(g, money(net, de), 480, y, 10, false);
            text(g, de ? "USt. 19 %" : "VAT 19 %", 340, y + 18, 10, false);
            text(g, money(Math.round(net * 0.19), de), 480, y + 18, 10, false);
            text(g, de ? "Gesamtbetrag EUR" : "Total EUR", 340, y + 40, 11, true);
            text(g, invoice.total(), 480, y + 40, 11, true);
            text(g, de ? "Zahlbar innerhalb von 30 Tagen. IBAN DE89 3704 0044 0532 0130 00"
                    : "Payable within 30 days. IBAN GB33 BUKB 2020 1555 5555 55", 56, y + 100, 9, false);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void text(Graphics2D g, String text, double x, double y, int size, boolean bold) {
        g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, size));
        g.drawString(text, (float) x, (float) y);
    }

    /** A "scan" of {@code page}: rotated by {@code degrees} on white paper, with {@code speckle} of pixels flipped. */
    public static BufferedImage scan(BufferedImage page, double degrees, double speckle, long seed) {
        BufferedImage scan = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = scan.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, scan.getWidth(), scan.getHeight());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(page, AffineTransform.getRotateInstance(Math.toRadians(degrees), page.getWidth() / 2.0,
                    page.getHeight() / 2.0), null);
        } finally {
            g.dispose();
        }
        Random random = new Random(seed);
        byte[] pixels = ((java.awt.image.DataBufferByte) scan.getRaster().getDataBuffer()).getData();
        long flips = Math.round(pixels.length * speckle);
        for (long i = 0; i < flips; i++) {
            int at = random.nextInt(pixels.length);
            pixels[at] = (byte) ((pixels[at] & 0xff) > 127 ? random.nextInt(90) : 165 + random.nextInt(90));
        }
        return scan;
    }

    public static byte[] png(BufferedImage image, int dpi) {
        return write("png", List.of(image), dpi, null);
    }

    /** A multi-page TIFF (Deflate-compressed). */
    public static byte[] tiff(List<BufferedImage> pages, int dpi) {
        return write("tiff", pages, dpi, "Deflate");
    }

    private static byte[] write(String format, List<BufferedImage> pages, int dpi, String compression) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (compression != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType(compression);
            }
            boolean sequence = pages.size() > 1;
            if (sequence) {
                writer.prepareWriteSequence(null);
            }
            for (BufferedImage page : pages) {
                IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(page), param);
                withDpi(metadata, dpi);
                IIOImage image = new IIOImage(page, null, metadata);
                if (sequence) {
                    writer.writeToSequence(image, param);
                } else {
                    writer.write(null, image, param);
                }
            }
            if (sequence) {
                writer.endWriteSequence();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static void withDpi(IIOMetadata metadata, int dpi) throws IIOInvalidTreeException {
        String mmPerPixel = String.valueOf(25.4 / dpi);
        IIOMetadataNode horizontal = new IIOMetadataNode("HorizontalPixelSize");
        horizontal.setAttribute("value", mmPerPixel);
        IIOMetadataNode vertical = new IIOMetadataNode("VerticalPixelSize");
        vertical.setAttribute("value", mmPerPixel);
        IIOMetadataNode dimension = new IIOMetadataNode("Dimension");
        dimension.appendChild(horizontal);
        dimension.appendChild(vertical);
        IIOMetadataNode root = new IIOMetadataNode(IIOMetadataFormatImpl.standardMetadataFormatName);
        root.appendChild(dimension);
        metadata.mergeTree(IIOMetadataFormatImpl.standardMetadataFormatName, root);
    }
}
