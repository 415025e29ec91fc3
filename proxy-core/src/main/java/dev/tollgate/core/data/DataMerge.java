package dev.tollgate.core.data;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * lura's incremental merge of the backends' answers ({@code proxy/merging.go}): in the order they arrive, the first
 * good answer is the base and each later one's top-level keys overwrite it (so on a collision the last to arrive
 * wins). The result is complete only when every backend answered and none failed; with no good answer at all there
 * is nothing to render (KrakenD answers 500). One per request, on its event loop.
 */
public final class DataMerge {
    private boolean merged;
    private Map<String, Object> data;
    private boolean complete = true;
    private boolean failed;

    /** A backend's decoded and reshaped data (null: Go's nil map, from a JSON null). */
    public void add(Map<String, Object> part) {
        add(part, true);
    }

    /**
     * A part that may be incomplete: lura's detailed error of a failed backend ({@code return_error_details}) is
     * such a part, merged as data but leaving the answer incomplete.
     */
    public void add(Map<String, Object> part, boolean partComplete) {
        complete &= partComplete;
        if (!merged) {
            merged = true;
            data = part;
            return;
        }
        // lura's combineData: a nil part makes the whole incomplete and adds nothing
        if (data == null || part == null) {
            complete = false;
            if (data == null) {
                data = part == null ? new HashMap<>() : part;
            }
            return;
        }
        data.putAll(part);
    }

    /** A backend failed (status, timeout, connection, body): its part is left out. */
    public void fail() {
        complete = false;
        failed = true;
    }

    /** Whether any backend failed (lura's merge error). */
    public boolean failed() {
        return failed;
    }

    /** Whether the merged answer is complete so far (every part answered well). */
    public boolean complete() {
        return merged && complete;
    }

    /** Replaces the merged data with {@code reshaper}'s result (an endpoint's flatmap_filter). */
    public void reshape(UnaryOperator<Map<String, Object>> reshaper) {
        data = reshaper.apply(data);
    }

    /**
     * Puts data in place of what merged (static data when nothing did, or Go's nil map); {@code stillComplete}
     * false leaves the answer incomplete, as lura's fresh response is.
     */
    void replace(Map<String, Object> replacement, boolean stillComplete) {
        merged = true;
        data = replacement;
        complete = complete && stillComplete;
    }

    /** Whether any backend answered well. */
    public boolean merged() {
        return merged;
    }

    /** The merged data; null when nothing merged, or when the only part was a JSON null. */
    public Map<String, Object> data() {
        return data;
    }

    /**
     * KrakenD's {@code X-Krakend-Completed: true}: every backend answered, and the data is not empty (the endpoint
     * handler checks {@code len(response.Data) > 0}).
     */
    public boolean completed() {
        return merged && complete && data != null && !data.isEmpty();
    }
}
