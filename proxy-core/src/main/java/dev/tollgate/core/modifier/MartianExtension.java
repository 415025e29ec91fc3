package dev.tollgate.core.modifier;

import dev.tollgate.core.config.BackendConfig;
import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.EndpointConfig;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.extension.BackendDecorator;
import dev.tollgate.core.extension.BackendExtension;
import io.netty.channel.ChannelPipeline;
import java.util.List;

/**
 * KrakenD's {@code modifier/martian} backend namespace, the part its client-credentials docs use (Auth0 example):
 * header modifiers on the backend request and response. Register it after client credentials so the stamped
 * {@code Authorization} wins over a modifier that sets the same header.
 */
public final class MartianExtension implements BackendExtension<MartianConfig> {
    public static final String NAMESPACE = "modifier/martian";
    /** The name krakend-martian registered before KrakenD 2.0; KrakenD's alias table still maps it. */
    public static final String LEGACY_NAMESPACE = "github.com/devopsfaith/krakend-martian";

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public List<String> aliases() {
        return List.of(LEGACY_NAMESPACE);
    }

    @Override
    public MartianConfig parse(JsonNode value, JsonPath path, ConfigProblems problems) {
        return MartianConfigParser.parse(value, path, problems);
    }

    @Override
    public BackendDecorator decorate(EndpointConfig endpoint, BackendConfig backend, MartianConfig config) {
        if (config == null || config.isEmpty()) {
            return null;
        }
        HeaderModifierHandler handler = new HeaderModifierHandler(config);
        return new BackendDecorator() {
            @Override
            public void initChannel(ChannelPipeline pipeline) {
                pipeline.addLast("martian", handler);
            }
        };
    }
}
