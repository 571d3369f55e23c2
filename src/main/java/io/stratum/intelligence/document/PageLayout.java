package io.stratum.intelligence.document;

import java.util.List;

/**
 * One page. Coordinates of everything on it are PDF points (1/72 inch) from the page's top-left corner, also for OCR
 * (pixels are converted with the scan's resolution), so models see the same geometry for born-digital and scanned
 * pages.
 *
 * @param number 1-based
 * @param source where the text came from
 * @param lines  top to bottom, each left to right
 */
public record PageLayout(int number, double width, double height, Source source, List<TextLine> lines) {

    public enum Source { TEXT_LAYER, OCR }

    public PageLayout {
        lines = List.copyOf(lines);
    }
}
