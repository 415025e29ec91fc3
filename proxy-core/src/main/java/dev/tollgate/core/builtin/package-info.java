/** KrakenD's reserved endpoints: {@code /__health}, {@code /__echo/*} and {@code /__debug/*}. */
package dev.tollgate.core.builtin;
