package dev.tollgate.bench.jmh;

import dev.tollgate.core.data.BackendEncoding;
import dev.tollgate.core.data.BadDataException;
import dev.tollgate.core.data.DataMerge;
import dev.tollgate.core.data.DataWriter;
import dev.tollgate.core.data.OutputEncoding;
import dev.tollgate.core.data.ResponseShape;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a json endpoint with two backends does per request once the bodies are in: decode both (jackson streaming
 * into the data model), reshape each (a user with {@code deny} and {@code mapping}, an order list with
 * {@code is_collection} and {@code group}), merge, and render as Go's json.Marshal. {@code size} picks bodies of
 * about 1 KiB or 20 KiB each. Run with {@code -prof gc} for the allocation per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class DataPipelineBenchmark {
    @Param({"1k", "20k"})
    public String size;

    private byte[] user;
    private byte[] orders;
    private final ResponseShape userShape = ResponseShape.of(null, List.of(), List.of("password", "address.geo"),
            List.of(Map.entry("id", "user_id")), null);
    private final ResponseShape orderShape = ResponseShape.of(null, List.of(), List.of(), List.of(), "orders");

    private Map<String, Object> merged;

    @Setup
    public void setUp() throws BadDataException {
        int target = size.equals("1k") ? 1024 : 20 * 1024;
        user = user(target).getBytes(StandardCharsets.UTF_8);
        orders = orders(target).getBytes(StandardCharsets.UTF_8);
        merged = pipeline();
    }

    /** A user object padded with tags up to about {@code bytes}. */
    static String user(int bytes) {
        StringBuilder sb = new StringBuilder("{\"id\":1234,\"name\":\"Ann Example\",\"email\":\"ann@example.com\","
                + "\"password\":\"x\",\"active\":true,\"score\":98.25,\"address\":{\"street\":\"1 Main St\","
                + "\"city\":\"Oslo\",\"zip\":\"0150\",\"geo\":{\"lat\":59.91,\"lng\":10.75}},\"tags\":[");
        for (int i = 0; sb.length() < bytes - 40; i++) {
            sb.append(i == 0 ? "" : ",").append("\"tag-").append(i).append("-<html>&\"");
        }
        return sb.append("],\"note\":null}").toString();
    }

    /** An array of small order objects, about {@code bytes} long. */
    static String orders(int bytes) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; sb.length() < bytes - 120; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"order\":").append(1000 + i)
                    .append(",\"total\":").append(i).append(".99,\"status\":\"shipped\",\"items\":[")
                    .append(i % 7).append(",").append(i % 3).append("]}");
        }
        return sb.append("]").toString();
    }

    private Map<String, Object> pipeline() throws BadDataException {
        DataMerge merge = new DataMerge();
        merge.add(userShape.apply(BackendEncoding.JSON.decode(new ByteArrayInputStream(user), false)));
        merge.add(orderShape.apply(BackendEncoding.JSON.decode(new ByteArrayInputStream(orders), true)));
        return merge.data();
    }

    /** The whole of it: both bodies in, the client's body out (sized as DataExchange sizes it). */
    @Benchmark
    public DataWriter decodeShapeMergeRender() throws BadDataException {
        return OutputEncoding.JSON.render(pipeline(), user.length + orders.length + 64);
    }

    /** Decoding, shaping and merging only. */
    @Benchmark
    public Map<String, Object> decodeShapeMerge() throws BadDataException {
        return pipeline();
    }

    /** Rendering the merged data only. */
    @Benchmark
    public DataWriter render() {
        return OutputEncoding.JSON.render(merged, user.length + orders.length + 64);
    }
}
