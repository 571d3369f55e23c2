package io.stratum.ingestion.document;

import org.springframework.http.HttpStatus;

/** A request to the document API that is refused before any file is involved (wrong shape, content not kept). */
class UploadShapeException extends RuntimeException {

    final HttpStatus status;
    final String title;

    UploadShapeException(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }
}
