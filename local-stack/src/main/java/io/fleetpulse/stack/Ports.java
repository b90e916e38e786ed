package io.fleetpulse.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Loopback port checks: whether a port can be bound (free), whether something accepts connections
 * on it (listening), and a free port for tests. Every FleetPulse server binds 127.0.0.1 only.
 */
public final class Ports {

    /** The only interface FleetPulse servers bind. */
    public static final String HOST = "127.0.0.1";

    private static final int CONNECT_TIMEOUT_MS = 500;

    private Ports() {}

    /** Whether {@code port} on 127.0.0.1 can be bound right now. */
    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            // As the servers themselves do: a port with only TIME_WAIT connections is free.
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    public static boolean isListening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName(HOST), port), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that is free on 127.0.0.1 right now (it may be taken by the time it is used). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    /** "host:port". */
    public static String address(int port) {
        return HOST + ":" + port;
    }
}
