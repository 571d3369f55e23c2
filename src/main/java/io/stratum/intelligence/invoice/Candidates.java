package io.stratum.intelligence.invoice;

import io.stratum.intelligence.document.DocumentLayout;
import io.stratum.intelligence.document.PageLayout;
import io.stratum.intelligence.document.TextLine;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the values an invoice field could be (dates, amounts, identifiers, names) by their shape alone, and
 * describes each by its context as a bag of feature words for the field classifier: the candidate's shape, the
 * label words left of it on its line and above it in its column, the words right of it, its position on the page,
 * and relations to the other candidates (largest amount, sum of two others, earliest date, repeated name...).
 * No vendor-specific rule: the same description for every layout.
 */
public final class Candidates {

    /** Candidate kinds and the fields each can be. */
    public enum Kind {
        ID(List.of("invoiceNumber", "purchaseOrderRef")),
        DATE(List.of("issueDate", "dueDate")),
        AMOUNT(List.of("netAmount", "taxAmount", "total")),
        NAME(List.of("sellerName", "buyerName"));

        public final List<String> fields;

        Kind(List<String> fields) {
            this.fields = fields;
        }
    }

    public static final String NONE = "none";

    /**
     * One possible value.
     *
     * @param value    String (ID, NAME), LocalDate (DATE) or BigDecimal (AMOUNT)
     * @param anchor   the label words nearest to it (left, else above), for vendor memory
     * @param features the feature words the classifier reads
     */
    public record Candidate(Kind kind, String text, Object value, int page, double x, double y, double width,
                            double height, double pageWidth, double pageHeight, String anchor, String features) {

        public double cx() {
            return (x + width / 2) / pageWidth;
        }

        public double cy() {
            return (y + height / 2) / pageHeight;
        }
    }

    private static final Pattern AMOUNT = Pattern.compile(
            "^[(]?([-−]?)(?:€|\\$|£|EUR|USD|GBP|CHF)?([-−]?)(\\d{1,3}(?:[.,' ]\\d{3})+|\\d+)([.,])(\\d{2})(?:€|\\$|£)?[)]?$");
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9./\\-_]*[A-Za-z0-9]$");
    private static final Pattern NUMERIC_DATE = Pattern.compile(
            "\\b(\\d{1,2}[./]\\d{1,2}[./](?:\\d{4}|\\d{2})|\\d{4}-\\d{2}-\\d{2})\\b");
    private static final Pattern WORD_DATE = Pattern.compile(
            "\\b(\\d{1,2}\\.? [A-Za-zäÄöÖüÜ]{3,9}\\.? \\d{4}|[A-Za-z]{3,9}\\.? \\d{1,2}, \\d{4})\\b");
    /** A short label glued to its value, as OCR reads "Nr. 123" when the space is narrow: "Nr.123", "No:4711". */
    private static final Pattern GLUED = Pattern.compile("^(\\p{L}{1,8}[.:])(\\d[A-Za-z0-9./\\-_,']*)$");
    private static final Pattern SEPARATOR = Pattern.compile("[·|•]|-|–|,");
    private static final List<DateTimeFormatter> DATES = new ArrayList<>();

    static {
        // Day first; a slash date that cannot be day first ("04/21/2018") is read the US way, month first
        for (String p : List.of("d.M.uuuu", "d.M.uu", "d/M/uuuu", "M/d/uuuu", "uuuu-MM-dd")) {
            DATES.add(DateTimeFormatter.ofPattern(p).withResolverStyle(ResolverStyle.STRICT));
        }
        for (Locale l : List.of(Locale.ENGLISH, Locale.GERMAN)) {
            for (String p : List.of("d MMMM uuuu", "d. MMMM uuuu", "d MMM uuuu", "MMMM d, uuuu", "MMM d, uuuu",
                    "d. MMM uuuu")) {
                DATES.add(DateTimeFormatter.ofPattern(p, l).withResolverStyle(ResolverStyle.STRICT));
            }
        }
    }

    private Candidates() {
    }

    /** All candidates of a document, with their features. */
    public static List<Candidate> of(DocumentLayout document) {
        List<Raw> raws = new ArrayList<>();
        Map<Raw, Raw> upperOf = new IdentityHashMap<>();
        for (PageLayout page : document.pages()) {
            List<TextLine> lines = page.lines();
            int first = raws.size();
            for (int i = 0; i < lines.size(); i++) {
                find(page, lines, i, raws);
            }
            raws.addAll(twoLineNames(raws.subList(first, raws.size()), upperOf));
        }
        return describe(raws, upperOf);
    }

    /**
     * A found value before its features are written.
     *
     * @param below  a name's continuation on the next line (names printed over two lines), or null
     * @param glued  the label glued to the front of this value's word ("Nr." of "Nr.123"), or null
     */
    private record Raw(Kind kind, String text, Object value, PageLayout page, List<TextLine> lines, int line,
                       int from, int to, Raw below, String glued) {

        Raw(Kind kind, String text, Object value, PageLayout page, List<TextLine> lines, int line, int from, int to) {
            this(kind, text, value, page, lines, line, from, to, null, null);
        }

        List<TextLine.Word> words() {
            List<TextLine.Word> own = lines.get(line).words().subList(from, to);
            if (below == null) {
                return own;
            }
            List<TextLine.Word> all = new ArrayList<>(own);
            all.addAll(below.words());
            return all;
        }

        double x() {
            if (glued != null) { // the value's part of the word, by character share
                TextLine.Word w = words().get(0);
                return w.x() + w.width() * Math.max(0, w.text().indexOf(text)) / Math.max(1, w.text().length());
            }
            return words().stream().mapToDouble(TextLine.Word::x).min().orElse(0);
        }

        double right() {
            return words().stream().mapToDouble(w -> w.x() + w.width()).max().orElse(0);
        }

        double y() {
            return words().stream().mapToDouble(TextLine.Word::y).min().orElse(0);
        }

        double bottom() {
            return words().stream().mapToDouble(w -> w.y() + w.height()).max().orElse(0);
        }
    }

    private static void find(PageLayout page, List<TextLine> lines, int index, List<Raw> out) {
        TextLine line = lines.get(index);
        List<TextLine.Word> words = line.words();
        boolean[] taken = new boolean[words.size()];
        // Dates first: they may span words ("5 March 2018") and look like amounts or ids otherwise.
        int[] starts = new int[words.size()];
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) {
                text.append(' ');
            }
            starts[i] = text.length();
            text.append(words.get(i).text());
        }
        for (Pattern p : List.of(WORD_DATE, NUMERIC_DATE)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                LocalDate date = date(m.group(1));
                if (date == null) {
                    continue;
                }
                int from = wordAt(starts, m.start(1));
                int to = wordAt(starts, m.end(1) - 1) + 1;
                boolean free = true;
                for (int k = from; k < to; k++) {
                    free &= !taken[k];
                }
                if (free) {
                    for (int k = from; k < to; k++) {
                        taken[k] = true;
                    }
                    out.add(new Raw(Kind.DATE, m.group(1), date, page, lines, index, from, to));
                }
            }
        }
        for (int i = 0; i < words.size(); i++) {
            if (taken[i]) {
                continue;
            }
            String w = trim(words.get(i).text());
            BigDecimal amount = amount(w);
            String glued = null;
            Matcher g = GLUED.matcher(w);
            if (amount == null && g.matches()) {
                glued = g.group(1);
                w = g.group(2);
                amount = amount(w);
            }
            if (amount != null) {
                out.add(new Raw(Kind.AMOUNT, w, amount, page, lines, index, i, i + 1, null, glued));
            } else if (glued != null && w.length() >= 2) {
                out.add(new Raw(Kind.ID, w, w, page, lines, index, i, i + 1, null, glued));
            } else if (w.length() >= 3 && w.length() <= 30 && ID.matcher(w).matches() && w.chars().anyMatch(
                    Character::isDigit) && !w.endsWith("%")) {
                out.add(new Raw(Kind.ID, w, w, page, lines, index, i, i + 1));
            }
        }
        // Names: runs of words between wide gaps or separators, cut at the first separator.
        int start = 0;
        for (int i = 1; i <= words.size(); i++) {
            boolean cut = i == words.size() || gap(words.get(i - 1), words.get(i)) > Math.max(10, line.height() * 1.2)
                    || SEPARATOR.matcher(words.get(i).text()).matches() || words.get(i - 1).text().endsWith(",");
            if (cut) {
                addName(page, lines, index, start, i, out);
                start = i;
                while (start < words.size() && SEPARATOR.matcher(words.get(start).text()).matches()) {
                    start++;
                }
                i = Math.max(i, start);
            }
        }
    }

    private static void addName(PageLayout page, List<TextLine> lines, int index, int from, int to, List<Raw> out) {
        while (from < to && lines.get(index).words().get(from).text().endsWith(":")) {
            from++; // "Name: Lieferant GmbH": the label is context, not part of the name
        }
        if (from >= to || to - from > 7) {
            return;
        }
        List<TextLine.Word> words = lines.get(index).words().subList(from, to);
        String text = String.join(" ", words.stream().map(TextLine.Word::text).toList());
        if (text.endsWith(",")) {
            text = text.substring(0, text.length() - 1);
        }
        long letters = text.chars().filter(Character::isLetter).count();
        long digits = text.chars().filter(Character::isDigit).count();
        if (letters < 3 || digits > 2 || text.endsWith(":")) {
            return;
        }
        out.add(new Raw(Kind.NAME, text, text, page, lines, index, from, to));
    }

    /**
     * Names printed over two lines ("Musterhafter Versicherungsverein" / "a.G." under it): a name and the name
     * starting at the same x on the next line, closer than a usual line step, as one more candidate. The single-line
     * parts stay candidates too; the model tells which reading is the name.
     */
    private static List<Raw> twoLineNames(List<Raw> raws, Map<Raw, Raw> upperOf) {
        List<Raw> out = new ArrayList<>();
        for (Raw a : raws) {
            if (a.kind != Kind.NAME || a.below != null) {
                continue;
            }
            double height = Math.max(a.lines.get(a.line).height(), 3);
            if (a.text.chars().anyMatch(Character::isDigit)) {
                continue;
            }
            for (Raw b : raws) {
                // same column, same font size, no digits (a street and number under a name is an address)
                if (b.kind != Kind.NAME || b.line != a.line + 1 || Math.abs(b.x() - a.x()) > 3
                        || (a.to - a.from) + (b.to - b.from) > 8 || b.text.chars().anyMatch(Character::isDigit)
                        || Math.abs(b.lines.get(b.line).height() - height) > 0.15 * height) {
                    continue;
                }
                double gap = b.y() - a.bottom();
                if (gap > -1 && gap < 2 * height) {
                    out.add(new Raw(Kind.NAME, a.text + " " + b.text, a.text + " " + b.text, a.page, a.lines, a.line,
                            a.from, a.to, b, null));
                    upperOf.put(b, a);
                    upperOf.put(a, a);
                }
            }
        }
        return out;
    }

    private static double gap(TextLine.Word a, TextLine.Word b) {
        return b.x() - (a.x() + a.width());
    }

    private static int wordAt(int[] starts, int offset) {
        int w = 0;
        while (w + 1 < starts.length && starts[w + 1] <= offset) {
            w++;
        }
        return w;
    }

    // ---------------------------------------------------------------- parsing

    /** An amount in any of the usual notations (1.234,56 / 1,234.56 / 1234.56 / € 12,00 / 12,00€), or null. */
    public static BigDecimal amount(String word) {
        Matcher m = AMOUNT.matcher(word);
        if (!m.matches()) {
            return null;
        }
        String whole = m.group(3).replaceAll("[.,' ]", "");
        boolean negative = !m.group(1).isEmpty() || !m.group(2).isEmpty() || word.startsWith("(");
        BigDecimal v = new BigDecimal(whole + "." + m.group(5));
        // "1.234" style thousands with the same separator as the decimal point would be ambiguous: rejected.
        if (m.group(3).contains(m.group(4)) && m.group(3).length() > 3) {
            return null;
        }
        return negative ? v.negate() : v;
    }

    /** A date in one of the usual notations, or null. */
    public static LocalDate date(String text) {
        String t = text.replace("Mrz", "März").replaceAll("\\s+", " ").strip();
        for (DateTimeFormatter f : DATES) {
            try {
                LocalDate d = LocalDate.parse(t, f);
                if (d.getYear() < 100) {
                    d = d.plusYears(2000);
                }
                return d;
            } catch (DateTimeParseException e) {
                // next notation
            }
        }
        return null;
    }

    static String trim(String word) {
        String w = word;
        while (!w.isEmpty() && ":;,)]".indexOf(w.charAt(w.length() - 1)) >= 0) {
            w = w.substring(0, w.length() - 1);
        }
        if (w.endsWith(".") && w.length() > 1 && Character.isDigit(w.charAt(w.length() - 2))
                && !AMOUNT.matcher(w.substring(0, w.length() - 1)).matches()) {
            w = w.substring(0, w.length() - 1);
        }
        while (!w.isEmpty() && "([#".indexOf(w.charAt(0)) >= 0) {
            w = w.substring(1);
        }
        return w;
    }

    /** Lower case, letters only, accents kept as base letters: the form label words are compared in. */
    public static String norm(String word) {
        String s = Normalizer.normalize(word, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    // ---------------------------------------------------------------- features

    /** @param upperOf for each part of a two-line name, its upper part (the upper part maps to itself) */
    private static List<Candidate> describe(List<Raw> raws, Map<Raw, Raw> upperOf) {
        List<BigDecimal> amounts = raws.stream().filter(r -> r.kind == Kind.AMOUNT).map(r -> (BigDecimal) r.value)
                .toList();
        Set<BigDecimal> distinct = new HashSet<>();
        amounts.forEach(a -> distinct.add(a.stripTrailingZeros()));
        List<BigDecimal> values = new ArrayList<>(distinct);
        Set<BigDecimal> sums = new HashSet<>();
        Set<BigDecimal> addends = new HashSet<>();
        for (int i = 0; i < values.size() && values.size() < 400; i++) {
            for (int j = i + 1; j < values.size(); j++) {
                BigDecimal s = values.get(i).add(values.get(j)).stripTrailingZeros();
                if (distinct.contains(s) && values.get(i).signum() != 0 && values.get(j).signum() != 0) {
                    sums.add(s);
                    addends.add(values.get(i));
                    addends.add(values.get(j));
                }
            }
        }
        BigDecimal max = amounts.stream().map(BigDecimal::abs).max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        // How often a name occurs, counting the longer forms ("Muster GmbH" where the header says "Muster") too.
        List<String> names = raws.stream().filter(r -> r.kind == Kind.NAME).map(r -> norm(r.text))
                .toList();
        Map<String, Integer> nameCounts = new HashMap<>();
        for (String n : new HashSet<>(names)) {
            nameCounts.put(n, (int) names.stream().filter(o -> o.equals(n) || n.length() >= 6 && o.startsWith(n))
                    .count());
        }
        List<LocalDate> dates = raws.stream().filter(r -> r.kind == Kind.DATE).map(r -> (LocalDate) r.value).toList();
        LocalDate firstDate = dates.stream().min(LocalDate::compareTo).orElse(null);
        LocalDate lastDate = dates.stream().max(LocalDate::compareTo).orElse(null);
        int nameRank = 0;

        List<Candidate> out = new ArrayList<>();
        for (Raw r : raws) {
            StringBuilder f = new StringBuilder();
            List<String> left = new ArrayList<>(leftWords(r));
            if (r.glued != null && !norm(r.glued).isEmpty()) {
                left.add(0, norm(r.glued));
            }
            if (left.isEmpty() && r.below != null) { // "Name:" beside the second line of a two-line name
                left.addAll(leftWords(r.below));
            }
            List<String> above = aboveWords(r);
            f.append("k").append(r.kind.name().toLowerCase(Locale.ROOT));
            if (r.kind != Kind.NAME) {
                f.append(" s").append(shape(r.text));
            }
            for (String w : left) {
                f.append(" l").append(w);
            }
            for (String w : above) {
                f.append(" a").append(w);
            }
            if (left.isEmpty()) {
                f.append(" lnone");
            }
            if (above.isEmpty()) {
                f.append(" anone");
            }
            Raw upper = upperOf.get(r);
            for (String w : heading(upper != null ? upper : r)) { // a name's first line is not its heading
                f.append(" h").append(w);
            }
            for (String w : rightWords(r)) {
                f.append(" r").append(w);
            }
            double pw = r.page.width(), ph = r.page.height();
            int px = (int) Math.min(4, r.x() / pw * 5);
            int py = (int) Math.min(9, r.y() / ph * 10);
            f.append(" px").append((char) ('a' + px)).append(" py").append((char) ('a' + py))
                    .append(" pxy").append((char) ('a' + px)).append((char) ('a' + py));
            f.append(" pg").append(r.page.number() == 1 ? "first" : "later");
            switch (r.kind) {
                case AMOUNT -> {
                    BigDecimal v = ((BigDecimal) r.value);
                    BigDecimal key = v.stripTrailingZeros();
                    if (v.abs().compareTo(max) == 0) {
                        f.append(" amax");
                    }
                    if (sums.contains(key)) {
                        f.append(" asum");
                    }
                    if (addends.contains(key)) {
                        f.append(" aaddend");
                    }
                    long inRow = raws.stream().filter(o -> o.kind == Kind.AMOUNT && o.lines == r.lines
                            && o.line == r.line).count();
                    f.append(" arow").append(Math.min(inRow, 3));
                    long same = amounts.stream().filter(a -> a.compareTo(v) == 0).count();
                    f.append(" arep").append(Math.min(same, 3));
                    if (v.signum() < 0) {
                        f.append(" aneg");
                    }
                }
                case DATE -> {
                    LocalDate d = (LocalDate) r.value;
                    if (d.equals(firstDate)) {
                        f.append(" dfirst");
                    }
                    if (d.equals(lastDate)) {
                        f.append(" dlast");
                    }
                }
                case NAME -> {
                    for (TextLine.Word w : r.words()) {
                        f.append(" w").append(norm(w.text()).isEmpty() ? "sym" : norm(w.text()));
                    }
                    f.append(" nrank").append(Math.min(nameRank++, 6));
                    f.append(" nrep").append(Math.min(nameCounts.getOrDefault(norm(r.text), 1), 3));
                    f.append(" nh").append(Math.min((int) (r.lines.get(r.line).height() / 2.5), 8));
                    f.append(" nw").append(Math.min(r.words().size(), 5));
                    if (r.from == 0) {
                        f.append(" nlinestart");
                    }
                    if (r.to < r.lines.get(r.line).words().size()) {
                        f.append(" nmore");
                    }
                    if (r.below != null) {
                        f.append(" nlines2");
                    } else if (upper != null) {
                        f.append(upper == r ? " nupper" : " nlower");
                    }
                }
                default -> {
                    if (r.text.chars().anyMatch(Character::isLetter)) {
                        f.append(" ialpha");
                    }
                }
            }
            String anchor = !left.isEmpty() ? String.join(" ", left) : String.join(" ", above);
            out.add(new Candidate(r.kind, r.text, r.value, r.page.number(), r.x(), r.y(), r.right() - r.x(),
                    r.bottom() - r.y(), pw, ph, anchor, f.toString()));
        }
        return out;
    }

    /** Up to four label words left of the candidate on its line, nearest first; stops at another value. */
    private static List<String> leftWords(Raw r) {
        List<String> out = new ArrayList<>();
        List<TextLine.Word> words = r.lines.get(r.line).words();
        for (int i = r.from - 1; i >= 0 && out.size() < 4; i--) {
            String w = words.get(i).text();
            if (w.chars().anyMatch(Character::isDigit) && !w.contains("%")) {
                if (out.isEmpty()) {
                    out.add("num");
                    continue;
                }
                break;
            }
            String n = norm(w);
            if (!n.isEmpty()) {
                out.add(n);
            }
        }
        return out;
    }

    /** The section heading above the candidate: the nearest short line without digits, e.g. "Verkäufer", "Bill to". */
    private static List<String> heading(Raw r) {
        double top = r.y();
        for (int i = r.line - 1; i >= 0 && i >= r.line - 12; i--) {
            TextLine l = r.lines.get(i);
            if (top - l.y() > 160) {
                break;
            }
            if (l.words().size() <= 3 && l.text().chars().noneMatch(Character::isDigit) && !l.text().contains(":")
                    && l.x() <= r.x() + 5) {
                List<String> out = new ArrayList<>();
                for (TextLine.Word w : l.words()) {
                    String n = norm(w.text());
                    if (!n.isEmpty()) {
                        out.add(n);
                    }
                }
                return out;
            }
        }
        return List.of();
    }

    private static List<String> rightWords(Raw r) {
        List<String> out = new ArrayList<>();
        List<TextLine.Word> words = r.lines.get(r.line).words();
        for (int i = r.to; i < words.size() && out.size() < 2; i++) {
            String n = norm(words.get(i).text());
            out.add(n.isEmpty() ? "num" : n);
        }
        if (out.isEmpty()) {
            out.add("end");
        }
        return out;
    }

    /** Words of the nearest line above that overlap the candidate's columns (labels above values). */
    private static List<String> aboveWords(Raw r) {
        double x0 = r.x() - 15, x1 = r.right() + 15, top = r.y();
        for (int i = r.line - 1; i >= 0; i--) {
            TextLine above = r.lines.get(i);
            if (top - (above.y() + above.height()) > 3 * Math.max(above.height(), 6)) {
                break;
            }
            List<String> out = new ArrayList<>();
            for (TextLine.Word w : above.words()) {
                if (w.x() < x1 && w.x() + w.width() > x0) {
                    String n = norm(w.text());
                    if (!n.isEmpty() && out.size() < 3) {
                        out.add(n);
                    }
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        return List.of();
    }

    /** Character classes of a value: digits n, letters a, separators kept as letters (dot p, dash h, slash s). */
    static String shape(String text) {
        StringBuilder s = new StringBuilder();
        for (char c : text.toCharArray()) {
            char k = Character.isDigit(c) ? 'n' : Character.isLetter(c) ? 'a' : switch (c) {
                case '.' -> 'p';
                case ',' -> 'c';
                case '-' -> 'h';
                case '/' -> 's';
                default -> 'o';
            };
            if (s.length() < 14) {
                s.append(k);
            }
        }
        return s.toString();
    }
}
