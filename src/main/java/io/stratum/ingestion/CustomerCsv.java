package io.stratum.ingestion;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses the customer CSV ({@code id,name,emailDomain,tier,contractValue}, RFC 4180 quoting within a line).
 * All-or-nothing: the first bad line aborts the whole parse with its line number.
 */
final class CustomerCsv {

    static final List<String> HEADER = List.of("id", "name", "emailDomain", "tier", "contractValue");
    static final Set<String> TIERS = Set.of("platinum", "gold", "silver", "bronze");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern DOMAIN =
            Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");

    private CustomerCsv() {
    }

    static List<Customer> parse(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        int headerLine = 0;
        while (headerLine < lines.length && lines[headerLine].isBlank()) {
            headerLine++;
        }
        if (headerLine == lines.length) {
            throw new CustomerImportException(1, List.of(new FieldProblem("$", "empty CSV, expected header "
                    + String.join(",", HEADER))));
        }
        String headerText = lines[headerLine].startsWith("\uFEFF") ? lines[headerLine].substring(1) : lines[headerLine];
        List<String> header = fields(headerText, headerLine + 1).stream().map(String::strip).toList();
        if (header.size() != HEADER.size()
                || !header.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList()
                .equals(HEADER.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList())) {
            throw new CustomerImportException(headerLine + 1, List.of(new FieldProblem("$", "header must be "
                    + String.join(",", HEADER) + " but was " + String.join(",", header))));
        }
        List<Customer> customers = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = headerLine + 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int lineNo = i + 1;
            Customer c = line(fields(lines[i], lineNo), lineNo);
            if (!ids.add(c.id())) {
                throw new CustomerImportException(lineNo, List.of(new FieldProblem("id", "duplicate id " + c.id())));
            }
            customers.add(c);
        }
        return customers;
    }

    private static Customer line(List<String> f, int lineNo) {
        if (f.size() != HEADER.size()) {
            throw new CustomerImportException(lineNo, List.of(new FieldProblem("$",
                    "expected " + HEADER.size() + " fields but found " + f.size())));
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < f.size(); i++) {
            if (f.get(i).indexOf('\u0000') >= 0) {
                // PostgreSQL text cannot hold U+0000.
                throw new CustomerImportException(lineNo, List.of(new FieldProblem(HEADER.get(i),
                        "must not contain NUL characters (U+0000)")));
            }
        }
        String id = f.get(0).strip();
        if (!ID.matcher(id).matches()) {
            problems.add(new FieldProblem("id", "must be 1-64 letters, digits, '.', '_' or '-'"));
        }
        String name = f.get(1).strip();
        if (name.isEmpty() || name.length() > 200) {
            problems.add(new FieldProblem("name", "is required, at most 200 characters"));
        }
        String domain = f.get(2).strip().toLowerCase(Locale.ROOT);
        if (domain.isEmpty()) {
            domain = null;
        } else if (domain.length() > 253 || !DOMAIN.matcher(domain).matches()) {
            problems.add(new FieldProblem("emailDomain", "must be a domain name like acme.example"));
        }
        String tier = f.get(3).strip().toLowerCase(Locale.ROOT);
        if (!TIERS.contains(tier)) {
            problems.add(new FieldProblem("tier", "must be one of platinum, gold, silver, bronze"));
        }
        BigDecimal value = null;
        try {
            value = new BigDecimal(f.get(4).strip());
            if (value.signum() < 0 || value.scale() > 2 || value.precision() - value.scale() > 17) {
                problems.add(new FieldProblem("contractValue",
                        "must be a non-negative amount with at most 2 decimals"));
            }
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem("contractValue", "must be a number like 125000.00"));
        }
        if (!problems.isEmpty()) {
            throw new CustomerImportException(lineNo, problems);
        }
        return new Customer(id, name, domain, tier, value);
    }

    /** Splits one line; quoted fields may contain commas and doubled quotes, not line breaks. */
    static List<String> fields(String line, int lineNo) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int i = 0;
        boolean quotedField = false;
        while (true) {
            if (i < line.length() && line.charAt(i) == '"' && cur.toString().isBlank()) {
                quotedField = true;
                cur.setLength(0);
                i++;
                boolean closed = false;
                while (i < line.length()) {
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                            cur.append('"');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    cur.append(c);
                    i++;
                }
                if (!closed) {
                    throw new CustomerImportException(lineNo, List.of(new FieldProblem("$", "unterminated quote")));
                }
                while (i < line.length() && line.charAt(i) != ',') {
                    if (!Character.isWhitespace(line.charAt(i))) {
                        throw new CustomerImportException(lineNo,
                                List.of(new FieldProblem("$", "text after closing quote")));
                    }
                    i++;
                }
            }
            if (i >= line.length()) {
                out.add(cur.toString());
                return out;
            }
            char c = line.charAt(i);
            if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
                quotedField = false;
            } else if (quotedField) {
                throw new CustomerImportException(lineNo, List.of(new FieldProblem("$", "text after closing quote")));
            } else {
                cur.append(c);
            }
            i++;
        }
    }
}
