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
        assertSame(KrakendFeatures.namespace("auth/validator"),
                KrakendFeatures.namespace("github.com/devopsfaith/krakend-jose/validator"));
        assertSame(KrakendFeatures.namespace("security/cors"),
                KrakendFeatures.namespace("github_com/devopsfaith/krakend-cors"));
    }

    @Test
    void unlistedNamesAreClassedByTheirFamily() {
        assertEquals(FeatureClass.PROTECTION, KrakendFeatures.namespace("auth/validatr").featureClass());
        assertEquals(FeatureClass.PROTECTION, KrakendFeatures.namespace("security/new-thing").featureClass());
        assertEquals(FeatureClass.PROTECTION, KrakendFeatures.namespace("qos/ratelimit/router/redis").featureClass());
        assertEquals(FeatureClass.PROTECTION, KrakendFeatures.namespace("modifier/lua-whatever").featureClass());
        assertEquals(FeatureClass.HARMLESS, KrakendFeatures.namespace("telemetry/new-exporter").featureClass());
        assertEquals(FeatureClass.BEHAVIOUR, KrakendFeatures.namespace("security/cors").featureClass(),
                "CORS is the one security/ namespace that lets nothing through when absent");
        assertNull(KrakendFeatures.namespace("my/own"), "no family: KrakenD ignores it too");
    }

    @Test
    void theOptInTakesOnlyProtections() {
        assertEquals(java.util.Set.of("auth/validator", "tls"),
                ProtectionOptIn.parse(" github.com/devopsfaith/krakend-jose/validator , tls").names());
        assertThrows(IllegalArgumentException.class, () -> ProtectionOptIn.parse("telemetry/logging"));
        assertThrows(IllegalArgumentException.class, () -> ProtectionOptIn.parse("nothing"));
    }
}
