package io.stratum.ingestion;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvTableTests {

    static final List<String> HEADER = List.of("id", "name", "lat");

    @Test
    void readsRowsByColumnWithQuotingBomBlankLinesAndStrippedValues() {
        List<CsvTable.Row> rows = CsvTable.read("\uFEFF\r\nID,Name,LAT\r\n a-1 , \"Mill, \"\"north\"\"\" ,48.1\r\n\r\n"
                + "b-2,Press,-3\n", HEADER);

        assertThat(rows).extracting(CsvTable.Row::line).containsExactly(3, 5);
        assertThat(rows.get(0).get("id")).isEqualTo("a-1");
        assertThat(rows.get(0).get("name")).isEqualTo("Mill, \"north\"");
        assertThat(rows.get(1).number("lat", -90, 90)).isEqualTo(-3.0);
        assertThat(rows.get(1).optional("name", 5)).isEqualTo("Press");
    }

    @Test
    void anExtendedHeaderAddsColumnsAndTheMinimalOneStaysValid() {
        List<String> extended = List.of("id", "name", "lat", "email");

        assertThat(CsvTable.read("id,name,lat,email\nx,X,1,x@example.org\n", HEADER, extended).get(0).has("email"))
                .isTrue();
        assertThat(CsvTable.read("id,name,lat\nx,X,1\n", HEADER, extended).get(0).has("email")).isFalse();
        assertBad("id,name\n", HEADER, extended, 1, "$", "header must be id,name,lat (optionally ending in ,email)"
                + " but was id,name");
    }

    @Test
    void everyShapeProblemNamesItsLineAndColumn() {
        assertBad("", HEADER, HEADER, 1, "$", "empty CSV, expected header id,name,lat");
        assertBad("\n\nid,lat\n", HEADER, HEADER, 3, "$", "header must be id,name,lat but was id,lat");
        assertBad("id,name,lat\nx,X\n", HEADER, HEADER, 2, "$", "expected 3 fields but found 2");
        assertBad("id,name,lat\nx,\"X,1\n", HEADER, HEADER, 2, "$", "unterminated quote");
        assertBad("id,name,lat\nx,\"X\"y,1\n", HEADER, HEADER, 2, "$", "text after a closing quote");
        assertBad("id,name,lat\nx,X\u0000,1\n", HEADER, HEADER, 2, "name", "must not contain NUL");
    }

    @Test
    void columnChecksReportThroughTheRow() {
        CsvTable.Row row = CsvTable.read("id,name,lat\nx,,north\n", HEADER).get(0);

        assertThatThrownBy(() -> row.required("name", 10)).isInstanceOfSatisfying(CsvFormatException.class, e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo("name");
            assertThat(e.problem()).isEqualTo("is required, at most 10 characters");
        });
        assertThat(row.optional("name", 10)).isNull();
        assertThatThrownBy(() -> row.number("lat", -90, 90)).hasMessage(
                "line 2, column lat: must be a number from -90.0 to 90.0");
        assertThatThrownBy(() -> row.get("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertBad(String csv, List<String> minimal, List<String> extended, long line, String column,
                                  String problem) {
        assertThatThrownBy(() -> CsvTable.read(csv, minimal, extended)).as(csv)
                .isInstanceOfSatisfying(CsvFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.problem()).startsWith(problem);
                });
    }
}
