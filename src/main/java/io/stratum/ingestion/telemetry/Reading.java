package io.stratum.ingestion.telemetry;

import java.time.Instant;

/**
 * One validated sensor reading of an asset, in the units of AI4I 2020: temperatures in kelvin, rotational speed in
 * rpm, torque in Nm, tool wear in minutes. {@code sensors}, optional (null when absent), is one operating cycle's 21
 * condition-monitoring values in C-MAPSS order, the input of the remaining-life forecast.
 */
public record Reading(String assetId, Instant measuredAt, double airTemperature, double processTemperature,
                      double rotationalSpeed, double torque, double toolWear, double[] sensors) {

    /** Values per {@code sensors} array. */
    public static final int SENSORS = 21;

    /** A reading without cycle sensors. */
    public Reading(String assetId, Instant measuredAt, double airTemperature, double processTemperature,
                   double rotationalSpeed, double torque, double toolWear) {
        this(assetId, measuredAt, airTemperature, processTemperature, rotationalSpeed, torque, toolWear, null);
    }
}
