package io.stratum.ingestion;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

class CustomerCsvTests {

    private static final String HEADER = "id,name,emailDomain,tier,contractValue\n";

    @Test
    void parsesQuotedFieldsNormalisesAndSkipsBlankLines() {
        List<Customer> customers = CustomerCsv.parse("\uFEFF" + HEADER + "\n"
                + "A-1,\"Quote \"\"Q\"\" Inc, Ltd\",Q.Example,GOLD, 12.50 \n\n"
                + "A-2,No Domain,,bronze,0\n");
        assertThat(customers).hasSize(2);
        Customer a1 = customers.get(0);
        assertThat(a1.name()).isEqualTo("Quote \"Q\" Inc, Ltd");
        assertThat(a1.emailDomain()).isEqualTo("q.example");
        assertThat(a1.tier()).isEqualTo("gold");
        assertThat(a1.contractValue()).isEqualByComparingTo("12.50");
        assertThat(customers.get(1).emailDomain()).isNull();
    }

    @Test
    void theDemoResourceParses() throws Exception {
        try (var in = getClass().getClassLoader().getResourceAsStream(DemoCustomers.RESOURCE)) {
            List<Customer> demo = CustomerCsv.parse(new String(in.readAllBytes()));
            assertThat(demo).hasSizeGreaterThanOrEqualTo(10);
            assertThat(demo).allSatisfy(c -> assertThat(c.emailDomain()).endsWith(".example"));
        }
    }

    @Test
    void namesTheLineAndFieldOfTheFirstBadLine() {
        assertLineError(HEADER + "A-1,Ok,ok.example,gold,1\nA-2,Bad,bad.example,gold,-5\n", 3, "contractValue");
        assertLineError(HEADER + "A-1,Ok,ok.example,gold,1\n\nA-2,Bad,bad.example,gold,abc\n", 4, "contractValue");
        assertLineError(HEADER + "A-1,Ok,not a domain,gold,1\n", 2, "emailDomain");
        assertLineError(HEADER + "A 1,Ok,ok.example,gold,1\n", 2, "id");
        assertLineError(HEADER + "A-1,,ok.example,gold,1\n", 2, "name");
        assertLineError(HEADER + "A-1,Ok,ok.example,gold\n", 2, "$");
        assertLineError(HEADER + "A-1,\"Ok,ok.example,gold,1\n", 2, "$");
        assertLineError(HEADER + "A-1,Ok,ok.example,gold,1\nA-1,Again,ok.example,gold,1\n", 3, "id");
        assertLineError("id,name,domain,tier,value\n", 1, "$");
        assertLineError("", 1, "$");
    }

    private static void assertLineError(String csv, int line, String field) {
        assertThatThrownBy(() -> CustomerCsv.parse(csv))
                .asInstanceOf(type(CustomerImportException.class))
                .satisfies(e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.problems()).extracting(FieldProblem::field).contains(field);
                });
    }
}
