package io.stratum.intelligence.document;

import java.util.List;

/**
 * A line of text as a reader sees it: words on one baseline, in reading order. Wide gaps (table columns) stay inside
 * the line; the words keep their own boxes so a model can tell columns apart.
 *
 * @param confidence 1 for a text layer; the OCR engine's mean word confidence (0..1) for scans
 */
public record TextLine(String text, double x, double y, double width, double height, double confidence,
                       List<Word> words) {

    public TextLine {
        words = List.copyOf(words);
    }

    /** A word and its box (same coordinates as the line). */
    public record Word(String text, double x, double y, double width, double height) {
    }
}
