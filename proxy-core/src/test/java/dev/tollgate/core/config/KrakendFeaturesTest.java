package dev.tollgate.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The class table: lookups by name, alias and family, and the README printing the same table. */
class KrakendFeaturesTest {

    @Test
    void theReadmePrintsTheTableInCode() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String begin = "<!-- features:begin -->\n";
        int from = readme.indexOf(begin);
        int to = readme.indexOf("<!-- features:end -->");
        assertTrue(from >= 0 && to > from, "README.md lacks the features markers");
        assertEquals(KrakendFeatures.markdownTable(), readme.substring(from + begin.length(), to),
                "README.md's feature table differs from KrakendFeatures: paste 'features' output between the markers");
    }

    @Test
    void legacyNamesAreTheSameFeature() {
        assertSame(KrakendFeatures.namespace("auth/signer"),
                KrakendFeatures.namespace("github.com/devopsfaith/krakend-jose/signer"));
        assertSame(KrakendFeatures.namespace("security/bot-detector"),
                KrakendFeatures.namespace("github_com/devopsfaith/krakend-botdetector"));
    }

    /** krakend-ce's alias table (cmd/krakend-ce/main.go), minus the names Tollgate implements itself. */
    @Test
    void everyAliasKrakendCeAcceptsIsTheSameFeature() {
        String[][] aliases = {
            {"github_com/devopsfaith/krakend/transport/http/server/handler", "plugin/http-server"},
            {"github.com/devopsfaith/krakend/transport/http/client/executor", "plugin/http-client"},
            {"github.com/devopsfaith/krakend/proxy/plugin", "plugin/req-resp-modifier"},
            {"github.com/devopsfaith/krakend/proxy", "proxy"},
            {"github.com/devopsfaith/krakend-httpcache", "qos/http-cache"},
            {"github.com/devopsfaith/krakend-circuitbreaker/gobreaker", "qos/circuit-breaker"},
            {"github.com/devopsfaith/krakend-jose/signer", "auth/signer"},
            {"github_com/devopsfaith/bloomfilter", "auth/revoker"},
            {"github_com/devopsfaith/krakend-botdetector", "security/bot-detector"},
            {"github_com/devopsfaith/krakend-httpsecure", "security/http"},
            {"github.com/devopsfaith/krakend-cel", "validation/cel"},
            {"github.com/devopsfaith/krakend-jsonschema", "validation/json-schema"},
            {"github.com/devopsfaith/krakend-amqp/agent", "async/amqp"},
            {"github.com/devopsfaith/krakend-amqp/consume", "backend/amqp/consumer"},
            {"github.com/devopsfaith/krakend-amqp/produce", "backend/amqp/producer"},
            {"github.com/devopsfaith/krakend-lambda", "backend/lambda"},
            {"github.com/devopsfaith/krakend-pubsub/publisher", "backend/pubsub/publisher"},
            {"github.com/devopsfaith/krakend-pubsub/subscriber", "backend/pubsub/subscriber"},
            {"github.com/devopsfaith/krakend/transport/http/client/graphql", "backend/graphql"},
            {"github_com/devopsfaith/krakend-gelf", "telemetry/gelf"},
            {"github_com/devopsfaith/krakend-logstash", "telemetry/logstash"},
            {"github_com/letgoapp/krakend-influx", "telemetry/influx"},
            {"github_com/devopsfaith/krakend-opencensus", "telemetry/opencensus"},
            {"github.com/devopsfaith/krakend-lua/router", "modifier/lua-endpoint"},
            {"github.com/devopsfaith/krakend-lua/proxy", "modifier/lua-proxy"},
            {"github.com/devopsfaith/krakend-lua/proxy/backend", "modifier/lua-backend"},
        };
        for (String[] a : aliases) {
            KrakendFeature canonical = KrakendFeatures.namespace(a[1]);
            assertTrue(canonical != null, a[1]);
            assertSame(canonical, KrakendFeatures.namespace(a[0]), a[0]);
        }
    }

    @Test
    void namespacesTollgateImplementsAreInNoClass() {
        for (String name : KrakendFeatures.IMPLEMENTED) {
            assertNull(KrakendFeatures.namespace(name), name + " is read by Tollgate itself");
        }
        assertNull(KrakendFeatures.namespace("qos/ratelimit/router"), "not claimed by the qos/ratelimit/ family");
    }

    @Test
    void unlistedNamesAreClassedByTheirFamily() {
        assertEquals(FeatureClass.PROTECTION, KrakendFeatures.namespace("auth/validatr").featureClass());
        assertEquals(FeatureClass.PROTECTION, KrakendFeatures.namespace("security/new-thing").featureClass());
        assertEquals(FeatureClass.PROTECTION, KrakendFeatures.namespace("qos/ratelimit/router/redis").featureClass());
        assertEquals(FeatureClass.PROTECTION, KrakendFeatures.namespace("modifier/lua-whatever").featureClass());
        assertEquals(FeatureClass.HARMLESS, KrakendFeatures.namespace("telemetry/new-exporter").featureClass());
        assertNull(KrakendFeatures.namespace("my/own"), "no family: KrakenD ignores it too");
    }

    @Test
    void theOptInTakesOnlyProtections() {
        assertEquals(java.util.Set.of("auth/signer", "client_tls"),
                ProtectionOptIn.parse(" github.com/devopsfaith/krakend-jose/signer , client_tls").names());
        assertThrows(IllegalArgumentException.class, () -> ProtectionOptIn.parse("tls"), "enforced now");
        assertThrows(IllegalArgumentException.class, () -> ProtectionOptIn.parse("telemetry/metrics"));
        assertThrows(IllegalArgumentException.class, () -> ProtectionOptIn.parse("nothing"));
    }
}
