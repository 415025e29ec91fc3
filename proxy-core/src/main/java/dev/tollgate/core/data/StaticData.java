package dev.tollgate.core.data;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;

/**
 * lura's static middleware ({@code proxy/static.go}): fixed data merged into the answer, its keys overwriting the
 * backends', when the strategy matches how the backends did. It runs after the merge; matched with nothing merged,
 * it makes an answer of its own (KrakenD then answers 200, flagged incomplete). Immutable and shared.
 */
public final class StaticData {
    /** When the data is added. */
    public enum Strategy {
        /** Every time. */
        ALWAYS,
        /** When no backend failed. */
        SUCCESS,
        /** When a backend failed. */
        ERRORED,
        /** When no backend failed and the answer is complete. */
        COMPLETE,
        /** When nothing merged or the answer is incomplete. */
        INCOMPLETE;

        /** lura's strategy names; an unknown one is {@link #ALWAYS}, as lura's default match is. */
        public static Strategy byName(String name) {
            return switch (name) {
                case "success" -> SUCCESS;
                case "errored" -> ERRORED;
                case "complete" -> COMPLETE;
                case "incomplete" -> INCOMPLETE;
                default -> ALWAYS;
            };
        }
    }

    private final Strategy strategy;
    private final Map<String, Object> data;

    /** @param data read-only; shared by every answer it is added to, which only read it */
    public StaticData(Strategy strategy, Map<String, Object> data) {
        this.strategy = requireNonNull(strategy, "strategy");
        this.data = requireNonNull(data, "data");
    }

    /** Adds the data to {@code merge} when the strategy matches its outcome. */
    public void apply(DataMerge merge) {
        boolean matches = switch (strategy) {
            case ALWAYS -> true;
            case SUCCESS -> !merge.failed();
            case ERRORED -> merge.failed();
            case COMPLETE -> !merge.failed() && merge.merged() && merge.complete();
            case INCOMPLETE -> !merge.merged() || !merge.complete();
        };
        if (matches) {
            Map<String, Object> target = merge.data();
            if (!merge.merged() || target == null) {
                target = new HashMap<>(data.size() + 2);
                merge.replace(target, merge.merged() && merge.complete());
            }
            target.putAll(data);
        }
    }
}
