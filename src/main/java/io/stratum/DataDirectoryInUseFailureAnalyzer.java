package io.stratum;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns H2's "Database may be already in use" at start into what happened and what to do: the embedded database file
 * is locked by another process, nearly always a second Stratum server started on the same data directory.
 */
class DataDirectoryInUseFailureAnalyzer implements FailureAnalyzer {

    /** H2's error code for a database file locked by another process (ErrorCode.DATABASE_ALREADY_OPEN_1). */
    static final int DATABASE_ALREADY_OPEN = 90020;
    private static final Pattern FILE = Pattern.compile("in use: \"?([^\"]+?)\"?[.]? Possible solutions");

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException e && e.getErrorCode() == DATABASE_ALREADY_OPEN) {
                String file = lockedFile(e.getMessage());
                return new FailureAnalysis(
                        "The embedded database " + file + " is in use by another process: most likely another Stratum "
                                + "server started on the same data directory (STRATUM_DATA_DIR). A data directory "
                                + "belongs to one server at a time.",
                        "Stop the other server first, or give this one its own data directory and port, e.g. "
                                + "STRATUM_DATA_DIR=/srv/stratum-2 STRATUM_PORT=8081 ./stratum run. Several servers "
                                + "sharing one database need PostgreSQL (README, Operators).",
                        e);
            }
        }
        return null;
    }

    static String lockedFile(String message) {
        Matcher m = FILE.matcher(message == null ? "" : message.replace('\n', ' '));
        return m.find() ? m.group(1) : "file";
    }
}
