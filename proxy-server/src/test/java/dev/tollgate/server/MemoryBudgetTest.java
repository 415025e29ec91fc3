package dev.tollgate.server;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
    @Test
    void aDefaultHeapIsPointedOut() {
        String notice = MemoryBudget.notice(List.of("-Dfoo=bar", "-XX:+UseG1GC"), 6L << 30);
        assertTrue(notice.contains("up to 6144 MiB") && notice.contains("bin/tollgate"), notice);
    }

    @Test
    void aHeapTheUserSizedIsTheirChoice() {
        for (String option : List.of("-Xmx64m", "-XX:MaxHeapSize=1g", "-XX:MaxRAMPercentage=50",
                "-XX:MaxRAM=1g")) {
            assertNull(MemoryBudget.notice(List.of("-XX:+UseSerialGC", option), 1L << 30), option);
        }
    }
}
