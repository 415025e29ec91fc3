package dev.tollgate.server;

import dev.tollgate.core.config.ProtectionOptIn;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parsed command line: {@code <command> [-c FILE] [-p PORT] [--log-level LEVEL]}. Flags are KrakenD's where
 * KrakenD has one ({@code -c}, {@code -p}), so the same invocation works for both.
 *
 * @param command      run, check, version or help
 * @param config       the {@code -c} file, null when not given
 * @param portOverride the {@code -p} port, or -1
 * @param logLevel     the {@code --log-level}, or null
 * @param optIn        the protection features {@code --allow-unenforced} lets Tollgate serve without
 */
record CommandLine(String command, Path config, int portOverride, String logLevel, ProtectionOptIn optIn) {

    /** @throws UsageException with a message that says what was wrong */
    static CommandLine parse(List<String> args) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("no command given");
        }
        String command = switch (args.get(0)) {
            case "run", "check", "version", "features" -> args.get(0);
            case "help", "-h", "--help" -> "help";
            case "demo" -> "demo";
            case "-v", "--version" -> "version";
            default -> throw new UsageException("unknown command \"" + args.get(0) + "\"");
        };
        Path config = null;
        int port = -1;
        String logLevel = null;
        Set<String> allowed = new LinkedHashSet<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "-c", "--config" -> config = Path.of(value(args, ++i, arg));
                case "-p", "--port" -> port = port(value(args, ++i, arg));
                case "--log-level" -> logLevel = value(args, ++i, arg);
                case "-h", "--help" -> command = "help";
                case "-d", "--debug" -> logLevel = "DEBUG";
                case "--allow-unenforced" -> allowed.addAll(optIn(value(args, ++i, arg)).names());
                default -> throw new UsageException("unknown option \"" + arg + "\"");
            }
        }
        if ((command.equals("run") || command.equals("check")) && config == null) {
            throw new UsageException("\"" + command + "\" needs a config file: " + command + " -c krakend.json");
        }
        return new CommandLine(command, config, port, logLevel, new ProtectionOptIn(allowed));
    }

    private static String value(List<String> args, int i, String flag) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(flag + " needs a value");
        }
        return args.get(i);
    }

    private static ProtectionOptIn optIn(String list) throws UsageException {
        try {
            return ProtectionOptIn.parse(list);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--allow-unenforced: " + e.getMessage() + " (see 'features' for the "
                    + "protection features)");
        }
    }

    private static int port(String text) throws UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("-p: \"" + text + "\" is not a port (expected 0..65535)");
        }
    }

    /** The command line could not be understood; the message says why. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
