package io.fleetpulse.stack;

import java.time.Instant;

/**
 * One process of the local stack as {@code stack.json} records it: enough to report it, to find it
 * again and to prove, before signalling it, that the PID still belongs to it.
 *
 * @param name component name, e.g. {@code kafka}, {@code gateway}
 * @param pid operating-system process id
 * @param mainClass the Java main class it was started with (part of the "is it ours" check)
 * @param address where it listens, e.g. {@code 127.0.0.1:19092} or {@code http://127.0.0.1:18088}
 * @param port its main port (checked to be listening)
 * @param extraPort a second port it holds (Kafka's controller), 0 if none
 * @param logFile its stdout/stderr
 * @param startedAt when it was started (from the OS, used to detect PID reuse)
 */
public record ComponentState(
        String name,
        long pid,
        String mainClass,
        String address,
        int port,
        int extraPort,
        String logFile,
        Instant startedAt) {}
