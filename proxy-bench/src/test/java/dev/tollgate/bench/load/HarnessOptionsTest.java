package dev.tollgate.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.bench.peer.Peer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The new flags parse as documented, and old command lines mean what they meant. */
class HarnessOptionsTest {
    private static HarnessOptions parse(String... argv) {
        return HarnessOptions.parse(argv);
    }

    @Test
    void withoutTheNewFlagsNothingNewIsStarted() {
        HarnessOptions o = parse("--rounds", "5");
        assertEquals(List.of(), o.peers());
        assertFalse(o.https());
        assertEquals(List.of(), o.payloadSweep());
        assertEquals(List.of(1024), o.payloadSizes());
        assertEquals(0, o.idleConnections());
        assertEquals(0, o.endpoints());
        assertEquals(0, o.credentialSets());
        assertTrue(o.peerSearchPath().contains(Path.of("/usr/sbin")));
    }

    @Test
    void parsesEveryScaleFlag() {
        HarnessOptions o = parse("--peers", "haproxy,nginx", "--https", "--payloads", "1024, 65536,1048576,1024",
                "--idle-connections", "10000", "--endpoints", "500", "--credential-sets", "50",
                "--peer-path", "/opt/a:/opt/b");
        assertEquals(List.of(Peer.HAPROXY, Peer.NGINX), o.peers());
        assertTrue(o.https());
        assertEquals(List.of(1024, 65536, 1048576), o.payloadSweep(), "duplicates dropped, order kept");
        assertEquals(o.payloadSweep(), o.payloadSizes());
        assertEquals(10000, o.idleConnections());
        assertEquals(500, o.endpoints());
        assertEquals(50, o.credentialSets());
        assertEquals(List.of(Path.of("/opt/a"), Path.of("/opt/b")), o.peerSearchPath());
    }

    @Test
    void refusesWhatCannotBeRun() {
        for (String[] argv : List.of(new String[] {"--peers", "envoy"}, new String[] {"--payloads", "1k"},
                new String[] {"--payloads", "-1"}, new String[] {"--credential-sets", "-1"},
                new String[] {"--idle-connections", "-5"}, new String[] {"--https", "--no-proxy"},
                new String[] {"--credential-sets", "2", "--no-proxy"}, new String[] {"--https=yes"})) {
            assertThrows(IllegalArgumentException.class, () -> parse(argv), String.join(" ", argv));
        }
    }

    @Test
    void theUsageNamesEveryNewFlag() {
        for (String flag : List.of("--peers", "--https", "--payloads", "--idle-connections", "--endpoints",
                "--credential-sets", "--peer-path")) {
            assertTrue(HarnessOptions.USAGE.contains(flag), flag);
        }
    }

    @Test
    void idleConnectionsBeyondTheFileLimitAreRefusedWithWhatToDo() {
        long[] limit = FileLimit.read();
        if (limit[0] < 0 || limit[0] == Long.MAX_VALUE) {
            return; // not Linux, or no limit: nothing to refuse
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FileLimit.require((int) Math.min(Integer.MAX_VALUE - 10_000, limit[0] + 1), 16));
        assertTrue(e.getMessage().contains("ulimit -n"), e.getMessage());
        FileLimit.require(10, 16); // a handful always fits
    }
}
