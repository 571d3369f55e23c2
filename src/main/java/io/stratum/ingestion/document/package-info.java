/**
 * The document inbox: invoices (PDF, PNG, JPEG, TIFF) from upload, e-mail and a watched folder. Each file is stored
 * before it is judged ({@link io.stratum.ingestion.document.DocumentInspection}: type from the bytes, PDFBox and
 * image-header checks), refused files are kept with their reason, and each accepted file starts one invoice process
 * through the {@link io.stratum.ingestion.document.InvoiceWorkflow} port. Read access: {@link
 * io.stratum.ingestion.document.Documents}.
 */
package io.stratum.ingestion.document;
