package dev.grove.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Who records a run: the machine, process and JVM, kept in the record for people. Never used to
 * decide whether a run is alive (containers share host names; pids mean nothing outside their
 * namespace): that is the heartbeat's job.
 */
public record RunHost(String host, long pid, String jvm) {
    public RunHost {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(jvm, "jvm");
    }

    /** This JVM. */
    public static RunHost current() {
        return new RunHost(hostName(), ProcessHandle.current().pid(),
                System.getProperty("java.vm.vendor", "?") + " " + System.getProperty("java.vm.name", "?") + " "
                        + System.getProperty("java.runtime.version", System.getProperty("java.version", "?")));
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
