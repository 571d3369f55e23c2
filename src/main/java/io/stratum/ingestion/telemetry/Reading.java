package io.stratum.ingestion.telemetry;

import java.time.Instant;

/**
 * One validated sensor reading of an asset, in the units of AI4I 2020: temperatures in kelvin, rotational speed in
 * rpm, torque in Nm, tool wear in minutes.
 */
public record Reading(String assetId, Instant measuredAt, double airTemperature, double processTemperature,
                      double rotationalSpeed, double torque, double toolWear) {
}
