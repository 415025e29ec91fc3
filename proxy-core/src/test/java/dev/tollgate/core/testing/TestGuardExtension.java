package dev.tollgate.core.testing;

import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.EndpointConfig;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.extension.EndpointExtension;
import dev.tollgate.core.extension.EndpointGuard;
import dev.tollgate.core.extension.GateRejection;
import dev.tollgate.core.extension.GuardParams;
import dev.tollgate.core.extension.GuardVerdict;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An endpoint extension for tests. Its guard reads {@code X-Guard} on each request: {@code pass} (and it adds
 * {@code X-Guarded: yes} for the backend), {@code reject-NNN}, or {@code wait}: pending until the test answers
 * through {@link #waiting}. An endpoint whose url_patterns name {@code {JWT.x}} gets each slot filled with the
 * request's {@code X-Claim} (none or an empty one: 401), as a core-only stand-in for the JWT validator.
 */
public final class TestGuardExtension implements EndpointExtension<String> {
    public static final String NAMESPACE = "test/guard";

    /** A request the guard holds: answer it on its loop. */
    public record Waiting(EventLoop loop, EndpointGuard.Listener listener) {
        public void pass() {
            loop.execute(listener::onPass);
        }

        public void reject(int status) {
            loop.execute(() -> listener.onRejected(new GateRejection(status, "test rejects with " + status)));
        }
    }

    public final LinkedBlockingQueue<Waiting> waiting = new LinkedBlockingQueue<>();
    public final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public String parse(JsonNode value, JsonPath path, ConfigProblems problems) {
        return "parsed";
    }

    @Override
    public EndpointGuard guard(EndpointConfig endpoint, String config) {
        events.add("guard " + endpoint.path());
        GuardParams slots = GuardParams.of(endpoint);
        return new EndpointGuard() {
            @Override
            public GuardVerdict check(HttpRequest request, String clientIp, String[] params) {
                String mode = request.headers().get("X-Guard", "pass");
                for (int i = 0; i < slots.size(); i++) {
                    if (!slots.set(params, i, request.headers().get("X-Claim", ""))) {
                        return GuardVerdict.reject(new GateRejection(401, "test guard: no usable X-Claim"));
                    }
                }
                if (mode.equals("pass")) {
                    request.headers().set("X-Guarded", "yes");
                    return GuardVerdict.PASS;
                }
                if (mode.startsWith("reject-")) {
                    int status = Integer.parseInt(mode.substring(7));
                    return GuardVerdict.reject(new GateRejection(status, "test rejects with " + status,
                            status == 429 ? java.util.Map.of("Retry-After", "7") : java.util.Map.of()));
                }
                return GuardVerdict.PENDING;
            }

            @Override
            public void await(HttpRequest request, String clientIp, String[] params, EventLoop loop,
                              EndpointGuard.Listener listener) {
                waiting.add(new Waiting(loop, new EndpointGuard.Listener() {
                    @Override
                    public void onPass() {
                        request.headers().set("X-Guarded", "late");
                        listener.onPass();
                    }

                    @Override
                    public void onRejected(GateRejection rejection) {
                        listener.onRejected(rejection);
                    }
                }));
            }
        };
    }
}
