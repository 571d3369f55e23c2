package io.stratum;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DataDirectoryInUseFailureAnalyzerTests {

    private final DataDirectoryInUseFailureAnalyzer analyzer = new DataDirectoryInUseFailureAnalyzer();

    @Test
    void aDatabaseFileLockedByAnotherProcessIsExplainedWithItsPathAndTheWayOut(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db/stratum") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.createStatement().execute("CREATE TABLE t (id INT)");
        }
        Path file = dir.resolve("db/stratum.mv.db");
        // What a second server meets: H2 locks the file it opens, and another process holds that lock.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            SQLException refused = catchThrowableOfType(SQLException.class,
                    () -> DriverManager.getConnection(url, "sa", "").close());
            assertThat(refused.getErrorCode()).isEqualTo(DataDirectoryInUseFailureAnalyzer.DATABASE_ALREADY_OPEN);

            FailureAnalysis analysis = analyzer.analyze(new BeanCreationException("dataSource",
                    "Failed to initialise", new IllegalStateException("wrapped", refused)));

            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains(file.toString()).contains("another Stratum server")
                    .contains("STRATUM_DATA_DIR");
            assertThat(analysis.getAction()).contains("STRATUM_DATA_DIR=").contains("PostgreSQL");
            assertThat(analysis.getCause()).isSameAs(refused);
        }
    }

    @Test
    void springBootFindsIt() {
        // Other analyzers want constructor arguments Spring Boot gives them at start: skipped here.
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class, null,
                (type, name, failure) -> { }))
                .hasAtLeastOneElementOfType(DataDirectoryInUseFailureAnalyzer.class);
    }

    @Test
    void otherStartFailuresAreLeftToSpringBoot() {
        assertThat(analyzer.analyze(new BeanCreationException("x", "boom",
                new SQLException("Wrong user name or password", "28000", 28000)))).isNull();
        assertThat(analyzer.analyze(new IllegalStateException("no cause"))).isNull();
    }
}
