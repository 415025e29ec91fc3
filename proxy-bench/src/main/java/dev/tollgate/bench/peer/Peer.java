package dev.tollgate.bench.peer;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A proxy Tollgate is measured against, started by the harness from its distribution's binary with a generated
 * configuration (issue 10: "measure it as users will check it"). Each peer knows its binary, its config file, its
 * command line and how to install it.
 */
public enum Peer {
    HAPROXY("haproxy", "haproxy.cfg") {
        @Override
        String render(PeerSetup setup) {
            return HaproxyConfig.render(setup);
        }

        @Override
        public List<String> command(Path binary, Path config, Path dir) {
            // -db: stay in the foreground, so the harness owns the process and its CPU time
            return List.of(binary.toString(), "-db", "-f", config.toAbsolutePath().toString());
        }
    },
    NGINX("nginx", "nginx.conf") {
        @Override
        String render(PeerSetup setup) {
            return NginxConfig.render(setup);
        }

        @Override
        public List<String> command(Path binary, Path config, Path dir) {
            // -e: the error log before the config is read (else nginx tries /var/log/nginx first)
            return List.of(binary.toString(), "-p", dir.toAbsolutePath() + "/", "-e",
                    dir.toAbsolutePath().resolve("nginx-error.log").toString(), "-c",
                    config.toAbsolutePath().toString(), "-g", "daemon off;");
        }
    };

    /** Where distributions put daemons, which a non-root PATH often lacks. */
    private static final List<Path> SYSTEM_DIRS = List.of(Path.of("/usr/sbin"), Path.of("/usr/local/sbin"),
            Path.of("/sbin"));

    private final String label;
    private final String configFile;

    Peer(String label, String configFile) {
        this.label = label;
        this.configFile = configFile;
    }

    /** Parses {@code --peers haproxy,nginx} (case-insensitive, duplicates dropped, empty for none). */
    public static List<Peer> parseList(String spec) {
        Set<Peer> peers = new LinkedHashSet<>();
        for (String name : spec.split(",")) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (n.isEmpty() || n.equals("none")) {
                continue;
            }
            Peer peer = null;
            for (Peer p : values()) {
                if (p.label.equals(n)) {
                    peer = p;
                }
            }
            if (peer == null) {
                throw new IllegalArgumentException("--peers: " + name.trim() + " (expected: haproxy, nginx)");
            }
            peers.add(peer);
        }
        return List.copyOf(peers);
    }

    /** The target and process name: {@code haproxy}, {@code nginx}. */
    public String label() {
        return label;
    }

    public String configFile() {
        return configFile;
    }

    /** The configuration file's text for {@code setup}. */
    public String config(PeerSetup setup) {
        return render(setup);
    }

    abstract String render(PeerSetup setup);

    /** The command that runs this peer in the foreground on {@code config}, with its files under {@code dir}. */
    public abstract List<String> command(Path binary, Path config, Path dir);

    /** Where peers are looked for by default: {@code path} (a PATH value), then the system's sbin directories. */
    public static List<Path> defaultSearchPath(String path) {
        List<Path> dirs = new ArrayList<>(searchPath(path));
        dirs.addAll(SYSTEM_DIRS);
        return List.copyOf(dirs);
    }

    /** The directories of a PATH-like value ({@code /opt/haproxy/sbin:/usr/sbin}). */
    public static List<Path> searchPath(String path) {
        List<Path> dirs = new ArrayList<>();
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        return List.copyOf(dirs);
    }

    /** The executable in the first of {@code dirs} that has one, if any. */
    public Optional<Path> locate(List<Path> dirs) {
        return dirs.stream().map(d -> d.resolve(label)).filter(Files::isExecutable).findFirst();
    }

    /** The first line of {@code <binary> -v} (both print their version so, nginx on stderr), or "unknown". */
    public static String version(Path binary) {
        try {
            Process process = new ProcessBuilder(binary.toString(), "-v").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            String first = output.lines().findFirst().orElse("").trim();
            return first.isEmpty() ? "unknown" : first;
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** The one line printed when the binary is missing and the peer is skipped. */
    public String skipMessage() {
        return "peer " + label + ": not installed (no " + label + " in the peer search path); skipped."
                + " Install it with: apt-get install " + label + " (Debian/Ubuntu; the harness writes its config)";
    }
}
