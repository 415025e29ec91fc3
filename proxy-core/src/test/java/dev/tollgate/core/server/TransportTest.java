package dev.tollgate.core.server;

import static dev.tollgate.core.testing.TestConfigs.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import dev.tollgate.core.gateway.Gateway;

import dev.tollgate.core.testing.RawHttpClient;
import dev.tollgate.core.testing.TestConfigs;
import dev.tollgate.core.testing.TestOrigin;
import io.netty.channel.epoll.Epoll;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Native epoll where the platform has it; NIO works the same (forced with {@code -Dtollgate.nio=true}). */
class TransportTest {

    @Test
    void defaultTransportIsEpollWhenAvailable() throws Exception {
        Gateway g = Gateway.start(TestConfigs.gateway().build(), List.of());
        try {
            assertEquals(Epoll.isAvailable() ? "epoll" : "nio", g.transport());
        } finally {
            g.shutdown(Duration.ofSeconds(1));
        }
    }

    @Test
    void resolvesBackendHostNamesAsynchronously() throws Exception {
        try (TestOrigin origin = TestOrigin.ok()) {
            Gateway g = Gateway.start(TestConfigs.gateway()
                    .endpoint(endpoint("/named", "http://localhost:" + origin.port(), "/by-name")).build(), List.of());
            try (RawHttpClient c = new RawHttpClient(g.port())) {
                assertEquals("ok /by-name", c.get("/named").text());
            } finally {
                g.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void proxiesOverNio() throws Exception {
        System.setProperty("tollgate.nio", "true");
        try (TestOrigin origin = TestOrigin.ok()) {
            Gateway g = Gateway.start(TestConfigs.gateway().endpoint(endpoint("/n/{x}", origin.url(), "/o/{x}"))
                    .build(), List.of());
            try (RawHttpClient c = new RawHttpClient(g.port())) {
                assertEquals("nio", g.transport());
                assertEquals("ok /o/1", c.get("/n/1").text());
                assertEquals("ok /o/2", c.get("/n/2").text());
                assertEquals(1, origin.connections.get());
            } finally {
                g.shutdown(Duration.ofSeconds(1));
            }
        } finally {
            System.clearProperty("tollgate.nio");
        }
    }
}
