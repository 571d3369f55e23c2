package io.stratum.intelligence.invoice;

import io.stratum.intelligence.document.DocumentLayout;
import io.stratum.intelligence.document.TextLine;
import io.stratum.intelligence.model.TextModel;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the fields of one invoice layout with the field classifier: every candidate gets a probability per field
 * of its kind, the best candidate per field wins (its probability is the confidence), and the arithmetic cross-checks
 * (net + tax = total, line amounts add up to net, due date not before issue date) choose among close candidates and
 * raise or lower confidence. Identifiers with a checksum or a fixed shape (IBAN, VAT id, currency) are read by shape.
 */
public final class FieldReader {

    /** Below this probability an optional field (due date, PO) counts as absent. */
    static final double OPTIONAL_MIN = 0.5;
    /** Below this even a field every invoice has is left empty rather than guessed. */
    static final double REQUIRED_MIN = 0.15;
    private static final Set<String> OPTIONAL = Set.of("dueDate", "purchaseOrderRef");

    private static final Pattern IBAN = Pattern.compile("\\b([A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)\\b");
    private static final Pattern VAT = Pattern.compile(
            "\\b((?:DE|ATU|FR|GB|NL|BE|IT|ES|LU|DK|PL|CZ|SE|FI|IE|PT|CH)(?: ?[0-9A-Z]){8,12})\\b");
    private static final Pattern DISCOUNT = Pattern.compile(
            "(\\d+(?:[.,]\\d+)?) ?% ?(?:Skonto|discount|Rabatt)?[^\\d]{0,60}?(?:innerhalb|within|binnen)[^\\d]{0,12}(\\d{1,3}) ?(?:Tage|days|Tg)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TERMS = Pattern.compile(
            "(?i)(zahlungsbedingung|zahlungsziel|zahlbar|skonto|payment terms|payable|payment due|please pay|netto|net \\d+|within \\d+ days)");
    private static final Map<String, String> CURRENCY_SIGNS = Map.of("€", "EUR", "$", "USD", "£", "GBP");
    private static final Set<String> CURRENCIES = Set.of("EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK",
            "JPY", "CAD", "AUD");

    /** The extraction and, per field, the candidate chosen (for vendor memory). */
    public record Reading(InvoiceFields fields, Map<String, Candidates.Candidate> chosen,
                          List<Candidates.Candidate> candidates) {
    }

    private final TextModel model;

    public FieldReader(TextModel model) {
        this.model = model;
    }

    /** Per candidate, the probability of each field of its kind (renormalised over those fields and "none"). */
    public Map<Candidates.Candidate, Map<String, Double>> score(List<Candidates.Candidate> candidates) {
        List<String> labels = model.labels();
        Map<Candidates.Candidate, Map<String, Double>> out = new LinkedHashMap<>();
        for (Candidates.Candidate c : candidates) {
            double[] p = model.probabilities(model.sparse(c.features()), null);
            double sum = 0;
            Map<String, Double> s = new LinkedHashMap<>();
            for (String field : c.kind().fields) {
                int i = labels.indexOf(field);
                double v = i < 0 ? 0 : p[i];
                s.put(field, v);
                sum += v;
            }
            int none = labels.indexOf(Candidates.NONE);
            sum += none < 0 ? 0 : p[none];
            double total = sum;
            s.replaceAll((k, v) -> total > 0 ? v / total : 0);
            out.put(c, s);
        }
        return out;
    }

    public Reading read(DocumentLayout layout) {
        List<Candidates.Candidate> candidates = Candidates.of(layout);
        Map<Candidates.Candidate, Map<String, Double>> scores = score(candidates);
        Map<String, Candidates.Candidate> chosen = new HashMap<>();
        Map<String, Double> confidence = new HashMap<>();

        pickDistinct(scores, "invoiceNumber", "purchaseOrderRef", chosen, confidence);
        pickDistinct(scores, "issueDate", "dueDate", chosen, confidence);
        pickDistinct(scores, "sellerName", "buyerName", chosen, confidence);
        pickAmounts(scores, chosen, confidence);

        LocalDate issue = value(chosen, "issueDate", LocalDate.class);
        LocalDate due = value(chosen, "dueDate", LocalDate.class);
        if (issue != null && due != null && due.isBefore(issue)) {
            confidence.computeIfPresent("dueDate", (k, v) -> v * 0.5);
        }

        List<InvoiceFields.LineItem> lines = LineItems.read(layout);
        BigDecimal net = value(chosen, "netAmount", BigDecimal.class);
        if (!lines.isEmpty()) {
            BigDecimal sum = lines.stream().map(InvoiceFields.LineItem::amount).filter(a -> a != null)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            boolean adds = net != null && sum.compareTo(net) == 0;
            confidence.put("lines", adds ? 0.95 : 0.5);
            if (adds) {
                confidence.computeIfPresent("netAmount", (k, v) -> raise(v));
            }
        }

        String text = layout.text();
        String currency = currency(layout);
        if (currency != null) {
            confidence.put("currency", 0.95);
        }
        String iban = iban(text);
        if (iban != null) {
            confidence.put("sellerIban", 0.9);
        }
        String vat = sellerVat(layout);
        if (vat != null) {
            confidence.put("sellerVatId", 0.85);
        }
        String terms = null;
        InvoiceFields.Discount discount = null;
        for (TextLine line : layout.lines()) {
            Matcher d = DISCOUNT.matcher(line.text());
            if (discount == null && d.find()) {
                discount = new InvoiceFields.Discount(new BigDecimal(d.group(1).replace(',', '.')),
                        Integer.parseInt(d.group(2)));
                terms = line.text();
            }
            if (terms == null && TERMS.matcher(line.text()).find()) {
                terms = line.text();
            }
        }
        if (terms != null) {
            confidence.put("paymentTerms", 0.8);
        }
        if (discount != null) {
            confidence.put("discount", 0.85);
        }
        InvoiceFields fields = new InvoiceFields(value(chosen, "invoiceNumber", String.class), issue, due,
                value(chosen, "sellerName", String.class), vat, iban, value(chosen, "buyerName", String.class),
                value(chosen, "purchaseOrderRef", String.class), currency, net,
                value(chosen, "taxAmount", BigDecimal.class), value(chosen, "total", BigDecimal.class), terms,
                discount, lines, confidence, "model");
        return new Reading(fields, chosen, candidates);
    }

    /** Two fields of one kind that can't be the same candidate (number vs PO, issue vs due date, seller vs buyer). */
    private static void pickDistinct(Map<Candidates.Candidate, Map<String, Double>> scores, String first,
                                     String second, Map<String, Candidates.Candidate> chosen,
                                     Map<String, Double> confidence) {
        Candidates.Candidate a = best(scores, first, null);
        Candidates.Candidate b = best(scores, second, null);
        if (a != null && b != null && sameValue(a, b)) {
            // the candidate goes to the field it is likelier to be; the other field takes its next best
            if (scores.get(a).get(first) >= scores.get(b).get(second)) {
                b = best(scores, second, a);
            } else {
                a = best(scores, first, b);
            }
        }
        accept(scores, first, a, chosen, confidence);
        accept(scores, second, b, chosen, confidence);
    }

    private static void accept(Map<Candidates.Candidate, Map<String, Double>> scores, String field,
                               Candidates.Candidate c, Map<String, Candidates.Candidate> chosen,
                               Map<String, Double> confidence) {
        if (c == null) {
            return;
        }
        double p = scores.get(c).get(field);
        if (p >= (OPTIONAL.contains(field) ? OPTIONAL_MIN : REQUIRED_MIN)) {
            chosen.put(field, c);
            confidence.put(field, p);
        }
    }

    private static Candidates.Candidate best(Map<Candidates.Candidate, Map<String, Double>> scores, String field,
                                             Candidates.Candidate unlike) {
        return top(scores, field, 1, unlike).stream().findFirst().orElse(null);
    }

    private static List<Candidates.Candidate> top(Map<Candidates.Candidate, Map<String, Double>> scores, String field,
                                                  int n, Candidates.Candidate unlike) {
        List<Candidates.Candidate> out = new ArrayList<>();
        scores.entrySet().stream().filter(e -> e.getValue().containsKey(field))
                .filter(e -> unlike == null || !sameValue(e.getKey(), unlike))
                .sorted(Comparator.comparingDouble((Map.Entry<Candidates.Candidate, Map<String, Double>> e)
                        -> -e.getValue().get(field)))
                .forEach(e -> {
                    if (out.size() < n && out.stream().noneMatch(o -> sameValue(o, e.getKey()))) {
                        out.add(e.getKey());
                    }
                });
        return out;
    }

    private static boolean sameValue(Candidates.Candidate a, Candidates.Candidate b) {
        if (a.value() instanceof BigDecimal x && b.value() instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a.kind() == Candidates.Kind.NAME) {
            return Candidates.norm(a.text()).equals(Candidates.norm(b.text()));
        }
        return a.value().equals(b.value());
    }

    /** Net, tax and total chosen together: the likeliest triple, preferring one where net + tax = total. */
    private static void pickAmounts(Map<Candidates.Candidate, Map<String, Double>> scores,
                                    Map<String, Candidates.Candidate> chosen, Map<String, Double> confidence) {
        List<Candidates.Candidate> nets = top(scores, "netAmount", 4, null);
        List<Candidates.Candidate> taxes = top(scores, "taxAmount", 4, null);
        List<Candidates.Candidate> totals = top(scores, "total", 4, null);
        double bestScore = -1;
        Candidates.Candidate[] best = null;
        boolean consistent = false;
        for (Candidates.Candidate t : totals) {
            for (Candidates.Candidate n : nets) {
                for (Candidates.Candidate x : taxes) {
                    BigDecimal sum = ((BigDecimal) n.value()).add((BigDecimal) x.value());
                    boolean adds = sum.subtract((BigDecimal) t.value()).abs().compareTo(new BigDecimal("0.011")) <= 0;
                    double s = scores.get(t).get("total") * scores.get(n).get("netAmount")
                            * scores.get(x).get("taxAmount") * (adds ? 1.0 : 0.05);
                    if (s > bestScore) {
                        bestScore = s;
                        best = new Candidates.Candidate[]{n, x, t};
                        consistent = adds;
                    }
                }
            }
        }
        if (best == null) { // no complete triple: each on its own, unchecked
            accept(scores, "total", totals.isEmpty() ? null : totals.get(0), chosen, confidence);
            accept(scores, "netAmount", nets.isEmpty() ? null : nets.get(0), chosen, confidence);
            accept(scores, "taxAmount", taxes.isEmpty() ? null : taxes.get(0), chosen, confidence);
            return;
        }
        String[] fields = {"netAmount", "taxAmount", "total"};
        for (int i = 0; i < 3; i++) {
            if (consistent) {
                chosen.put(fields[i], best[i]);
                confidence.put(fields[i], raise(scores.get(best[i]).get(fields[i])));
            } else {
                accept(scores, fields[i], best[i], chosen, confidence);
                confidence.computeIfPresent(fields[i], (k, v) -> v * 0.6);
            }
        }
    }

    /** A cross-check that holds removes most of the remaining doubt. */
    static double raise(double p) {
        return 1 - (1 - p) * 0.25;
    }

    private static <T> T value(Map<String, Candidates.Candidate> chosen, String field, Class<T> type) {
        Candidates.Candidate c = chosen.get(field);
        return c == null ? null : type.cast(c.value());
    }

    /** The currency named most often (ISO code or sign). */
    static String currency(DocumentLayout layout) {
        Map<String, Integer> counts = new HashMap<>();
        for (TextLine line : layout.lines()) {
            for (TextLine.Word w : line.words()) {
                String t = w.text();
                for (Map.Entry<String, String> s : CURRENCY_SIGNS.entrySet()) {
                    if (t.contains(s.getKey())) {
                        counts.merge(s.getValue(), 1, Integer::sum);
                    }
                }
                String code = t.replaceAll("[^A-Z]", "");
                if (CURRENCIES.contains(code) && code.length() == t.replaceAll("[\\d.,:;()]", "").length()) {
                    counts.merge(code, 1, Integer::sum);
                }
            }
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    /** The first IBAN with a valid checksum. */
    static String iban(String text) {
        Matcher m = IBAN.matcher(text);
        while (m.find()) {
            String iban = m.group(1).replace(" ", "");
            if (validIban(iban)) {
                return iban;
            }
        }
        return null;
    }

    static boolean validIban(String iban) {
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String moved = iban.substring(4) + iban.substring(0, 4);
        StringBuilder digits = new StringBuilder();
        for (char c : moved.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    /** The first VAT id not labelled as the customer's. */
    static String sellerVat(DocumentLayout layout) {
        String fallback = null;
        for (TextLine line : layout.lines()) {
            Matcher m = VAT.matcher(line.text());
            while (m.find()) {
                String id = m.group(1).replace(" ", "");
                if (id.chars().filter(Character::isDigit).count() < 8) {
                    continue;
                }
                String before = Candidates.norm(line.text().substring(0, m.start()));
                if (before.matches(".*(ihre|your|kunde|customer|buyer|empfanger|recipient).*")) {
                    fallback = fallback == null ? id : fallback;
                    continue;
                }
                return id;
            }
        }
        return fallback;
    }
}
