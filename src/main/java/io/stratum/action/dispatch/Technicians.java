package io.stratum.action.dispatch;

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

    static List<Technician> parse(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        String header = first < lines.length ? lines[first].replace("\uFEFF", "").strip() : "";
        if (!header.equalsIgnoreCase(HEADER)) {
            throw new InvalidRecordException(first + 1, "$", "header must be " + HEADER + " but was " + header);
        }
        List<Technician> list = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = first + 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int line = i + 1;
            String[] f = lines[i].split(",", -1);
            if (f.length != 9) {
                throw new InvalidRecordException(line, "$", "expected 9 fields, got " + f.length);
            }
            String id = f[0].strip();
            if (!ID.matcher(id).matches()) {
                throw new InvalidRecordException(line, "id", "1-64 letters, digits, '.', '_' or '-'");
            }
            if (!ids.add(id)) {
                throw new InvalidRecordException(line, "id", "duplicate id " + id);
            }
            String name = f[1].strip();
            if (name.isEmpty() || name.length() > 200) {
                throw new InvalidRecordException(line, "name", "required, at most 200 characters");
            }
            String email = f[2].strip();
            if (!EMAIL.matcher(email).matches() || email.length() > 320) {
                throw new InvalidRecordException(line, "email", "an e-mail address");
            }
            Set<String> skills = skills(f[3]);
            if (skills.isEmpty()) {
                throw new InvalidRecordException(line, "skills", "at least one skill (separate several with ;)");
            }
            double lat = number(f[4], line, "homeLat", -90, 90);
            double lon = number(f[5], line, "homeLon", -180, 180);
            int start = (int) number(f[6], line, "workStart", 0, 23);
            int end = (int) number(f[7], line, "workEnd", 1, 24);
            if (end <= start) {
                throw new InvalidRecordException(line, "workEnd", "must be after workStart");
            }
            String available = f[8].strip().toLowerCase(Locale.ROOT);
            if (!available.equals("true") && !available.equals("false")) {
                throw new InvalidRecordException(line, "available", "true or false");
            }
            list.add(new Technician(id, name, email, skills, lat, lon, start, end, Boolean.parseBoolean(available)));
        }
        return list;
    }

    private static Set<String> skills(String text) {
        return Arrays.stream(text.split(";")).map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static double number(String value, int line, String field, double min, double max) {
        try {
            double d = Double.parseDouble(value.strip());
            if (d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidRecordException(line, field, "a number from " + min + " to " + max);
    }
}
