package dev.grove.internal;

import dev.grove.run.RunSpec;
import dev.grove.run.TrainingRun;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The machine and process a run is recorded from; host and pid let a later process tell that a
 * RUNNING run's process is gone.
 */
public record RunHost(String host, long pid, String jvm) {

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

    /** True when this is the host of {@code run} and its process no longer exists. */
    public boolean outlived(TrainingRun run) {
        RunSpec s = run.spec();
        return s.host().equals(host) && s.pid() != pid && ProcessHandle.of(s.pid()).map(p -> !p.isAlive()).orElse(true);
    }
}
