package io.stratum.ingestion.document;

import io.stratum.ingestion.IntakeBacklog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The scanner channel: polls a folder, takes each file once it stood still (same size and modification time as at
 * the previous poll, and older than {@code watch-settle}), ingests it as channel {@code folder}, and only then moves
 * it to {@code done/} or {@code rejected/} (beside it {@code <name>.reason.txt}). A crash between the two steps
 * leaves the file in place; the next poll ingests it again, which finds the same document (sha256), and moves it.
 */
@Component
@ConditionalOnExpression("'${stratum.ingestion.documents.watch-dir:}' != ''")
class FolderWatcher {

    record PollResult(int accepted, int duplicates, int rejected, int waiting) {
    }

    private record Seen(long size, long modified) {
    }

    private static final Logger log = LoggerFactory.getLogger(FolderWatcher.class);

    private final DocumentIntake intake;
    private final DocumentSettings settings;
    private final IntakeBacklog backlog;
    private final Path dir;
    private final Clock clock = Clock.systemUTC();
    private final Map<Path, Seen> lastPoll = new HashMap<>();

    FolderWatcher(DocumentIntake intake, DocumentSettings settings, IntakeBacklog backlog) {
        this.intake = intake;
        this.backlog = backlog;
        this.settings = settings;
        this.dir = Path.of(settings.watchDir()).toAbsolutePath();
    }

    @Scheduled(initialDelayString = "${stratum.ingestion.documents.watch-interval:PT10S}",
            fixedDelayString = "${stratum.ingestion.documents.watch-interval:PT10S}")
    void scheduledPoll() {
        try {
            PollResult r = poll();
            if (r.accepted() + r.duplicates() + r.rejected() > 0) {
                log.info("Watched folder {}: {}", dir, r);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Polling the watched folder {} failed: {}", dir, e.toString());
        }
    }

    synchronized PollResult poll() throws IOException {
        Files.createDirectories(dir);
        int accepted = 0, duplicates = 0, rejected = 0, waiting = 0;
        boolean full = false; // the engine is too far behind: once known, the rest of this poll's files wait too
        Map<Path, Seen> now = new HashMap<>();
        Instant settledBefore = clock.instant().minus(settings.watchSettle());
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                // Hidden and partial files are what scanners and copy tools write before the final rename.
                if (name.startsWith(".") || name.endsWith(".part") || name.endsWith(".tmp")) {
                    continue;
                }
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (IOException gone) {
                    continue;
                }
                if (!attrs.isRegularFile()) {
                    continue;
                }
                Seen seen = new Seen(attrs.size(), attrs.lastModifiedTime().toMillis());
                if (!seen.equals(lastPoll.get(file))
                        || attrs.lastModifiedTime().toInstant().isAfter(settledBefore)) {
                    now.put(file, seen);
                    waiting++;
                    continue;
                }
                if (full || !backlog.hasRoom(IntakeBacklog.FOLDER)) { // the file waits in the folder
                    full = true;
                    now.put(file, seen);
                    waiting++;
                    continue;
                }
                switch (take(file, seen.size())) {
                    case ACCEPTED -> accepted++;
                    case DUPLICATE -> duplicates++;
                    case REJECTED -> rejected++;
                    case LEFT -> {
                        now.put(file, seen);
                        waiting++;
                    }
                }
            }
        }
        lastPoll.clear();
        lastPoll.putAll(now);
        return new PollResult(accepted, duplicates, rejected, waiting);
    }

    private enum Taken { ACCEPTED, DUPLICATE, REJECTED, LEFT }

    private Taken take(Path file, long size) {
        String name = file.getFileName().toString();
        try {
            if (size > settings.maxSize().toBytes()) {
                DocumentRejectedException e = intake.tooLarge(name, size, DocumentIntake.FOLDER, null);
                moveRejected(file, e);
                return Taken.REJECTED;
            }
            DocumentIntake.Outcome outcome = intake.receive(Files.readAllBytes(file), name, DocumentIntake.FOLDER,
                    null);
            move(file, "done");
            return outcome.created() ? Taken.ACCEPTED : Taken.DUPLICATE;
        } catch (DocumentRejectedException e) {
            try {
                moveRejected(file, e);
            } catch (IOException moveFailed) {
                log.warn("Rejected file {} could not be moved: {}", file, moveFailed.toString());
            }
            return Taken.REJECTED;
        } catch (DocumentStartException e) {
            // Stored; the next poll (or the background retry) starts it. The file stays until then.
            return Taken.LEFT;
        } catch (IOException | RuntimeException e) {
            log.warn("File {} in the watched folder could not be taken: {}", file, e.toString());
            return Taken.LEFT;
        }
    }

    private void moveRejected(Path file, DocumentRejectedException e) throws IOException {
        Path target = move(file, "rejected");
        Files.writeString(target.resolveSibling(target.getFileName() + ".reason.txt"),
                e.rejection().title + ": " + e.getMessage() + "\ndocumentId: " + e.document().id() + "\n",
                StandardCharsets.UTF_8);
    }

    /** Moves the file into {@code sub/}, keeping its name unless a file of that name is already there. */
    private Path move(Path file, String sub) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(sub));
        String name = file.getFileName().toString();
        Path target = folder.resolve(name);
        for (int n = 1; Files.exists(target); n++) {
            target = folder.resolve(name + "." + n);
        }
        return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
