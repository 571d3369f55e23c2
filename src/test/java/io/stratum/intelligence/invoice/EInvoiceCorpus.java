package io.stratum.intelligence.invoice;

import java.nio.file.Files;
import java.nio.file.Path;

/** The ZUGFeRD evaluation corpus (../shared/datasets/zugferd), looked up from the project root upwards. */
public final class EInvoiceCorpus {

    private EInvoiceCorpus() {
    }

    public static Path dir() {
        for (Path p = Path.of("").toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            Path d = p.resolve("shared/datasets/zugferd");
            if (Files.exists(d.resolve("ground_truth.derived.json"))) {
                return d;
            }
        }
        return Path.of("../shared/datasets/zugferd");
    }

    public static boolean present() {
        return Files.exists(dir().resolve("ground_truth.derived.json"));
    }
}
