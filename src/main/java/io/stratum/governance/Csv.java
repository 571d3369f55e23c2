package io.stratum.governance;

import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 CSV for exports; cells a spreadsheet would run as formulas are defused with a leading apostrophe. */
final class Csv {

    private Csv() {
    }

    static String of(List<String> header, List<List<Object>> rows) {
        StringBuilder sb = new StringBuilder();
        line(sb, header.stream().map(h -> (Object) h).toList());
        rows.forEach(r -> line(sb, r));
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<Object> cells) {
        sb.append(cells.stream().map(Csv::cell).collect(Collectors.joining(","))).append("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!s.isEmpty() && !(value instanceof Number) && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") || s.startsWith("'")) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
