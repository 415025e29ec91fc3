package dev.tollgate.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** lura's incrementalMergeAccumulator and combineData. */
class DataMergeTest {

    private static Map<String, Object> of(String k, Object v) {
        Map<String, Object> m = new HashMap<>();
        m.put(k, v);
        return m;
    }

    private static String json(DataMerge m) {
        return new String(DataWriter.write(m.data()), StandardCharsets.UTF_8);
    }

    @Test
    void laterArrivalsOverwriteEarlierKeys() {
        DataMerge m = new DataMerge();
        Map<String, Object> first = of("a", "first");
        first.put("b", "kept");
        m.add(first);
        m.add(of("a", "second"));
        assertEquals("{\"a\":\"second\",\"b\":\"kept\"}", json(m));
        assertTrue(m.completed());
    }

    @Test
    void aFailureMakesItIncompleteAndNothingMergedIsNoAnswer() {
        DataMerge m = new DataMerge();
        m.fail();
        assertFalse(m.merged());
        m.add(of("a", 1));
        assertTrue(m.merged());
        assertFalse(m.completed());
        DataMerge none = new DataMerge();
        none.fail();
        none.fail();
        assertFalse(none.merged());
        assertNull(none.data());
    }

    @Test
    void emptyOrNullDataIsNeverCompleted() {
        DataMerge empty = new DataMerge();
        empty.add(new HashMap<>());
        assertTrue(empty.merged());
        assertFalse(empty.completed(), "lura: len(response.Data) > 0");
        DataMerge nulls = new DataMerge();
        nulls.add(null);
        nulls.add(null);
        assertEquals("{}", json(nulls));
        assertFalse(nulls.completed());
        DataMerge nullThenData = new DataMerge();
        nullThenData.add(null);
        nullThenData.add(of("a", new RawNumber("1")));
        assertEquals("{\"a\":1}", json(nullThenData));
        assertFalse(nullThenData.completed());
    }
}
