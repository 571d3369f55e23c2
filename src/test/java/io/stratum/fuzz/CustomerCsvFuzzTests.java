package io.stratum.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stratum.ingestion.Customer;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the customer CSV parser: a parse gives customers that satisfy the registry's rules and survive a write/read
 * round trip, or a rejection naming a line of the input; never another exception.
 */
class CustomerCsvFuzzTests {

    @FuzzTest(maxDuration = "2m")
    void csv(byte[] raw) throws Throwable {
        String text = new String(raw, StandardCharsets.UTF_8);
        List<Customer> customers;
        try {
            customers = IngestionParsers.parseCsv(text);
        } catch (IngestionParsers.CsvRejected rejected) {
            int lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1).length;
            assertThat(rejected.line).isBetween(1, lines);
            assertThat(rejected.problems).isNotEmpty();
            rejected.problems.forEach(p -> assertThat(p.message()).isNotBlank());
            return;
        }
        Set<String> ids = new HashSet<>();
        for (Customer c : customers) {
            assertThat(c.id()).matches("[A-Za-z0-9._-]{1,64}");
            assertThat(ids.add(c.id())).as("unique id " + c.id()).isTrue();
            assertThat(c.name()).isNotBlank().hasSizeLessThanOrEqualTo(200).doesNotContain("\u0000");
            assertThat(c.tier()).isIn("platinum", "gold", "silver", "bronze");
            assertThat(c.contractValue().signum()).isGreaterThanOrEqualTo(0);
            assertThat(c.contractValue().scale()).isLessThanOrEqualTo(2);
            // fits NUMERIC(19,2)
            assertThat(c.contractValue().setScale(2).precision()).isLessThanOrEqualTo(19);
            if (c.emailDomain() != null) {
                assertThat(c.emailDomain()).hasSizeLessThanOrEqualTo(253).isLowerCase();
            }
        }
        assertThat(IngestionParsers.parseCsv(write(customers))).as("round trip").isEqualTo(customers);
    }

    static String write(List<Customer> customers) {
        StringBuilder sb = new StringBuilder("id,name,emailDomain,tier,contractValue\n");
        for (Customer c : customers) {
            sb.append(quote(c.id())).append(',').append(quote(c.name())).append(',')
                    .append(quote(c.emailDomain() == null ? "" : c.emailDomain())).append(',')
                    .append(quote(c.tier())).append(',').append(quote(c.contractValue().toString())).append('\n');
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
