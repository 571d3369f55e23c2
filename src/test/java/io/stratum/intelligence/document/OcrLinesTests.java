package io.stratum.intelligence.document;

import io.stratum.intelligence.document.TesseractEngine.PixelLine;
import io.stratum.intelligence.document.TesseractEngine.PixelWord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** How Tesseract's lines become rows, without Tesseract: geometry only. */
class OcrLinesTests {

    /** A word 40 px high whose top edge follows a 2° skew (slope 0.035) from y0 at x = 0. */
    private static PixelWord word(String text, int x, int y0) {
        int top = (int) Math.round(y0 + 0.035 * x);
        return new PixelWord(text, x, top, x + 200, top + 40, 90);
    }

    @Test
    void aRowSplitAtATableGapIsJoinedDespiteSkewAndNeighbouringRowsStayApart() {
        // Row 1: label at the left, amount 2,000 px to the right (70 px lower because of the skew); row 2 60 px below.
        List<PixelLine> tesseract = List.of(
                new PixelLine(List.of(word("Total", 100, 1000), word("EUR", 320, 1000)), 0.035),
                new PixelLine(List.of(word("1,469.06", 2100, 1000)), Double.NaN),
                new PixelLine(List.of(word("Payable", 100, 1060), word("within", 320, 1060)), 0.035));

        List<TextLine> lines = TesseractEngine.lines(tesseract, 72.0 / 300);

        assertThat(lines).extracting(TextLine::text).containsExactly("Total EUR 1,469.06", "Payable within");
        TextLine total = lines.get(0);
        assertThat(total.words().get(0).x()).isCloseTo(100 * 72.0 / 300, within(1e-9));
        assertThat(total.words().get(2).height()).isCloseTo(40 * 72.0 / 300, within(1e-9));
        assertThat(total.confidence()).isCloseTo(0.9, within(1e-6));
    }

    @Test
    void withoutAMeasurableSlopeRowsAreComparedAsTheyAre() {
        List<PixelLine> tesseract = List.of(
                new PixelLine(List.of(new PixelWord("b", 900, 502, 950, 540, 50)), Double.NaN),
                new PixelLine(List.of(new PixelWord("a", 100, 500, 150, 540, 100)), Double.NaN),
                new PixelLine(List.of(new PixelWord("c", 100, 300, 150, 340, 70)), Double.NaN));

        List<TextLine> lines = TesseractEngine.lines(tesseract, 1);

        assertThat(lines).extracting(TextLine::text).containsExactly("c", "a b");
        assertThat(lines.get(1).confidence()).isCloseTo(0.75, within(1e-6));
    }
}
