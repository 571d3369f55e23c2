package io.stratum.action.purchasing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Invoice against order and goods received. Invoice lines are paired with order lines as one assignment (each order
 * line at most once, the best total over all pairs) by description (shared words) with unit price, quantity and amount
 * as evidence; the numbers follow the {@link MatchReport} definitions; tolerances are the DMN's business, not this
 * class's.
 */
final class ThreeWayMatch {

    /** Share of shared words (Jaccard) from which two descriptions name the same thing. */
    static final double MIN_SIMILARITY = 0.3;

    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private ThreeWayMatch() {
    }

    static MatchReport notFound(InvoiceToMatch invoice) {
        String number = invoice.orderNumber();
        int lines = invoice.lines() == null ? 0 : invoice.lines().size();
        String finding = number == null || number.isBlank() ? "The invoice names no purchase order."
                : "No purchase order " + number + " is on record.";
        return new MatchReport(false, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, lines, List.of(finding));
    }

    static MatchReport match(InvoiceToMatch invoice, PurchaseOrder order, List<GoodsReceipt> receipts) {
        List<String> findings = new ArrayList<>();
        if (invoice.currency() != null && !invoice.currency().equalsIgnoreCase(order.currency())) {
            findings.add("Currency " + invoice.currency() + " differs from the order's " + order.currency() + ".");
        }
        if (invoice.sellerName() != null && !invoice.sellerName().isBlank()
                && similarity(invoice.sellerName(), order.supplierName()) < 0.5) {
            findings.add("Seller \"" + invoice.sellerName() + "\" is not the order's supplier \""
                    + order.supplierName() + "\".");
        }
        Map<Integer, BigDecimal> received = new HashMap<>();
        for (GoodsReceipt r : receipts) {
            received.merge(r.line(), r.quantity(), BigDecimal::add);
        }
        List<InvoiceToMatch.Line> lines = invoice.lines() == null ? List.of() : invoice.lines();
        BigDecimal maxPrice = BigDecimal.ZERO;
        int unmatched = 0;
        BigDecimal expected = BigDecimal.ZERO;
        BigDecimal invoicedSum = BigDecimal.ZERO;
        Map<PurchaseOrder.Line, BigDecimal> invoicedQty = new LinkedHashMap<>();
        PurchaseOrder.Line[] pairs = pair(lines, order.lines());
        for (int i = 0; i < lines.size(); i++) {
            InvoiceToMatch.Line l = lines.get(i);
            String name = "Line " + (i + 1) + " \"" + shorten(l.description()) + "\"";
            PurchaseOrder.Line ordered = pairs[i];
            BigDecimal unit = unitPrice(l);
            if (l.amount() != null) {
                invoicedSum = invoicedSum.add(l.amount());
            } else if (unit != null && l.quantity() != null) {
                invoicedSum = invoicedSum.add(unit.multiply(l.quantity()));
            }
            if (ordered == null) {
                unmatched++;
                findings.add(name + " matches no line of order " + order.number() + ".");
                continue;
            }
            if (unit != null && ordered.unitPrice().signum() > 0) {
                BigDecimal dev = unit.subtract(ordered.unitPrice()).abs().divide(ordered.unitPrice(), MC);
                maxPrice = maxPrice.max(dev);
                if (dev.signum() > 0) {
                    findings.add(name + ": unit price " + money(unit) + " against " + money(ordered.unitPrice())
                            + " ordered (" + percent(unit.subtract(ordered.unitPrice()).divide(ordered.unitPrice(), MC))
                            + ").");
                }
            }
            BigDecimal qty = l.quantity() != null ? l.quantity() : BigDecimal.ONE;
            invoicedQty.merge(ordered, qty, BigDecimal::add);
            expected = expected.add(qty.multiply(ordered.unitPrice()));
        }
        BigDecimal maxExcess = BigDecimal.ZERO;
        for (Map.Entry<PurchaseOrder.Line, BigDecimal> e : invoicedQty.entrySet()) {
            PurchaseOrder.Line ordered = e.getKey();
            BigDecimal qty = e.getValue();
            BigDecimal got = received.getOrDefault(ordered.line(), BigDecimal.ZERO);
            String name = "Order line " + ordered.line() + " \"" + shorten(ordered.description()) + "\"";
            if (qty.compareTo(ordered.quantity()) > 0) {
                findings.add(name + ": " + plain(qty) + " invoiced, only " + plain(ordered.quantity()) + " ordered.");
            }
            if (qty.compareTo(got) > 0) {
                // Nothing received counts as 100 % over: everything invoiced is unconfirmed.
                BigDecimal excess = got.signum() == 0 ? BigDecimal.ONE : qty.subtract(got).divide(got, MC);
                maxExcess = maxExcess.max(excess);
                findings.add(name + ": " + plain(qty) + " invoiced, " + (got.signum() == 0 ? "nothing"
                        : plain(got)) + " received" + (got.signum() == 0 ? " yet." : " (" + percent(excess) + ")."));
            }
        }
        BigDecimal net = invoice.netAmount() != null ? invoice.netAmount() : invoicedSum;
        if (lines.isEmpty()) {
            // No lines read from the invoice: compare with the whole order.
            for (PurchaseOrder.Line l : order.lines()) {
                expected = expected.add(l.quantity().multiply(l.unitPrice()));
            }
        }
        BigDecimal amountDev = BigDecimal.ZERO;
        if (expected.signum() != 0 && net != null) {
            amountDev = net.subtract(expected).abs().divide(expected.abs(), MC);
            if (amountDev.compareTo(new BigDecimal("0.0005")) > 0) {
                findings.add("Net amount " + money(net) + " against " + money(expected)
                        + " for the " + (lines.isEmpty() ? "whole order" : "invoiced quantities at ordered prices")
                        + " (" + percent(net.subtract(expected).divide(expected.abs(), MC)) + ").");
            }
        }
        return new MatchReport(true, round(maxPrice), round(maxExcess), round(amountDev), unmatched,
                List.copyOf(findings));
    }

    /**
     * The order line each invoice line is for (null: none). One assignment maximises the summed pair scores, so a
     * line is not taken by an earlier, vaguer one (greedy first match); an invoice line left over afterwards joins the
     * order line its description names best, taken or not (a delivery invoiced in several lines). A lone line on
     * both sides pairs up regardless.
     */
    static PurchaseOrder.Line[] pair(List<InvoiceToMatch.Line> lines, List<PurchaseOrder.Line> ordered) {
        PurchaseOrder.Line[] out = new PurchaseOrder.Line[lines.size()];
        if (lines.isEmpty() || ordered.isEmpty()) {
            return out;
        }
        if (lines.size() == 1 && ordered.size() == 1) {
            out[0] = ordered.get(0);
            return out;
        }
        double[][] score = new double[lines.size()][ordered.size()];
        for (int i = 0; i < lines.size(); i++) {
            for (int j = 0; j < ordered.size(); j++) {
                score[i][j] = pairScore(lines.get(i), ordered.get(j));
            }
        }
        int[] assigned = Assignment.maximise(score);
        for (int i = 0; i < lines.size(); i++) {
            if (assigned[i] >= 0 && score[i][assigned[i]] > 0) {
                out[i] = ordered.get(assigned[i]);
                continue;
            }
            double best = MIN_SIMILARITY;
            for (PurchaseOrder.Line c : ordered) {
                double words = similarity(lines.get(i).description(), c.description());
                if (words >= best) {
                    best = words;
                    out[i] = c;
                }
            }
        }
        return out;
    }

    /**
     * How well an invoice line fits an order line; 0 = not a candidate. A candidate shares enough words
     * ({@link #MIN_SIMILARITY}), or has the ordered unit price and the ordered quantity or line value (a line described
     * in other words, e.g. the supplier's article number). Words weigh most; unit price, quantity and amount closeness
     * decide between lines with similar descriptions.
     */
    static double pairScore(InvoiceToMatch.Line l, PurchaseOrder.Line o) {
        double words = similarity(l.description(), o.description());
        double price = closeness(unitPrice(l), o.unitPrice());
        double quantity = closeness(l.quantity(), o.quantity());
        BigDecimal amount = l.amount() != null ? l.amount()
                : l.quantity() != null && l.unitPrice() != null ? l.quantity().multiply(l.unitPrice()) : null;
        double value = closeness(amount, o.quantity().multiply(o.unitPrice()));
        boolean numbersAgree = price >= 0.995 && (quantity >= 0.9999 || value >= 0.995);
        if (words < MIN_SIMILARITY && !numbersAgree) {
            return 0;
        }
        return words + 0.5 * Math.max(price, 0) + 0.25 * Math.max(quantity, 0) + 0.25 * Math.max(value, 0);
    }

    /** 1 when equal, falling linearly to 0 at 100 % off; -1 when either is unknown. */
    private static double closeness(BigDecimal a, BigDecimal b) {
        if (a == null || b == null) {
            return -1;
        }
        if (b.signum() == 0) {
            return a.signum() == 0 ? 1 : 0;
        }
        return Math.max(0, 1 - a.subtract(b).abs().divide(b.abs(), MC).doubleValue());
    }

    /** Jaccard similarity of the word sets (lower case, accents folded, words of 2+ letters or digits). */
    static double similarity(String a, String b) {
        Set<String> x = words(a);
        Set<String> y = words(b);
        if (x.isEmpty() || y.isEmpty()) {
            return 0;
        }
        Set<String> both = new HashSet<>(x);
        both.retainAll(y);
        Set<String> all = new HashSet<>(x);
        all.addAll(y);
        return (double) both.size() / all.size();
    }

    private static Set<String> words(String s) {
        Set<String> out = new HashSet<>();
        if (s == null) {
            return out;
        }
        // German umlauts as their usual ASCII spelling (grün = gruen), other accents dropped; 100ml = 100 ml.
        String lower = s.toLowerCase(Locale.ROOT).replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
                .replace("ß", "ss");
        String folded = Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replaceAll("(?<=\\p{N})(?=\\p{L})|(?<=\\p{L})(?=\\p{N})", " ");
        for (String w : folded.split("[^\\p{L}\\p{N}]+")) {
            if (w.length() >= 2) {
                out.add(w);
            }
        }
        return out;
    }

    private static BigDecimal unitPrice(InvoiceToMatch.Line l) {
        if (l.unitPrice() != null) {
            return l.unitPrice();
        }
        if (l.amount() != null && l.quantity() != null && l.quantity().signum() != 0) {
            return l.amount().divide(l.quantity(), MC);
        }
        return null;
    }

    private static BigDecimal round(BigDecimal share) {
        return share.setScale(4, RoundingMode.HALF_UP);
    }

    private static String percent(BigDecimal share) {
        BigDecimal p = share.multiply(HUNDRED).setScale(1, RoundingMode.HALF_UP);
        return (p.signum() > 0 ? "+" : "") + p.toPlainString() + " %";
    }

    /** Prices and amounts: two to four decimals (21.90, 3.3333). */
    private static String money(BigDecimal v) {
        int scale = Math.min(Math.max(2, v.stripTrailingZeros().scale()), 4);
        return v.setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().scale() < 0 ? v.setScale(0).toPlainString()
                : v.stripTrailingZeros().toPlainString();
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }
}
