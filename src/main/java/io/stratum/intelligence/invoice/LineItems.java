package io.stratum.intelligence.invoice;

import io.stratum.intelligence.document.DocumentLayout;
import io.stratum.intelligence.document.PageLayout;
import io.stratum.intelligence.document.TextLine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Line items by column geometry: the table header is the line naming a quantity column and an amount/price column;
 * each row below it that ends in an amount under the header's rightmost column is an item, its numbers assigned to
 * the header column they sit under. The table ends at the first row that is not an item (totals, text).
 */
final class LineItems {

    private static final Set<String> QTY = Set.of("menge", "anzahl", "stuck", "stk", "qty", "quantity", "units",
            "anz", "quantitat");
    private static final Set<String> PRICE = Set.of("einzelpreis", "preis", "epreis", "stuckpreis", "unitprice",
            "price", "rate", "nettopreis", "einzelbetrag");
    private static final Set<String> AMOUNT = Set.of("betrag", "gesamt", "gesamtpreis", "summe", "amount", "total",
            "linetotal", "nettobetrag", "gesamtbetrag", "wert");
    private static final Set<String> STOP = Set.of("netto", "nettobetrag", "summe", "zwischensumme", "subtotal",
            "net", "total", "gesamtbetrag", "mwst", "ust", "vat", "nettosumme", "warenwert", "gesamt");

    private LineItems() {
    }

    static List<InvoiceFields.LineItem> read(DocumentLayout layout) {
        List<InvoiceFields.LineItem> items = new ArrayList<>();
        for (PageLayout page : layout.pages()) {
            List<TextLine> lines = page.lines();
            for (int i = 0; i < lines.size(); i++) {
                double[] columns = header(lines.get(i));
                if (columns != null) {
                    items.addAll(rows(lines, i + 1, columns));
                    break;
                }
            }
        }
        return items;
    }

    /** {quantity centre, price centre or NaN, amount right edge}, or null when the line is not a table header. */
    private static double[] header(TextLine line) {
        double qty = Double.NaN, price = Double.NaN, amount = Double.NaN;
        List<TextLine.Word> words = line.words();
        for (int i = 0; i < words.size(); i++) {
            TextLine.Word w = words.get(i);
            String n = Candidates.norm(w.text());
            String two = i + 1 < words.size() ? n + Candidates.norm(words.get(i + 1).text()) : n;
            double centre = w.x() + w.width() / 2;
            if (QTY.contains(n)) {
                qty = centre;
            } else if (PRICE.contains(two) || PRICE.contains(n)) {
                price = centre;
            } else if (AMOUNT.contains(two) || AMOUNT.contains(n)) {
                amount = w.x() + w.width();
            }
        }
        return Double.isNaN(qty) || Double.isNaN(amount) ? null : new double[]{qty, price, amount};
    }

    private static List<InvoiceFields.LineItem> rows(List<TextLine> lines, int from, double[] columns) {
        List<InvoiceFields.LineItem> items = new ArrayList<>();
        for (int i = from; i < lines.size(); i++) {
            List<TextLine.Word> words = lines.get(i).words();
            if (words.isEmpty() || STOP.contains(Candidates.norm(words.get(0).text()))) {
                break;
            }
            TextLine.Word last = words.get(words.size() - 1);
            BigDecimal amount = Candidates.amount(Candidates.trim(last.text()));
            if (amount == null || Math.abs(last.x() + last.width() - columns[2]) > 40) {
                if (items.isEmpty() && i - from < 2) {
                    continue; // a rule or a sub-header between header and first row
                }
                break;
            }
            StringBuilder description = new StringBuilder();
            BigDecimal quantity = null, price = null;
            double qtyDistance = Double.MAX_VALUE, priceDistance = Double.MAX_VALUE;
            for (int k = 0; k < words.size() - 1; k++) {
                TextLine.Word w = words.get(k);
                String t = Candidates.trim(w.text());
                BigDecimal number = number(t);
                double centre = w.x() + w.width() / 2;
                if (number != null && centre > columns[0] - 80) {
                    if (Math.abs(centre - columns[0]) < qtyDistance && Math.abs(centre - columns[0]) < 60) {
                        qtyDistance = Math.abs(centre - columns[0]);
                        quantity = number;
                    }
                    if (!Double.isNaN(columns[1]) && Math.abs(centre - columns[1]) < priceDistance
                            && Math.abs(centre - columns[1]) < 60 && Candidates.amount(t) != null) {
                        priceDistance = Math.abs(centre - columns[1]);
                        price = Candidates.amount(t);
                    }
                } else if (!(k == 0 && number != null)) { // a leading position number is not description
                    description.append(description.isEmpty() ? "" : " ").append(w.text());
                }
            }
            items.add(new InvoiceFields.LineItem(description.toString(), quantity, price, amount));
        }
        return items;
    }

    private static BigDecimal number(String t) {
        BigDecimal a = Candidates.amount(t);
        if (a != null) {
            return a;
        }
        String plain = t.replace(',', '.');
        return plain.matches("\\d{1,6}(\\.\\d{1,4})?") ? new BigDecimal(plain) : null;
    }
}
