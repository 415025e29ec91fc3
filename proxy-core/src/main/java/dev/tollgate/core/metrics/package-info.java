/**
 * The gateway's Prometheus metrics: what the request and backend paths record (data points resolved once per
 * endpoint and backend, so recording is an add, never a label lookup), the callbacks that read connection and
 * extension state at scrape time, and the listener that serves the text format on a port of its own.
 */
package dev.tollgate.core.metrics;
