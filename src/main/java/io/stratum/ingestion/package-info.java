/**
 * Data ingestion: REST intake, e-mail (IMAP), durable inbox, de-duplication, customer records.
 * Raw input is stored in the inbox before anything else happens to it. Never imports org.camunda.
 */
package io.stratum.ingestion;
