package io.stratum.ingestion.document;

import java.time.Instant;

/**
 * A received file.
 *
 * @param mediaType detected from the bytes (application/pdf, image/png, image/jpeg, image/tiff)
 * @param sha256    hex; the same file again is the same document
 * @param channel   upload, email or folder
 * @param status    RECEIVED, STARTED or REJECTED
 * @param reason    why it was rejected, or {@code null}
 */
public record StoredDocument(String id, String fileName, String mediaType, long size, String sha256, String channel,
                             String sender, String status, String reason, String processInstanceId,
                             Instant receivedAt) {
}
