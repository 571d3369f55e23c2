package io.stratum.action.dispatch;

import io.stratum.ingestion.CsvTable;
import io.stratum.ingestion.CsvTable.Row;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The technician records, with CSV import ({@code id,name,email,skills,homeLat,homeLon,workStart,workEnd,available},
 * skills separated by {@code ;}) and demo technicians (action/demo-technicians.csv) when the table is empty.
 */
@Repository
public class Technicians {

    static final String HEADER = "id,name,email,skills,homeLat,homeLon,workStart,workEnd,available";
    private static final List<String> COLUMNS = List.of(HEADER.split(","));
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final RowMapper<Technician> MAPPER = (rs, n) -> new Technician(rs.getString("id"),
            rs.getString("name"), rs.getString("email"), skills(rs.getString("skills")), rs.getDouble("home_lat"),
            rs.getDouble("home_lon"), rs.getInt("work_start"), rs.getInt("work_end"), rs.getBoolean("available"));

    private final JdbcClient jdbc;

    Technicians(JdbcClient jdbc, DispatchSettings settings) {
        this.jdbc = jdbc;
        if (settings.demoTechnicians()
                && jdbc.sql("SELECT COUNT(*) FROM technician").query(Long.class).single() == 0) {
            try {
                importCsv(new ClassPathResource("action/demo-technicians.csv")
                        .getContentAsString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("demo technicians missing from the classpath", e);
            }
        }
    }

    public List<Technician> all() {
        return jdbc.sql("SELECT * FROM technician ORDER BY id").query(MAPPER).list();
    }

    public Optional<Technician> find(String id) {
        return jdbc.sql("SELECT * FROM technician WHERE id = ?").param(id).query(MAPPER).optional();
    }

    /** All-or-nothing; known ids are updated. Returns the number of technicians in the file. */
    @Transactional
    public int importCsv(String text) {
        List<Technician> list = parse(text);
        Timestamp now = Timestamp.from(Instant.now());
        for (Technician t : list) {
            String skills = String.join(";", t.skills());
            int updated = jdbc.sql("""
                            UPDATE technician SET name = ?, email = ?, skills = ?, home_lat = ?, home_lon = ?,
                                   work_start = ?, work_end = ?, available = ? WHERE id = ?""")
                    .params(t.name(), t.email(), skills, t.homeLat(), t.homeLon(), t.workStart(), t.workEnd(),
                            t.available(), t.id())
                    .update();
            if (updated == 0) {
                jdbc.sql("""
                                INSERT INTO technician (id, name, email, skills, home_lat, home_lon, work_start, work_end,
                                                        available, created_at)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(t.id(), t.name(), t.email(), skills, t.homeLat(), t.homeLon(), t.workStart(),
                                t.workEnd(), t.available(), now)
                        .update();
            }
        }
        return list.size();
    }

    /**
     * All-or-nothing: the first bad line throws an {@link io.stratum.ingestion.CsvFormatException} naming its line
     * and column.
     */
    static List<Technician> parse(String text) {
        List<Technician> list = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Row row : CsvTable.read(text, COLUMNS)) {
            String id = row.get("id");
            if (!ID.matcher(id).matches()) {
                throw row.problem("id", "must be 1-64 letters, digits, '.', '_' or '-'");
            }
            if (!ids.add(id)) {
                throw row.problem("id", "duplicate id " + id);
            }
            String name = row.required("name", 200);
            String email = row.get("email");
            if (!EMAIL.matcher(email).matches() || email.length() > 320) {
                throw row.problem("email", "must be an e-mail address");
            }
            Set<String> skills = skills(row.get("skills"));
            if (skills.isEmpty()) {
                throw row.problem("skills", "at least one skill (separate several with ;)");
            }
            if (String.join(";", skills).length() > 1000) { // the column's limit (V11)
                throw row.problem("skills", "at most 1000 characters in all");
            }
            double lat = row.number("homeLat", -90, 90);
            double lon = row.number("homeLon", -180, 180);
            int start = (int) row.number("workStart", 0, 23);
            int end = (int) row.number("workEnd", 1, 24);
            if (end <= start) {
                throw row.problem("workEnd", "must be after workStart");
            }
            String available = row.get("available").toLowerCase(Locale.ROOT);
            if (!available.equals("true") && !available.equals("false")) {
                throw row.problem("available", "must be true or false");
            }
            list.add(new Technician(id, name, email, skills, lat, lon, start, end, Boolean.parseBoolean(available)));
        }
        return list;
    }

    private static Set<String> skills(String text) {
        return Arrays.stream(text.split(";")).map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
