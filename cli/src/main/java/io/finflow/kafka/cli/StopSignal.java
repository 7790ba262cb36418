package io.finflow.kafka.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM and Ctrl-C (SIGINT) as a request to stop, for long-running commands that drain, commit and
 * then exit 0 by themselves: the first signal only sets this flag (the JVM does not begin its
 * shutdown), a second one stops the process at once.
 *
 * <p>It uses {@code sun.misc.Signal} (module {@code jdk.unsupported}, present in every JDK 17+), through
 * reflection because javac flags any direct use with a warning that cannot be suppressed. Where the
 * class is missing, the JVM's default handling stays: the command then stops through its shutdown
 * hook and the exit status is the signal's (143 or 130).
 */
final class StopSignal {

    /** How long a shutdown hook (where signals cannot be handled) waits for the command to finish. */
    private static final Duration HOOK_WAIT = Duration.ofSeconds(60);

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile String signal;

    private StopSignal() {
    }

    /** Takes over SIGTERM and SIGINT for this process. */
    static StopSignal install() {
        StopSignal stop = new StopSignal();
        stop.handle("TERM", 143);
        stop.handle("INT", 130);
        return stop;
    }

    /** Sets the flag, as a signal does (for a stop decided by the command itself). */
    void request(String why) {
        signal = why;
        requested.countDown();
    }

    /** True once a stop was requested. */
    boolean requested() {
        return requested.getCount() == 0;
    }

    /** Waits up to {@code timeout} for a stop request; true once one came. */
    boolean await(Duration timeout) throws InterruptedException {
        return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Called by the command once it stopped, so that a waiting shutdown hook lets the JVM end. */
    void finished() {
        finished.countDown();
    }

    /** The signal that asked to stop ({@code TERM}, {@code INT}), or null. */
    String signal() {
        return signal;
    }

    private void handle(String name, int forcedExitCode) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            InvocationHandler onSignal = (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                    if (requested.getCount() == 0) {
                        Runtime.getRuntime().halt(forcedExitCode); // second signal: stop now
                    }
                    request(name);
                    return null;
                }
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "StopSignal(" + name + ")";
                };
            };
            Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
                    onSignal);
            Object signalObject = signalClass.getConstructor(String.class).newInstance(name);
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signalObject, handler);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Not available (or the signal is reserved): the JVM's shutdown on this signal stays.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                request(name);
                try {
                    finished.await(HOOK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }, "finflow-stop-" + name));
        }
    }
}
