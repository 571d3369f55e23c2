package io.stratum.intelligence.document;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the text layer of a PDF as positioned lines. PDFBox finds the words; lines are rebuilt here from the words'
 * baselines, because the stripper's own line breaks follow content-stream order, which differs between generators.
 * A page without a text layer comes back with no lines; the caller decides whether to OCR it.
 */
public final class PdfTextLayer {

    private PdfTextLayer() {
    }

    /** Every page of {@code document}, in order. */
    public static List<PageLayout> read(PDDocument document) throws IOException {
        List<PageLayout> pages = new ArrayList<>();
        for (int number = 1; number <= document.getNumberOfPages(); number++) {
            pages.add(readPage(document, number));
        }
        return pages;
    }

    /** One page, 1-based. */
    public static PageLayout readPage(PDDocument document, int number) throws IOException {
        PDPage page = document.getPage(number - 1);
        PDRectangle box = page.getCropBox();
        WordCollector collector = new WordCollector();
        collector.setStartPage(number);
        collector.setEndPage(number);
        collector.getText(document);
        return new PageLayout(number, box.getWidth(), box.getHeight(), PageLayout.Source.TEXT_LAYER,
                lines(collector.words));
    }

    /** Groups words whose vertical extents mostly overlap into lines, top to bottom, then left to right. */
    static List<TextLine> lines(List<TextLine.Word> words) {
        List<TextLine.Word> byTop = new ArrayList<>(words);
        byTop.sort(Comparator.comparingDouble((TextLine.Word w) -> w.y() + w.height() / 2).thenComparingDouble(
                TextLine.Word::x));
        List<List<TextLine.Word>> groups = new ArrayList<>();
        for (TextLine.Word word : byTop) {
            List<TextLine.Word> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (last != null && sameLine(last, word)) {
                last.add(word);
            } else {
                List<TextLine.Word> line = new ArrayList<>();
                line.add(word);
                groups.add(line);
            }
        }
        List<TextLine> lines = new ArrayList<>();
        for (List<TextLine.Word> group : groups) {
            group.sort(Comparator.comparingDouble(TextLine.Word::x));
            lines.add(line(group, 1.0));
        }
        return lines;
    }

    /** A line from its words (already in reading order), box = union of the words' boxes. */
    public static TextLine line(List<TextLine.Word> words, double confidence) {
        double left = Double.MAX_VALUE, top = Double.MAX_VALUE, right = -Double.MAX_VALUE, bottom = -Double.MAX_VALUE;
        StringBuilder text = new StringBuilder();
        for (TextLine.Word word : words) {
            left = Math.min(left, word.x());
            top = Math.min(top, word.y());
            right = Math.max(right, word.x() + word.width());
            bottom = Math.max(bottom, word.y() + word.height());
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(word.text());
        }
        return new TextLine(text.toString(), left, top, right - left, bottom - top, confidence, words);
    }

    private static boolean sameLine(List<TextLine.Word> line, TextLine.Word word) {
        TextLine.Word anchor = line.get(0);
        double overlap = Math.min(anchor.y() + anchor.height(), word.y() + word.height())
                - Math.max(anchor.y(), word.y());
        return overlap >= 0.5 * Math.min(anchor.height(), word.height());
    }

    /** Collects the words PDFBox finds, with their boxes in top-left page coordinates. */
    private static final class WordCollector extends PDFTextStripper {

        final List<TextLine.Word> words = new ArrayList<>();

        WordCollector() {
            setSortByPosition(true);
        }

        @Override
        protected void writeString(String text, List<TextPosition> positions) {
            if (positions.isEmpty() || text.isBlank()) {
                return;
            }
            // A "word" from the stripper may still hold spaces the PDF drew as glyphs; split on them.
            List<TextPosition> current = new ArrayList<>();
            for (TextPosition position : positions) {
                if (position.getUnicode().isBlank()) {
                    flush(current);
                } else {
                    current.add(position);
                }
            }
            flush(current);
        }

        private void flush(List<TextPosition> glyphs) {
            if (glyphs.isEmpty()) {
                return;
            }
            StringBuilder text = new StringBuilder();
            double left = Double.MAX_VALUE, right = -Double.MAX_VALUE, top = Double.MAX_VALUE, bottom = -Double.MAX_VALUE;
            for (TextPosition glyph : glyphs) {
                text.append(glyph.getUnicode());
                double height = Math.max(glyph.getHeightDir(), 1);
                left = Math.min(left, glyph.getXDirAdj());
                right = Math.max(right, glyph.getXDirAdj() + glyph.getWidthDirAdj());
                top = Math.min(top, glyph.getYDirAdj() - height);
                bottom = Math.max(bottom, glyph.getYDirAdj());
            }
            words.add(new TextLine.Word(text.toString(), left, top, right - left, bottom - top));
            glyphs.clear();
        }
    }
}
