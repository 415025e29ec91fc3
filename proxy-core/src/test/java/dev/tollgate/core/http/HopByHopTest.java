package dev.tollgate.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;

class HopByHopTest {
    private static HttpHeaders connection(String... values) {
        HttpHeaders h = new DefaultHttpHeaders();
        for (String v : values) {
            h.add("Connection", v);
        }
        return h;
    }

    @Test
    void theUsualConnectionValuesAllocateNothingPerRequest() {
        assertSame(HopByHop.connectionTokens(connection("keep-alive")),
                HopByHop.connectionTokens(connection("Keep-Alive")));
        assertSame(HopByHop.connectionTokens(connection("close")), HopByHop.connectionTokens(connection("Close")));
        assertEquals(List.of("keep-alive"), HopByHop.connectionTokens(connection("keep-alive")));
        assertEquals(List.of("close"), HopByHop.connectionTokens(connection("close")));
        assertTrue(HopByHop.connectionTokens(connection()).isEmpty());
    }

    @Test
    void everyListedNameCountsAcrossSeveralConnectionHeaders() {
        assertEquals(List.of("keep-alive", "X-Hop", "X-Other"),
                HopByHop.connectionTokens(connection("keep-alive", "X-Hop , ,X-Other")));
        assertEquals(List.of("close", "X-Hop"), HopByHop.connectionTokens(connection("close, X-Hop")));
    }
}
