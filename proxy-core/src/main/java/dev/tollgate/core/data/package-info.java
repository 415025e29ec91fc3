/**
 * A backend's decoded data on its way to the client, as lura's {@code map[string]interface{}}: decoded by
 * {@link dev.tollgate.core.data.DataReader} (jackson-core's streaming parser, no databind), reshaped per backend by
 * a {@link dev.tollgate.core.data.ResponseShape} (target, allow, deny, mapping, group, or a
 * {@link dev.tollgate.core.data.FlatmapFilter}), merged across backends by a {@link dev.tollgate.core.data.DataMerge},
 * completed by lura's proxy steps ({@link dev.tollgate.core.data.StaticData}, and
 * {@link dev.tollgate.core.data.SequentialParam} for a sequential chain's URLs) and written as Go's encoding/json
 * writes it by {@link dev.tollgate.core.data.DataWriter} ({@link dev.tollgate.core.data.OutputEncoding}), or as
 * KrakenD CE's xml (mxj) and yaml (goccy/go-yaml) renders write it, chosen by {@code Accept} for negotiate
 * ({@link dev.tollgate.core.data.AcceptNegotiation}). An XML backend is read by the JDK's StAX parser as mxj maps it.
 *
 * <p>The value model is plain Java, so the manipulations read like lura's: an object is a mutable
 * {@code Map<String, Object>} (order is irrelevant, the writer sorts keys as Go does), an array a
 * {@code List<Object>}, a string a {@code String}, a number a {@link dev.tollgate.core.data.RawNumber} (its text as
 * the backend wrote it, as lura's {@code UseNumber} keeps it), {@code Boolean}, and JSON null is Java {@code null}.
 * Netty-free: the backend package feeds it bytes and sends what it writes.
 */
package dev.tollgate.core.data;
