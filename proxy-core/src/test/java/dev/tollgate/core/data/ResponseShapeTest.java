package dev.tollgate.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** lura's formatter rules (proxy/formatter.go and its tests): target, allow, deny, mapping, group. */
class ResponseShapeTest {
    private static final String DOC = "{\"id\":1,\"name\":\"a\",\"user\":{\"email\":\"e\",\"pw\":\"p\","
            + "\"address\":{\"city\":\"c\",\"zip\":\"z\"}},\"tags\":[{\"x\":1}],\"n\":null}";

    @SuppressWarnings("unchecked")
    private static String apply(ResponseShape shape, String json) throws Exception {
        Map<String, Object> data = (Map<String, Object>) DataReader.read(json.getBytes(StandardCharsets.UTF_8), 0,
                json.length());
        return new String(DataWriter.write(shape.apply(data)), StandardCharsets.UTF_8);
    }

    private static ResponseShape shape(String target, List<String> allow, List<String> deny,
                                       List<Map.Entry<String, String>> mapping, String group) {
        return ResponseShape.of(target, allow, deny, mapping, group);
    }

    @Test
    void allowKeepsDotPathsAndDropsEmptiedObjects() throws Exception {
        assertEquals("{\"id\":1,\"user\":{\"address\":{\"city\":\"c\"}}}",
                apply(shape(null, List.of("id", "user.address.city", "tags.x", "nothing.here"), List.of(),
                        List.of(), null), DOC));
        // an allowed path into something that is no object drops it; a leaf keeps its whole branch
        assertEquals("{\"user\":{\"address\":{\"city\":\"c\",\"zip\":\"z\"}}}",
                apply(shape(null, List.of("name.first", "user.address"), List.of(), List.of(), null), DOC));
        assertEquals("{}", apply(shape(null, List.of("missing"), List.of(), List.of(), null), DOC));
    }

    @Test
    void allowOrderDecidesBetweenAPathAndItsParent() throws Exception {
        assertEquals("{\"user\":{\"email\":\"e\"}}",
                apply(shape(null, List.of("user", "user.email"), List.of(), List.of(), null), DOC));
        assertEquals("{\"user\":{\"address\":{\"city\":\"c\",\"zip\":\"z\"},\"email\":\"e\",\"pw\":\"p\"}}",
                apply(shape(null, List.of("user.email", "user"), List.of(), List.of(), null), DOC));
    }

    @Test
    void denyRemovesDotPathsAndIsIgnoredWithAllow() throws Exception {
        assertEquals("{\"id\":1,\"n\":null,\"tags\":[{\"x\":1}],"
                + "\"user\":{\"address\":{\"zip\":\"z\"},\"email\":\"e\"}}",
                apply(shape(null, List.of(), List.of("name", "user.pw", "user.address.city", "tags.x", "no.such"),
                        List.of(), null), DOC));
        assertEquals("{\"id\":1}", apply(shape(null, List.of("id"), List.of("id"), List.of(), null), DOC));
        assertEquals("{\"id\":1,\"n\":null,\"name\":\"a\",\"tags\":[{\"x\":1}]}",
                apply(shape(null, List.of(), List.of("user", "user.pw"), List.of(), null), DOC));
    }

    @Test
    void targetThenFilterThenMappingThenGroup() throws Exception {
        assertEquals("{\"g\":{\"town\":\"c\"}}", apply(shape("user.address", List.of("city"), List.of(),
                List.of(Map.entry("city", "town.ignored")), "g"), DOC));
        assertEquals("{}", apply(shape("user.email", List.of(), List.of(), List.of(), null), DOC),
                "a target that is no object leaves no data");
        assertEquals("{\"g\":{}}", apply(shape("nope", List.of(), List.of(), List.of(), "g"), DOC));
    }

    @Test
    void mappingRenamesTopLevelKeysOnly() throws Exception {
        assertEquals("{\"identifier\":1}", apply(shape(null, List.of("id"), List.of(),
                List.of(Map.entry("id", "identifier"), Map.entry("user.email", "mail")), null), DOC));
        assertEquals("{\"name\":\"a\"}", apply(shape(null, List.of("id", "name"), List.of(),
                List.of(Map.entry("id", "id")), null), DOC), "lura drops a key mapped to itself");
    }

    @Test
    void groupWrapsNullData() throws Exception {
        assertEquals("{\"g\":null}", apply(shape(null, List.of(), List.of(), List.of(), "g"), "null"));
    }
}
