package io.stratum.ingestion.document;

import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The raw files, content-addressed: {@code <data-dir>/documents/<first two hex digits of the sha256>/<sha256>}. A file
 * is written to a temporary name, forced to disk and then renamed, so a crash never leaves a half file under its
 * final name; the same bytes again find the file already there.
 */
@Component
class DocumentFiles {

    private final Path root;

    DocumentFiles(DocumentSettings settings) {
        this.root = settings.storageDir().toAbsolutePath();
    }

    void write(String sha256, byte[] bytes) {
        Path target = path(sha256);
        try {
            if (Files.exists(target) && Files.size(target) == bytes.length) {
                return;
            }
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), sha256, ".part");
            try {
                Files.write(tmp, bytes, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store document " + sha256 + " under " + root, e);
        }
    }

    byte[] read(String sha256) {
        try {
            return Files.readAllBytes(path(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException("Document file " + sha256 + " is missing under " + root, e);
        }
    }

    private Path path(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }
}
