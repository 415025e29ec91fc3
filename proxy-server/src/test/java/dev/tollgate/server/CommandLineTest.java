package dev.tollgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
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
