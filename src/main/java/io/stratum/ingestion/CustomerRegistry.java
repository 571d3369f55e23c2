package io.stratum.ingestion;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Table {@code customer}: the customer registry behind {@link Customers}. */
@Service
class CustomerRegistry implements Customers {

    record ImportResult(int created, int updated) {
    }

    private static final RowMapper<Customer> MAPPER = (rs, n) -> new Customer(rs.getString("id"),
            rs.getString("name"), rs.getString("email_domain"), rs.getString("tier"), rs.getBigDecimal("contract_value"));

    private final JdbcClient jdbc;

    CustomerRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Customer resolve(String customerId, String from) {
        if (customerId != null && !customerId.isBlank()) {
            Optional<Customer> byId = find(customerId.strip());
            if (byId.isPresent()) {
                return byId.get();
            }
        }
        String domain = domainOf(from);
        // support.acme.example belongs to acme.example: try the domain, then its parents (keeping two labels).
        while (domain != null) {
            Optional<Customer> byDomain = jdbc.sql("""
                            SELECT id, name, email_domain, tier, contract_value FROM customer
                            WHERE email_domain = ? ORDER BY contract_value DESC, id""")
                    .param(domain).query(MAPPER).list().stream().findFirst();
            if (byDomain.isPresent()) {
                return byDomain.get();
            }
            int dot = domain.indexOf('.');
            domain = dot > 0 && domain.indexOf('.', dot + 1) > 0 ? domain.substring(dot + 1) : null;
        }
        return Customer.unknown(from);
    }

    Optional<Customer> find(String id) {
        return jdbc.sql("SELECT id, name, email_domain, tier, contract_value FROM customer WHERE id = ?")
                .param(id).query(MAPPER).optional();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM customer").query(Long.class).single();
    }

    /** Upserts all customers in one transaction (portable: UPDATE, INSERT when nothing was updated). */
    @Transactional
    public ImportResult upsert(List<Customer> customers) {
        int created = 0;
        int updated = 0;
        for (Customer c : customers) {
            int n = jdbc.sql("""
                            UPDATE customer SET name = ?, email_domain = ?, tier = ?, contract_value = ?
                            WHERE id = ?""")
                    .params(c.name(), c.emailDomain(), c.tier(), c.contractValue(), c.id())
                    .update();
            if (n == 0) {
                jdbc.sql("INSERT INTO customer (id, name, email_domain, tier, contract_value) VALUES (?, ?, ?, ?, ?)")
                        .params(c.id(), c.name(), c.emailDomain(), c.tier(), c.contractValue())
                        .update();
                created++;
            } else {
                updated++;
            }
        }
        return new ImportResult(created, updated);
    }

    static String domainOf(String from) {
        if (from == null) {
            return null;
        }
        String address = InquiryValidator.emailAddress(from.strip());
        if (address == null) {
            return null;
        }
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
