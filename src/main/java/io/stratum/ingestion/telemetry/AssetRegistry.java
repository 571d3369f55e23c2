package io.stratum.ingestion.telemetry;

import io.stratum.ingestion.CsvFormatException;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The asset table, with CSV import ({@code id,name,assetType,productType,lat,lon,criticality,requiredSkill}) and the
 * demo assets (ingestion/demo-assets.csv) loaded when the table is empty. Lookups are cached: every reading needs
 * its asset, and assets change only by import.
 */
@Repository
public class AssetRegistry implements Assets {

    static final String HEADER = "id,name,assetType,productType,lat,lon,criticality,requiredSkill";
    private static final List<String> COLUMNS = List.of(HEADER.split(","));
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final RowMapper<Asset> MAPPER = (rs, n) -> new Asset(rs.getString("id"), rs.getString("name"),
            rs.getString("asset_type"), rs.getString("product_type"), rs.getDouble("lat"), rs.getDouble("lon"),
            rs.getString("criticality"), rs.getString("required_skill"));

    private final JdbcClient jdbc;
    private final ConcurrentHashMap<String, Asset> cache = new ConcurrentHashMap<>();

    AssetRegistry(JdbcClient jdbc, TelemetrySettings settings) {
        this.jdbc = jdbc;
        if (settings.demoAssets() && count() == 0) {
            try {
                importCsv(new ClassPathResource("ingestion/demo-assets.csv").getContentAsString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("demo assets missing from the classpath", e);
            }
        }
    }

    @Override
    public Optional<Asset> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty(); // never imported; and PostgreSQL refuses e.g. a NUL in a query parameter
        }
        Asset cached = cache.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Asset> found = jdbc.sql("SELECT * FROM asset WHERE id = ?").param(id).query(MAPPER).optional();
        found.ifPresent(a -> cache.put(a.id(), a));
        return found;
    }

    @Override
    public List<Asset> all() {
        return jdbc.sql("SELECT * FROM asset ORDER BY id").query(MAPPER).list();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM asset").query(Long.class).single();
    }

    /** All-or-nothing: a bad line rejects the whole file. Known ids are updated. Returns the number of assets. */
    @Transactional
    public int importCsv(String text) {
        List<Asset> assets = parse(text);
        Timestamp now = Timestamp.from(Instant.now());
        for (Asset a : assets) {
            int updated = jdbc.sql("""
                            UPDATE asset SET name = ?, asset_type = ?, product_type = ?, lat = ?, lon = ?,
                                             criticality = ?, required_skill = ? WHERE id = ?""")
                    .params(a.name(), a.assetType(), a.productType(), a.lat(), a.lon(), a.criticality(),
                            a.requiredSkill(), a.id())
                    .update();
            if (updated == 0) {
                jdbc.sql("""
                                INSERT INTO asset (id, name, asset_type, product_type, lat, lon, criticality,
                                                   required_skill, created_at)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(a.id(), a.name(), a.assetType(), a.productType(), a.lat(), a.lon(), a.criticality(),
                                a.requiredSkill(), now)
                        .update();
            }
            cache.remove(a.id());
        }
        return assets.size();
    }

    static List<Asset> parse(String text) {
        try {
            return read(text);
        } catch (CsvFormatException e) {
            throw invalid(e.line(), e.column(), e.problem());
        }
    }

    private static List<Asset> read(String text) {
        List<Asset> assets = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Row row : CsvTable.read(text, COLUMNS)) {
            String id = row.get("id");
            if (!ID.matcher(id).matches()) {
                throw row.problem("id", "must be 1-64 letters, digits, '.', '_' or '-'");
            }
            if (!ids.add(id)) {
                throw row.problem("id", "duplicate id " + id);
            }
            String type = row.get("productType").toUpperCase(Locale.ROOT);
            if (!Asset.PRODUCT_TYPES.contains(type)) {
                throw row.problem("productType", "must be one of L, M, H");
            }
            String criticality = row.get("criticality").toUpperCase(Locale.ROOT);
            if (!Asset.CRITICALITIES.contains(criticality)) {
                throw row.problem("criticality", "must be one of LOW, MEDIUM, HIGH");
            }
            double lat = row.number("lat", -90, 90);
            double lon = row.number("lon", -180, 180);
            // The limits are the columns' (V11): longer text was a 500 from the database instead of a problem
            assets.add(new Asset(id, row.required("name", 200), row.required("assetType", 100), type, lat, lon,
                    criticality, row.required("requiredSkill", 100).toLowerCase(Locale.ROOT)));
        }
        return assets;
    }

    private static InvalidTelemetryException invalid(long line, String field, String message) {
        return new InvalidTelemetryException("Asset CSV line " + line + ": " + field + ": " + message,
                List.of(new InvalidTelemetryException.Problem(field, "line " + line + ": " + message)), null);
    }
}
