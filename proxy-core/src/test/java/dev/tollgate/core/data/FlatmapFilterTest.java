package dev.tollgate.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** krakend/flatmap's tree semantics (cases from its tree_test.go), and lura's formatter around it. */
class FlatmapFilterTest {

    @SuppressWarnings("unchecked")
    private static String run(String json, List<Map.Entry<String, List<String>>> ops) throws Exception {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> data = (Map<String, Object>) DataReader.read(b, 0, b.length);
        return new String(DataWriter.write(FlatmapFilter.of(ops).apply(data)), StandardCharsets.UTF_8);
    }

    private static Map.Entry<String, List<String>> op(String type, String... args) {
        return Map.entry(type, List.of(args));
    }

    @Test
    void moveRelabelsEmbedsAndPromotes() throws Exception {
        assertEquals("{\"b\":42}", run("{\"a\":42}", List.of(op("move", "a", "b"))));
        assertEquals("{\"a\":1,\"b\":{\"c\":42}}",
                run("{\"a\":1,\"b\":{\"a\":42}}", List.of(op("move", "b.a", "b.c"))));
        assertEquals("{\"a\":1,\"b\":{\"b\":{\"a\":{\"b\":{\"a\":{\"b\":{\"c\":42}}}}}}}",
                run("{\"a\":1,\"b\":{\"a\":42}}", List.of(op("move", "b.a", "b.b.a.b.a.b.c"))));
        assertEquals("{\"a\":1,\"b\":null,\"c\":42}",
                run("{\"a\":1,\"b\":{\"a\":42}}", List.of(op("move", "b.a", "c"))),
                "an object that lost its last field is null");
    }

    @Test
    void wildcardsWalkEveryEdge() throws Exception {
        String in = "{\"c\":42,\"b\":{\"first\":{\"c\":{\"d\":42}},\"last\":{\"m\":42,\"c\":{\"d\":42}}}}";
        assertEquals("{\"b\":{\"first\":{\"x\":{\"d\":42}},\"last\":{\"m\":42,\"x\":{\"d\":42}}},\"c\":42}",
                run(in, List.of(op("move", "b.*.c", "b.*.x"))));
        assertEquals("{\"b\":{\"first\":{\"c\":{\"b\":{\"x\":{\"d\":42}}}},\"last\":{\"c\":{\"b\":{\"x\":{\"d\":42}}},"
                + "\"m\":42}},\"c\":42}", run(in, List.of(op("move", "b.*.c", "b.*.c.b.x"))));
        assertEquals("{\"a\":[{\"aa\":1,\"b\":[{\"aa\":1,\"x\":{\"a\":1}},{\"aa\":1,\"x\":{\"a\":2}}]},"
                + "{\"aa\":1,\"b\":[{\"aa\":1,\"x\":{\"a\":1}}]}],\"tupu\":false}",
                run("{\"a\":[{\"b\":[{\"c\":{\"a\":1},\"aa\":1},{\"c\":{\"a\":2},\"aa\":1}],\"aa\":1},"
                        + "{\"b\":[{\"c\":{\"a\":1},\"aa\":1}],\"aa\":1}],\"tupu\":false}",
                        List.of(op("move", "a.*.b.*.c", "a.*.b.*.x"))));
    }

    @Test
    void delRemovesPathsAndKeepsEmptyContainers() throws Exception {
        assertEquals("{\"supu\":42,\"tupu\":false}", run("{\"supu\":42,\"tupu\":false}", List.of(op("del", "abc"))));
        assertEquals("{\"data\":[]}", run("{\"data\":[]}", List.of(op("del", "data.*.password"))));
        assertEquals("{\"data\":{}}", run("{\"data\":{}}", List.of(op("del", "data.*.password"))));
        assertEquals("{\"internal\":{\"tupu\":false},\"tupu\":false}",
                run("{\"internal\":{\"supu\":42,\"tupu\":false},\"tupu\":false}",
                        List.of(op("del", "internal.supu"))));
        assertEquals("{\"a\":[{\"y\":2},{\"y\":4}]}", run("{\"a\":[{\"x\":1,\"y\":2},{\"x\":3,\"y\":4}]}",
                List.of(op("del", "a.*.x"))));
        assertEquals("{\"a\":[\"c\"]}", run("{\"a\":[\"b\",\"c\"]}", List.of(op("del", "a.0"))),
                "a removed element's followers move up");
    }

    @Test
    void appendJoinsTwoArrays() throws Exception {
        assertEquals("{\"b\":[1,42]}", run("{\"a\":[42],\"b\":[1]}", List.of(op("append", "a", "b"))));
        assertEquals("{\"a\":1,\"b\":[1]}", run("{\"a\":1,\"b\":[1]}", List.of(op("append", "a", "b"))),
                "not two arrays: nothing happens");
    }

    @Test
    void theKrakendCeSpec() throws Exception {
        assertEquals("{\"paths\":[{\"url\":\"/c\"},{\"url\":\"/d\"}]}",
                run("{\"collection\":[{\"i\":0,\"path\":\"/c\"},{\"i\":1,\"path\":\"/d\"}]}", List.of(
                        op("move", "collection", "paths"), op("del", "paths.*.i"),
                        op("move", "paths.*.path", "paths.*.url"))));
    }

    @Test
    void takesThePlaceOfAllowDenyAndMappingInAShape() throws Exception {
        ResponseShape shape = ResponseShape.of("data", List.of("nope"), List.of(), List.of(Map.entry("a", "z")),
                "g", FlatmapFilter.of(List.of(op("move", "a", "b"))));
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) DataReader.read(
                "{\"data\":{\"a\":1,\"c\":2}}".getBytes(StandardCharsets.UTF_8), 0, 22);
        assertEquals("{\"g\":{\"b\":1,\"c\":2}}", new String(DataWriter.write(shape.apply(data)),
                StandardCharsets.UTF_8));
    }

    @Test
    void moveWithoutTwoPathsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FlatmapFilter.of(List.of(op("move", "a"))));
    }
}
