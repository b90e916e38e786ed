package io.fleetpulse.embedded.pinot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port checks on 127.0.0.1: whether a port is free, and picking free ones. */
final class FreePorts {

    private FreePorts() {}

    /** {@code n} distinct ports that were free on 127.0.0.1 a moment ago. */
    static int[] pick(int n) {
        ServerSocket[] sockets = new ServerSocket[n];
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports on 127.0.0.1", e);
        } finally {
            for (ServerSocket s : sockets) {
                closeQuietly(s);
            }
        }
    }

    /** Whether nothing listens on {@code port} on any interface (a bind to the wildcard works). */
    static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void closeQuietly(ServerSocket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing to do: the port is released either way
            }
        }
    }
}
