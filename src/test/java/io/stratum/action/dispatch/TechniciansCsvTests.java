package io.stratum.action.dispatch;

import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TechniciansCsvTests {

    @Test
    void skillsLongerThanTheirColumnAreNamedNotADatabaseError() {
        String row = "T-1,Tess,tess@acme.example,%s,48.1,11.5,7,16,true";
        assertThat(Technicians.parse(Technicians.HEADER + "\n" + row.formatted("spindle;hydraulics") + "\n"))
                .singleElement().satisfies(t -> assertThat(t.skills()).containsOnly("spindle", "hydraulics"));

        String many = IntStream.range(0, 120).mapToObj(i -> "skill-" + i).collect(Collectors.joining(";"));
        assertThatThrownBy(() -> Technicians.parse(Technicians.HEADER + "\n" + row.formatted(many) + "\n"))
                .hasMessageContaining("line 2").hasMessageContaining("skills")
                .hasMessageContaining("at most 1000 characters");
    }
}
