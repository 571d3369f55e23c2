package io.stratum.ingestion.document;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the document inbox ({@code stratum.ingestion.documents.*}).
 *
 * @param dataDir     Stratum's data directory; the raw files go to {@code <dataDir>/documents}
 * @param maxSize     largest accepted file (413 above; such files are recorded, their bytes are not kept)
 * @param maxPages    most pages of a PDF or multi-page TIFF (413 above)
 * @param maxPixels   most pixels of an image, or of a PDF page rendered at 300 DPI for OCR: a decompression-bomb guard
 *                    checked from the header before anything is decoded (422 above)
 * @param pdfMemory   scratch memory PDFBox may use while it validates one PDF
 * @param startTimeout a document still RECEIVED this long after it arrived was left by a node that stopped; the
 *                    background restart judges and starts it
 * @param retry       background restart of documents whose workflow start failed or never happened
 * @param watchDir    folder polled for scanned files; off while empty
 * @param watchInterval delay between polls of the watched folder (read by the scheduler)
 * @param watchSettle a file is taken only when its size and modification time stayed the same over one poll and
 *                    for this long, so files a scanner is still writing are left alone
 */
@Validated
@ConfigurationProperties("stratum.ingestion.documents")
public record DocumentSettings(
        @NotNull @DefaultValue("./data") Path dataDir,
        @NotNull @DefaultValue("20MB") DataSize maxSize,
        @Positive @DefaultValue("200") int maxPages,
        @Positive @DefaultValue("40000000") long maxPixels,
        @NotNull @DefaultValue("64MB") DataSize pdfMemory,
        @NotNull @DefaultValue("PT30S") Duration startTimeout,
        @Valid @NotNull @DefaultValue Retry retry,
        @DefaultValue("") String watchDir,
        @NotNull @DefaultValue("PT10S") Duration watchInterval,
        @NotNull @DefaultValue("PT5S") Duration watchSettle) {

    /**
     * @param interval  delay between runs, and how long a failed start rests before it is tried again
     * @param batchSize documents per run
     */
    public record Retry(@DefaultValue("true") boolean enabled,
                        @NotNull @DefaultValue("PT1M") Duration interval,
                        @Positive @DefaultValue("20") int batchSize) {
    }

    Path storageDir() {
        return dataDir.resolve("documents");
    }
}
