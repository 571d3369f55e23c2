/**
 * Action: effects on systems of record (tickets, e-mail outbox). Every action is idempotent per business key.
 * Never imports org.camunda.
 */
package io.stratum.action;
