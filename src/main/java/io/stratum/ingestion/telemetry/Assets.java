package io.stratum.ingestion.telemetry;

import java.util.List;
import java.util.Optional;

/** The asset records (read side), for other layers. */
public interface Assets {

    Optional<Asset> find(String id);

    List<Asset> all();
}
