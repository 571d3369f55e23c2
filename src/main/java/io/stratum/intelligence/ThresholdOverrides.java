package io.stratum.intelligence;

import java.util.OptionalDouble;

/**
 * Thresholds put in force at run time instead of the configured ones (the learning layer derives them from feedback
 * for the serving champion). Empty: the configured threshold applies.
 */
public interface ThresholdOverrides {

    OptionalDouble threshold(String model);
}
