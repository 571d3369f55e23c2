package io.stratum.intelligence.document;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.PDNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the e-invoice XML a hybrid PDF carries (Factur-X, ZUGFeRD 1/2, XRechnung in a PDF): an embedded file with
 * one of the standard names, looked up in the embedded-files name tree and in the catalog's associated files
 * ({@code /AF}, PDF/A-3). Only the bytes are returned; parsing is the extractor's job.
 */
final class EmbeddedInvoiceXml {

    /** Lower-case; ZUGFeRD 1 used {@code ZUGFeRD-invoice.xml}, 2.x {@code zugferd-invoice.xml}/{@code factur-x.xml}. */
    static final Set<String> NAMES = Set.of("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml");

    private EmbeddedInvoiceXml() {
    }

    /** The XML's bytes, or {@code null} when the PDF has none. */
    static byte[] find(PDDocument document) throws IOException {
        List<PDComplexFileSpecification> files = new ArrayList<>();
        PDDocumentNameDictionary names = document.getDocumentCatalog().getNames();
        if (names != null && names.getEmbeddedFiles() != null) {
            collect(names.getEmbeddedFiles(), files);
        }
        COSBase associated = document.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.getPDFName("AF"));
        if (associated instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.getObject(i) instanceof COSDictionary dictionary) {
                    files.add(new PDComplexFileSpecification(dictionary));
                }
            }
        }
        for (PDComplexFileSpecification file : files) {
            if (isInvoiceXml(file)) {
                PDEmbeddedFile embedded = embedded(file);
                if (embedded != null) {
                    return embedded.toByteArray();
                }
            }
        }
        return null;
    }

    private static void collect(PDNameTreeNode<PDComplexFileSpecification> node, List<PDComplexFileSpecification> into)
            throws IOException {
        Map<String, PDComplexFileSpecification> entries = node.getNames();
        if (entries != null) {
            into.addAll(entries.values());
        }
        List<PDNameTreeNode<PDComplexFileSpecification>> kids = node.getKids();
        if (kids != null) {
            for (PDNameTreeNode<PDComplexFileSpecification> kid : kids) {
                collect(kid, into);
            }
        }
    }

    private static boolean isInvoiceXml(PDComplexFileSpecification file) {
        for (String name : new String[] {file.getFileUnicode(), file.getFilename(), file.getFile()}) {
            if (name != null && NAMES.contains(name.strip().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static PDEmbeddedFile embedded(PDComplexFileSpecification file) {
        PDEmbeddedFile embedded = file.getEmbeddedFileUnicode();
        return embedded != null ? embedded : file.getEmbeddedFile();
    }
}
