package dev.tollgate.bench.support;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * The one line a helper process prints on standard output once its socket is bound, so the harness that launched
 * it learns the port (helpers bind port 0 unless told otherwise): {@code LISTENING 127.0.0.1:41234}.
 */
public final class Listening {
    public static final String PREFIX = "LISTENING ";

    private Listening() {
    }

    public static void announce(String what, Channel serverChannel) {
        InetSocketAddress address = (InetSocketAddress) serverChannel.localAddress();
        System.out.println(PREFIX + address.getAddress().getHostAddress() + ':' + address.getPort() + ' ' + what);
        System.out.flush();
    }

    /** The port in a {@link #PREFIX} line, or -1 if the line is not one. */
    public static int parsePort(String line) {
        if (!line.startsWith(PREFIX)) {
            return -1;
        }
        String rest = line.substring(PREFIX.length());
        int space = rest.indexOf(' ');
        String hostPort = space < 0 ? rest : rest.substring(0, space);
        int colon = hostPort.lastIndexOf(':');
        try {
            return Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
