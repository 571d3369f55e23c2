package io.stratum.ingestion.document;

import io.stratum.ingestion.IntakeBacklog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class FolderWatcherBacklogTests {

    @TempDir
    Path dir;

    @Test
    void whileTheEngineIsTooFarBehindASettledFileWaitsInTheFolder() throws Exception {
        DocumentIntake intake = mock(DocumentIntake.class);
        IntakeBacklog backlog = mock(IntakeBacklog.class);
        when(backlog.hasRoom(IntakeBacklog.FOLDER)).thenReturn(false);
        DocumentSettings settings = new DocumentSettings(dir.resolve("data"), DataSize.ofMegabytes(1), 10, 40_000_000,
                DataSize.ofMegabytes(64), Duration.ofSeconds(30), new DocumentSettings.Retry(false, Duration.ZERO, 1),
                dir.resolve("watch").toString(), Duration.ofSeconds(1), Duration.ZERO);
        FolderWatcher watcher = new FolderWatcher(intake, settings, backlog);
        Path file = Files.createDirectories(dir.resolve("watch")).resolve("scan.pdf");
        Files.write(file, TestDocuments.pdf("waits"));
        Path second = dir.resolve("watch").resolve("scan-2.pdf");
        Files.write(second, TestDocuments.pdf("waits too"));

        assertThat(watcher.poll()).as("first sight: not settled yet")
                .isEqualTo(new FolderWatcher.PollResult(0, 0, 0, 2));
        assertThat(watcher.poll()).as("settled, but no room").isEqualTo(new FolderWatcher.PollResult(0, 0, 0, 2));
        assertThat(watcher.poll()).isEqualTo(new FolderWatcher.PollResult(0, 0, 0, 2));
        verify(intake, never()).receive(any(), anyString(), anyString(), any());
        verify(backlog, times(2)).hasRoom(IntakeBacklog.FOLDER); // asked (and counted) once per poll, not per file
        assertThat(file).exists();
        assertThat(second).exists();

        // The engine caught up: the next poll takes it
        when(backlog.hasRoom(IntakeBacklog.FOLDER)).thenReturn(true);
        when(intake.receive(any(), anyString(), eq(DocumentIntake.FOLDER), any()))
                .thenReturn(new DocumentIntake.Outcome(null, true));
        assertThat(watcher.poll()).isEqualTo(new FolderWatcher.PollResult(2, 0, 0, 0));
        assertThat(file).doesNotExist();
        assertThat(second).doesNotExist();
        assertThat(dir.resolve("watch").resolve("done").resolve("scan.pdf")).exists();
    }
}
