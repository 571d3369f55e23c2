package io.stratum.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stratum.intelligence.document.DocumentSettings;
import io.stratum.intelligence.document.OcrPool;
import io.stratum.intelligence.document.ScanFixtures;
import io.stratum.intelligence.document.TextLine;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * OCR cost on generated invoice-like A4 pages scanned at 300 DPI (1–2° skew, light speckle), through the product's
 * own {@link OcrPool} (Tesseract via the raw-pixel path, one engine per thread):
 * seconds per page on one thread (CPU and wall) and pages per second with {@code --threads} workers.
 * <pre>
 * ./stratum bench ocr [--pages 8] [--threads 2] [--dpi 300]
 * </pre>
 */
class OcrBench {

    @Test
    void ocr() throws Exception {
        Map<String, String> args = BenchArgs.parse(System.getProperty("bench.args", ""));
        int count = Integer.parseInt(args.getOrDefault("pages", "8"));
        int threads = Integer.parseInt(args.getOrDefault("threads", "2"));
        int dpi = Integer.parseInt(args.getOrDefault("dpi", "300"));
        List<ScanFixtures.Invoice> invoices = new ArrayList<>();
        List<BufferedImage> pages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ScanFixtures.Invoice invoice = ScanFixtures.invoice(1000 + i);
            invoices.add(invoice);
            double skew = (i % 2 == 0 ? 1 : -1) * (1 + (i % 3) * 0.5);
            pages.add(ScanFixtures.scan(ScanFixtures.page(invoice, dpi), skew, 0.001, i));
        }
        System.out.printf(Locale.ROOT, "OCR benchmark: %d generated A4 invoice pages at %d DPI, OMP_THREAD_LIMIT=%s%n",
                count, dpi, System.getenv("OMP_THREAD_LIMIT"));

        DocumentSettings settings = DocumentSettings.defaults();
        double cpu = 0, wall = 0;
        int found = 0;
        try (OcrPool single = new OcrPool(settings.withOcrThreads(1), new SimpleMeterRegistry())) {
            single.recognize(pages.get(0), dpi); // engine start-up (language models) is not per page
            for (int i = 0; i < count; i++) {
                OcrPool.OcrPage page = single.recognize(pages.get(i), dpi);
                cpu += page.cpuNanos() / 1e9;
                wall += page.wallNanos() / 1e9;
                found += finds(page, invoices.get(i)) ? 1 : 0;
            }
        }
        double parallelWall;
        try (OcrPool pool = new OcrPool(settings.withOcrThreads(threads), new SimpleMeterRegistry())) {
            List<Future<OcrPool.OcrPage>> warm = new ArrayList<>();
            for (int t = 0; t < threads; t++) { // one page per worker so every engine is up before timing
                warm.add(pool.submit(pages.get(t % count), dpi));
            }
            for (Future<OcrPool.OcrPage> f : warm) {
                OcrPool.await(f);
            }
            long start = System.nanoTime();
            List<Future<OcrPool.OcrPage>> all = new ArrayList<>();
            for (BufferedImage page : pages) {
                all.add(pool.submit(page, dpi));
            }
            for (Future<OcrPool.OcrPage> f : all) {
                OcrPool.await(f);
            }
            parallelWall = (System.nanoTime() - start) / 1e9;
        }
        double wallPerPage = wall / count, cpuPerPage = cpu / count;
        double singlePagesPerS = count / wall, parallelPagesPerS = count / parallelWall;

        System.out.println("| measure                                  | value   |");
        System.out.println("|------------------------------------------|---------|");
        System.out.printf(Locale.ROOT, "| 1 thread: wall s per page                | %7.2f |%n", wallPerPage);
        System.out.printf(Locale.ROOT, "| 1 thread: CPU s per page                 | %7.2f |%n", cpuPerPage);
        System.out.printf(Locale.ROOT, "| 1 thread: pages/s                        | %7.3f |%n", singlePagesPerS);
        System.out.printf(Locale.ROOT, "| %d threads: pages/s                       | %7.3f |%n", threads, parallelPagesPerS);
        System.out.printf(Locale.ROOT, "| pages with number and total read right   | %3d/%-3d |%n", found, count);
        System.out.println("(shared machine: figures are noisy, compare runs on a quiet machine)");

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pages", count);
        json.put("dpi", dpi);
        json.put("threads", threads);
        json.put("omp_thread_limit", System.getenv("OMP_THREAD_LIMIT"));
        json.put("single_wall_s_per_page", wallPerPage);
        json.put("single_cpu_s_per_page", cpuPerPage);
        json.put("single_pages_per_s", singlePagesPerS);
        json.put("parallel_pages_per_s", parallelPagesPerS);
        json.put("pages_with_number_and_total", found);
        Path out = BenchArgs.path("target/bench/ocr.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, io.stratum.ServerCalls.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        System.out.printf(Locale.ROOT, "RESULT ocr pages=%d dpi=%d wall_s_per_page=%.2f cpu_s_per_page=%.2f "
                        + "pages_per_s_%dthreads=%.3f pages_per_s_1thread=%.3f found=%d/%d%n", count, dpi, wallPerPage,
                cpuPerPage, threads, parallelPagesPerS, singlePagesPerS, found, count);
    }

    private static boolean finds(OcrPool.OcrPage page, ScanFixtures.Invoice invoice) {
        String text = String.join("\n", page.lines().stream().map(TextLine::text).toList());
        return text.contains(invoice.number()) && text.contains(invoice.total());
    }
}
