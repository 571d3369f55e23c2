/**
 * Bias monitoring: outcome, override and error rates per model and segment, and the four-fifths rule, as plain Java
 * over decision and feedback data (the auditor API and the retraining gate both use it). Never imports org.camunda.
 */
package io.stratum.learning.bias;
