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
        List<CsvTable.Row> rows;
        try {
            rows = CsvTable.read(text, HEADER);
        } catch (CsvFormatException e) {
            throw new CustomerImportException((int) e.line(), List.of(new FieldProblem(e.column(), e.problem())));
        }
        List<Customer> customers = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (CsvTable.Row row : rows) {
            Customer c = customer(row);
            if (!ids.add(c.id())) {
                throw new CustomerImportException(row.line(), List.of(new FieldProblem("id", "duplicate id " + c.id())));
            }
            customers.add(c);
        }
        return customers;
    }

    /** Every problem of the row at once, so that a user fixes a line in one go. */
    private static Customer customer(CsvTable.Row row) {
        List<FieldProblem> problems = new ArrayList<>();
        String id = row.get("id");
        if (!ID.matcher(id).matches()) {
            problems.add(new FieldProblem("id", "must be 1-64 letters, digits, '.', '_' or '-'"));
        }
        String name = row.get("name");
        if (name.isEmpty() || name.length() > 200) {
            problems.add(new FieldProblem("name", "is required, at most 200 characters"));
        }
        String domain = row.get("emailDomain").toLowerCase(Locale.ROOT);
        if (domain.isEmpty()) {
            domain = null;
        } else if (domain.length() > 253 || !DOMAIN.matcher(domain).matches()) {
            problems.add(new FieldProblem("emailDomain", "must be a domain name like acme.example"));
        }
        String tier = row.get("tier").toLowerCase(Locale.ROOT);
        if (!TIERS.contains(tier)) {
            problems.add(new FieldProblem("tier", "must be one of platinum, gold, silver, bronze"));
        }
        BigDecimal value = null;
        try {
            value = new BigDecimal(row.get("contractValue"));
            if (value.signum() < 0 || value.scale() > 2 || value.precision() - value.scale() > 17) {
                problems.add(new FieldProblem("contractValue",
                        "must be a non-negative amount with at most 2 decimals"));
            }
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem("contractValue", "must be a number like 125000.00"));
        }
        if (!problems.isEmpty()) {
            throw new CustomerImportException(row.line(), problems);
        }
        return new Customer(id, name, domain, tier, value);
    }
}
