package io.stratum.ingestion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CSV shape every Stratum import shares: a header row (case-insensitive; a byte-order mark at the start is dropped),
 * then one record per line with RFC 4180 quoting inside the line (quoted fields may hold commas and doubled quotes,
 * not line breaks). Blank lines are skipped; values are stripped; U+0000 is refused because PostgreSQL text cannot
 * hold it. The importers validate their columns on top of this and turn a {@link CsvFormatException} into their own
 * problem type, so every bad file is reported with the same line numbering (header = its own line).
 */
public final class CsvTable {

    private CsvTable() {
    }

    /** One data record by column name, with the checks most columns need. */
    public record Row(int line, Map<String, String> values) {

        public String get(String column) {
            String v = values.get(column);
            if (v == null) {
                throw new IllegalArgumentException("no column " + column);
            }
            return v;
        }

        public boolean has(String column) {
            return values.containsKey(column);
        }

        public CsvFormatException problem(String column, String message) {
            return new CsvFormatException(line, column, message);
        }

        public String required(String column, int maxLength) {
            String v = get(column);
            if (v.isEmpty() || v.length() > maxLength) {
                throw problem(column, "is required, at most " + maxLength + " characters");
            }
            return v;
        }

        /** Null when empty. */
        public String optional(String column, int maxLength) {
            String v = get(column);
            if (v.length() > maxLength) {
                throw problem(column, "at most " + maxLength + " characters");
            }
            return v.isEmpty() ? null : v;
        }

        public double number(String column, double min, double max) {
            try {
                double d = Double.parseDouble(get(column));
                if (d >= min && d <= max) {
                    return d;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw problem(column, "must be a number from " + min + " to " + max);
        }
    }

    /** Records under exactly {@code header}. */
    public static List<Row> read(String text, List<String> header) {
        return read(text, header, header);
    }

    /**
     * Records under {@code minimal}, or under {@code extended} (the same columns and more at the end) when the file's
     * header is that one, so files written before a column was added stay valid.
     */
    public static List<Row> read(String text, List<String> minimal, List<String> extended) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = body.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        int headerLine = 0;
        while (headerLine < lines.length && lines[headerLine].isBlank()) {
            headerLine++;
        }
        if (headerLine == lines.length) {
            throw new CsvFormatException(1, "$", "empty CSV, expected header " + String.join(",", minimal));
        }
        List<String> found = fields(lines[headerLine], headerLine + 1).stream().map(String::strip).toList();
        List<String> header = lower(found).equals(lower(extended)) ? extended : minimal;
        if (!lower(found).equals(lower(header))) {
            throw new CsvFormatException(headerLine + 1, "$", "header must be " + String.join(",", minimal)
                    + (extended.equals(minimal) ? "" : " (optionally ending in ,"
                    + String.join(",", extended.subList(minimal.size(), extended.size())) + ")")
                    + " but was " + String.join(",", found));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = headerLine + 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int lineNo = i + 1;
            List<String> f = fields(lines[i], lineNo);
            if (f.size() != header.size()) {
                throw new CsvFormatException(lineNo, "$", "expected " + header.size() + " fields but found "
                        + f.size());
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String v = f.get(c).strip();
                if (v.indexOf('\u0000') >= 0) {
                    throw new CsvFormatException(lineNo, header.get(c), "must not contain NUL characters (U+0000)");
                }
                values.put(header.get(c), v);
            }
            rows.add(new Row(lineNo, values));
        }
        return rows;
    }

    /** Splits one line into its fields, unquoted; whitespace around a quoted field is dropped. */
    public static List<String> fields(String line, long lineNo) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inQuotes = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inQuotes) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    inQuotes = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && cur.toString().isBlank() && !wasQuoted) {
                cur.setLength(0);
                inQuotes = true;
                wasQuoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
                wasQuoted = false;
            } else if (wasQuoted && !Character.isWhitespace(c)) {
                throw new CsvFormatException(lineNo, "$", "text after a closing quote");
            } else if (!wasQuoted) {
                cur.append(c);
            }
        }
        if (inQuotes) {
            throw new CsvFormatException(lineNo, "$", "unterminated quote (records must fit on one line)");
        }
        out.add(cur.toString());
        return out;
    }

    private static List<String> lower(List<String> names) {
        return names.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }
}
