package io.stratum.intelligence.document;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;

/**
 * Settings of the document reader and its OCR ({@code stratum.intelligence.documents.*}).
 *
 * @param readEmbeddedXml an embedded Factur-X / ZUGFeRD / XRechnung XML is handed on as the source of truth
 * @param ocrThreads      OCR worker threads, each with its own Tesseract engine (engines are not thread-safe)
 * @param ocrLanguages    Tesseract languages, {@code +}-separated
 * @param tessdata        directory of the {@code *.traineddata} files; {@code null} = detected
 * @param renderDpi       resolution at which a PDF page without text is rendered for OCR
 * @param minTextChars    letters and digits a PDF page's text layer needs to count as usable (fewer = OCR)
 */
@Validated
@ConfigurationProperties("stratum.intelligence.documents")
public record DocumentSettings(@DefaultValue("true") boolean readEmbeddedXml,
                               @Min(1) @Max(64) @DefaultValue("2") int ocrThreads,
                               @NotBlank @DefaultValue("eng+deu") String ocrLanguages,
                               Path tessdata,
                               @Min(72) @Max(600) @DefaultValue("300") int renderDpi,
                               @Min(1) @DefaultValue("10") int minTextChars) {

    /** The shipped defaults (what application.yaml sets), for tests and benchmarks. */
    public static DocumentSettings defaults() {
        return new DocumentSettings(true, 2, "eng+deu", null, 300, 10);
    }

    public DocumentSettings withReadEmbeddedXml(boolean read) {
        return new DocumentSettings(read, ocrThreads, ocrLanguages, tessdata, renderDpi, minTextChars);
    }

    public DocumentSettings withOcrThreads(int threads) {
        return new DocumentSettings(readEmbeddedXml, threads, ocrLanguages, tessdata, renderDpi, minTextChars);
    }
}
