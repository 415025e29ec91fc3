package dev.tollgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void parsesRunWithConfigAndPort() throws Exception {
        CommandLine cl = CommandLine.parse(List.of("run", "-c", "krakend.json", "-p", "9000"));
        assertEquals("run", cl.command());
        assertEquals(Path.of("krakend.json"), cl.config());
        assertEquals(9000, cl.portOverride());
    }

    @Test
    void helpAndVersionSpellings() throws Exception {
        assertEquals("help", CommandLine.parse(List.of("--help")).command());
        assertEquals("help", CommandLine.parse(List.of("run", "--help")).command());
        assertEquals("version", CommandLine.parse(List.of("version")).command());
    }

    @Test
    void allowUnenforcedTakesProtectionFeaturesByCanonicalOrLegacyName() throws Exception {
        CommandLine cl = CommandLine.parse(List.of("run", "-c", "k.json", "--allow-unenforced",
                "auth/api-keys,github.com/devopsfaith/krakend-ratelimit/rate/router", "--allow-unenforced", "client_tls"));
        assertEquals(Set.of("auth/api-keys", "github.com/devopsfaith/krakend-ratelimit/juju/router", "client_tls"),
                cl.optIn().names());
        assertEquals(Set.of(), CommandLine.parse(List.of("check", "-c", "k.json")).optIn().names());
    }

    @Test
    void allowUnenforcedRefusesWhatIsNoProtection() {
        String notProtection = assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(
                List.of("run", "-c", "k.json", "--allow-unenforced", "qos/http-cache"))).getMessage();
        assertTrue(notProtection.contains("\"qos/http-cache\" is not a protection feature"), notProtection);
        String enforced = assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(
                List.of("run", "-c", "k.json", "--allow-unenforced", "security/cors"))).getMessage();
        assertTrue(enforced.contains("\"security/cors\" is enforced by Tollgate, there is nothing to allow"), enforced);
        String unknown = assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(
                List.of("run", "-c", "k.json", "--allow-unenforced", "jwt"))).getMessage();
        assertTrue(unknown.contains("\"jwt\" is not a KrakenD feature Tollgate knows"), unknown);
        assertTrue(assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(
                List.of("run", "-c", "k.json", "--allow-unenforced", "auth/api-keys,"))).getMessage()
                .contains("empty name"));
    }

    @Test
    void usageErrorsSayWhatIsWrong() {
        assertTrue(assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(List.of("run")))
                .getMessage().contains("needs a config file"));
        assertTrue(assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(List.of("serve")))
                .getMessage().contains("unknown command"));
        assertTrue(assertThrows(CommandLine.UsageException.class,
                () -> CommandLine.parse(List.of("run", "-c", "x.json", "-p", "70000"))).getMessage().contains("port"));
        assertTrue(assertThrows(CommandLine.UsageException.class,
                () -> CommandLine.parse(List.of("check", "-c"))).getMessage().contains("needs a value"));
    }
}
