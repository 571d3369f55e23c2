package io.stratum.intelligence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Names for trained artefacts in the bootstrap cache: the same data and settings give the same name. */
public final class CacheKeys {

    private CacheKeys() {
    }

    /** The first 16 hex digits of the SHA-256 of {@code description} (what was trained, from what, how). */
    public static String of(String description) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(description.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
