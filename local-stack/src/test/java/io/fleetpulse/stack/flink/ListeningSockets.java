package io.fleetpulse.stack.flink;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The local addresses a Linux process listens on (TCP, IPv4 and IPv6), from {@code /proc}: its
 * socket inodes matched against {@code /proc/net/tcp} and {@code tcp6} entries in state LISTEN. A
 * test asserts with it that every server binds 127.0.0.1 only.
 */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    /** Addresses as {@code /proc} writes them (hex), e.g. {@code 0100007F:4E21}. */
    static List<String> of(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds =
                Files.newDirectoryStream(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String table : List.of("/proc/" + pid + "/net/tcp", "/proc/" + pid + "/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals(LISTEN) && inodes.contains(f[9])) {
                    out.add(f[1]);
                }
            }
        }
        return out;
    }

    /** Whether a {@code /proc} address is 127.0.0.1 (IPv4, or IPv4-mapped IPv6). */
    static boolean isLoopback(String address) {
        String host = address.substring(0, address.indexOf(':'));
        return host.equals("0100007F") || host.equals("0000000000000000FFFF00000100007F");
    }
}
