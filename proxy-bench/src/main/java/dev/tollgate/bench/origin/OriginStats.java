package dev.tollgate.bench.origin;

import java.util.concurrent.atomic.LongAdder;

/** What the origin saw: requests, and how many of them carried {@code Authorization: Bearer ...}. */
final class OriginStats {
    final LongAdder requests = new LongAdder();
    final LongAdder authorized = new LongAdder();

    String json() {
        return "{\"requests\":" + requests.sum() + ",\"authorized\":" + authorized.sum() + "}";
    }
}
