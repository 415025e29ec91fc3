package dev.tollgate.core.backend;

import static java.util.Objects.requireNonNull;

import dev.tollgate.core.data.FlatmapFilter;
import dev.tollgate.core.data.OutputEncoding;
import dev.tollgate.core.data.SequentialParam;
import dev.tollgate.core.data.StaticData;
import dev.tollgate.core.exchange.ClientConnection;
import dev.tollgate.core.exchange.ClientExchange;
import dev.tollgate.core.exchange.RequestHandler;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.AsciiString;
import java.time.Duration;
import java.util.List;

/**
 * The path of an endpoint that is not no-op (KrakenD's json, json-collection or string): every backend is called
 * at once (or, with lura's {@code sequential}, one after the other), each answer decoded and reshaped, the data
 * merged, static data added and the whole rendered ({@link DataExchange}). Immutable, shared by all event loops.
 */
public final class DataRoute implements RequestHandler {
    /** lura's merge waits 85% of the endpoint timeout for its backends, leaving the rest to answer in. */
    public static final int MERGE_TIMEOUT_PERCENT = 85;

    private final String endpoint;
    private final DataBackend[] backends;
    private final OutputEncoding output;
    private final AsciiString contentType;
    /** {@code public, max-age=N}, or null without cache_ttl. */
    private final AsciiString cacheControl;
    private final int maxBodyBytes;
    private final boolean returnsErrorMessage;
    /** Null for lura's parallel merge; else the {@code {respN_x}} values later backends' URLs take, in order. */
    private final SequentialParam[] sequential;
    private final long chainTimeoutNanos;
    /** lura's static middleware, or null. */
    private final StaticData staticData;
    /** lura's flatmap middleware on the merged answer (several backends only), or null. */
    private final FlatmapFilter mergedFlatmap;
    /** {@code concurrent_calls}: calls per backend, the first complete answer wins. */
    private final int concurrentCalls;

    /**
     * @param cacheTtl            zero for none; whole seconds as lura formats it
     * @param maxBodyBytes        the largest body buffered per backend
     * @param returnsErrorMessage {@code router.return_error_msg}: a 500 says why
     */
    public DataRoute(String endpoint, List<DataBackend> backends, OutputEncoding output, Duration cacheTtl,
                     int maxBodyBytes, boolean returnsErrorMessage) {
        this(endpoint, backends, output, cacheTtl, maxBodyBytes, returnsErrorMessage, null, Duration.ZERO, null,
                null, 1);
    }

    /**
     * @param sequential   null to call the backends at once; else they are called in order, and these
     *                     placeholders, bound after the endpoint's parameters in each backend's request builder,
     *                     are filled from the earlier answers
     * @param chainTimeout for a sequential route, the whole chain's share of the endpoint timeout
     * @param staticData   lura's static data, or null
     * @param mergedFlatmap the endpoint's flatmap_filter, applied to a merge without failures; or null
     * @param concurrentCalls calls per backend ({@code concurrent_calls}), at least 1
     */
    public DataRoute(String endpoint, List<DataBackend> backends, OutputEncoding output, Duration cacheTtl,
                     int maxBodyBytes, boolean returnsErrorMessage, List<SequentialParam> sequential,
                     Duration chainTimeout, StaticData staticData, FlatmapFilter mergedFlatmap,
                     int concurrentCalls) {
        this.endpoint = requireNonNull(endpoint, "endpoint");
        this.backends = backends.toArray(new DataBackend[0]);
        if (this.backends.length == 0) {
            throw new IllegalArgumentException("endpoint " + endpoint + ": no backend");
        }
        this.output = requireNonNull(output, "output");
        this.contentType = AsciiString.cached(output.contentType());
        long seconds = requireNonNull(cacheTtl, "cacheTtl").getSeconds();
        this.cacheControl = cacheTtl.isZero() ? null : AsciiString.cached("public, max-age=" + seconds);
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: > 0)");
        }
        this.maxBodyBytes = maxBodyBytes;
        this.returnsErrorMessage = returnsErrorMessage;
        this.sequential = sequential == null ? null : sequential.toArray(new SequentialParam[0]);
        this.chainTimeoutNanos = requireNonNull(chainTimeout, "chainTimeout").toNanos();
        if (sequential != null && chainTimeoutNanos <= 0) {
            throw new IllegalArgumentException("chainTimeout: " + chainTimeout + " (expected: > 0)");
        }
        this.staticData = staticData;
        this.mergedFlatmap = mergedFlatmap;
        if (concurrentCalls < 1) {
            throw new IllegalArgumentException("concurrentCalls: " + concurrentCalls + " (expected: >= 1)");
        }
        this.concurrentCalls = concurrentCalls;
    }

    private static final AsciiString[] NEGOTIATED_TYPES = java.util.Arrays.stream(OutputEncoding.values())
            .map(e -> AsciiString.cached(e.contentType())).toArray(AsciiString[]::new);

    /** lura's concurrent calls wait 75% of the endpoint timeout for a complete answer. */
    public static final int CONCURRENT_TIMEOUT_PERCENT = 75;

    /** The timeout each backend of an endpoint with {@code backends} backends gets, as lura gives it. */
    public static Duration backendTimeout(Duration endpointTimeout, int backends) {
        return backendTimeout(endpointTimeout, backends, 1);
    }

    /** As {@link #backendTimeout(Duration, int)}, with {@code concurrentCalls} calls per backend. */
    public static Duration backendTimeout(Duration endpointTimeout, int backends, int concurrentCalls) {
        int percent = concurrentCalls > 1 ? CONCURRENT_TIMEOUT_PERCENT
                : backends > 1 ? MERGE_TIMEOUT_PERCENT : 100;
        return Duration.ofNanos(endpointTimeout.toNanos() * percent / 100);
    }

    @Override
    public ClientExchange newExchange(ClientConnection connection, HttpRequest request, String[] params) {
        return new DataExchange(this, connection, request, params);
    }

    String endpoint() {
        return endpoint;
    }

    int size() {
        return backends.length;
    }

    DataBackend backend(int index) {
        return backends[index];
    }

    OutputEncoding output() {
        return output;
    }

    AsciiString contentType() {
        return contentType;
    }

    /** The Content-Type of {@code render} (negotiate's choice; the route's own is cached above). */
    AsciiString contentType(OutputEncoding render) {
        return render == output ? contentType : NEGOTIATED_TYPES[render.ordinal()];
    }

    AsciiString cacheControl() {
        return cacheControl;
    }

    int maxBodyBytes() {
        return maxBodyBytes;
    }

    boolean returnsErrorMessage() {
        return returnsErrorMessage;
    }

    /** Null unless the backends are called in sequence. */
    SequentialParam[] sequential() {
        return sequential;
    }

    long chainTimeoutNanos() {
        return chainTimeoutNanos;
    }

    StaticData staticData() {
        return staticData;
    }

    FlatmapFilter mergedFlatmap() {
        return mergedFlatmap;
    }

    int concurrentCalls() {
        return concurrentCalls;
    }
}
