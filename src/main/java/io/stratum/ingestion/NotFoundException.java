package io.stratum.ingestion;

/** A resource of the ingestion API that does not exist. */
class NotFoundException extends RuntimeException {

    NotFoundException(String what, String id) {
        super(what + " " + id + " not found");
    }
}
