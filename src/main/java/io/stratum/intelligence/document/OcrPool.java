package io.stratum.intelligence.document;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool of OCR worker threads, each with its own {@link TesseractEngine} (a shared engine crashes the JVM).
 * Engines are created on a worker's first page and closed when the pool closes. Callers from any thread submit
 * pages; at most {@code ocrThreads} are recognised at once, the rest wait in line.
 * <p>
 * Meter: {@code stratum_ocr_page_seconds} (time to recognise one page, excluding the wait for a worker).
 */
@Component
public class OcrPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OcrPool.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final DocumentSettings settings;
    private final ThreadPoolExecutor workers;
    private final ThreadLocal<TesseractEngine> engine = new ThreadLocal<>();
    private final Timer latency;
    private volatile Path tessdata;

    public OcrPool(DocumentSettings settings, MeterRegistry registry) {
        this.settings = settings;
        AtomicInteger count = new AtomicInteger();
        workers = new ThreadPoolExecutor(settings.ocrThreads(), settings.ocrThreads(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(() -> {
                try {
                    task.run();
                } finally {
                    closeEngine();
                }
            }, "stratum-ocr-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        latency = Timer.builder("stratum.ocr.page")
                .description("Time to OCR one page (recognition only, not the wait for a worker)")
                .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
                        Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(60))
                .register(registry);
        if (System.getenv("OMP_THREAD_LIMIT") == null) {
            log.warn("OMP_THREAD_LIMIT is not set: Tesseract's OpenMP threads fight the OCR pool for the cores and "
                    + "OCR runs 3-4x slower; start with OMP_THREAD_LIMIT=1 (./stratum does)");
        }
    }

    /**
     * One recognised page.
     *
     * @param width     page width in PDF points
     * @param cpuNanos  CPU time the worker spent on it (incl. Tesseract's native code)
     * @param wallNanos elapsed time of the recognition
     */
    public record OcrPage(List<TextLine> lines, double width, double height, long cpuNanos, long wallNanos) {
    }

    /** Queues a page for OCR; {@code dpi} converts its pixels to points. */
    public Future<OcrPage> submit(BufferedImage image, double dpi) {
        return workers.submit(() -> {
            long cpu = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            List<TextLine> lines = engine().recognize(image, dpi);
            long wall = System.nanoTime() - start;
            latency.record(wall, TimeUnit.NANOSECONDS);
            return new OcrPage(lines, image.getWidth() * 72.0 / dpi, image.getHeight() * 72.0 / dpi,
                    THREADS.getCurrentThreadCpuTime() - cpu, wall);
        });
    }

    /** OCR of one page, waiting for the result. */
    public OcrPage recognize(BufferedImage image, double dpi) {
        return await(submit(image, dpi));
    }

    /** The result of {@link #submit}; engine failures come out as {@link IllegalStateException}. */
    public static OcrPage await(Future<OcrPage> page) {
        try {
            return page.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for OCR", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("OCR failed: " + e.getCause(), e.getCause());
        }
    }

    boolean closed() {
        return workers.isShutdown();
    }

    public int threads() {
        return settings.ocrThreads();
    }

    private TesseractEngine engine() {
        TesseractEngine current = engine.get();
        if (current == null) {
            if (tessdata == null) {
                tessdata = TesseractEngine.tessdata(settings.tessdata(), settings.ocrLanguages());
            }
            current = new TesseractEngine(tessdata, settings.ocrLanguages());
            engine.set(current);
        }
        return current;
    }

    private void closeEngine() {
        TesseractEngine current = engine.get();
        if (current != null) {
            current.close();
            engine.remove();
        }
    }

    /** Lets queued pages finish, then closes the engines (each on its own thread). */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(60, TimeUnit.SECONDS)) {
                log.warn("OCR workers still busy after 60 s; leaving them to finish as daemon threads");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
