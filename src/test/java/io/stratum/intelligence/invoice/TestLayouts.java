package io.stratum.intelligence.invoice;

import io.stratum.intelligence.document.PdfTextLayer;
import io.stratum.intelligence.document.TextLine;

import java.util.ArrayList;
import java.util.List;

/** Hand-laid text lines for invoice layouts in tests and benchmarks. */
public final class TestLayouts {

    private TestLayouts() {
    }

    /** Words laid out left to right from x, 0.5 em per character plus a 0.4 em space ("|" jumps to x = 330). */
    public static TextLine line(double x, double y, double size, String... words) {
        List<TextLine.Word> out = new ArrayList<>();
        double at = x;
        for (String w : words) {
            if (w.equals("|")) {
                at = Math.max(at, 330);
                continue;
            }
            out.add(new TextLine.Word(w, at, y, w.length() * size * 0.5, size * 0.7));
            at += w.length() * size * 0.5 + size * 0.4;
        }
        return PdfTextLayer.line(out, 1.0);
    }
}
