package se.samla.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL processes that a killed run of Samla left on its data directory. A postmaster outlives a
 * JVM killed with SIGKILL, and backends outlive a killed postmaster for a moment; either one makes the
 * next start fail. They are recognised by their executable ({@code postgres}) and their working
 * directory (PostgreSQL changes into its data directory), so an unrelated process that happens to have
 * a recycled pid is never touched.
 */
final class LeftoverPostgres {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostgres.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    // backends exit by themselves once they notice their postmaster is gone; a nudge only if they do not
    private static final Duration ORPHAN_GRACE = Duration.ofSeconds(10);
    private static final Path PROC = Path.of("/proc");

    private LeftoverPostgres() {}

    /** Stops what a previous run left running on the data directory, and waits until it is gone. */
    static void stop(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return; // a clean shutdown removes the file, and no leftover process can exist without it
        }
        Optional<Long> postmasterPid = postmasterPid(pidFile);
        List<ProcessHandle> leftovers = processesOf(dataDirectory, postmasterPid);
        if (leftovers.isEmpty()) {
            // PostgreSQL removes a lock file whose process is gone by itself, but refuses to start when the
            // pid has since gone to an unrelated process; /proc has just shown that no server of ours is left
            if (Files.isDirectory(PROC.resolve("self"))
                    && postmasterPid.flatMap(ProcessHandle::of).isPresent()) {
                try {
                    Files.deleteIfExists(pidFile);
                    log.info("Removed the lock file of a PostgreSQL of a previous run that is gone: {}", pidFile);
                } catch (IOException e) {
                    // PostgreSQL's own message then names the problem
                }
            }
            return;
        }
        Optional<ProcessHandle> postmaster = leftovers.stream()
                .filter(p -> postmasterPid.isPresent() && p.pid() == postmasterPid.get())
                .findFirst();
        postmaster.ifPresent(LeftoverPostgres::fastShutdown);
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        long nudge = System.nanoTime() + ORPHAN_GRACE.toNanos();
        boolean nudged = false;
        while (leftovers.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) {
                String pids = leftovers.stream()
                        .filter(ProcessHandle::isAlive)
                        .map(p -> String.valueOf(p.pid()))
                        .reduce((a, b) -> a + " " + b)
                        .orElse("");
                throw new EmbeddedDatabaseException(
                        "PostgreSQL processes of a previous run (pid " + pids + ") still use " + dataDirectory
                                + " and did not stop within " + STOP_WAIT.toSeconds() + " s.",
                        "Stop them (kill " + pids + ") and start Samla again.",
                        null);
            }
            if (!nudged && postmaster.isEmpty() && System.nanoTime() > nudge) {
                leftovers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
                nudged = true;
            }
            sleep(100);
        }
        log.info(
                "Stopped the embedded PostgreSQL that a previous run left running on {} ({})",
                dataDirectory,
                postmaster
                        .map(p -> "postmaster pid " + p.pid())
                        .orElse(leftovers.size() + " orphaned backend(s) of a killed postmaster"));
    }

    /** The pid of the postmaster when it is still running, for waiting on it at shutdown. */
    static Optional<ProcessHandle> runningPostmaster(Path dataDirectory) {
        return postmasterPid(dataDirectory.resolve("postmaster.pid"))
                .flatMap(ProcessHandle::of)
                .filter(p -> belongsTo(p, dataDirectory));
    }

    private static Optional<Long> postmasterPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // being written or torn: PostgreSQL decides about it itself
        }
    }

    private static List<ProcessHandle> processesOf(Path dataDirectory, Optional<Long> postmasterPid) {
        if (Files.isDirectory(PROC.resolve("self"))) {
            return ProcessHandle.allProcesses()
                    .filter(p -> belongsTo(p, dataDirectory))
                    .toList();
        }
        // without /proc only the postmaster can be recognised, by the data directory on its command line
        return postmasterPid.flatMap(ProcessHandle::of).filter(p -> belongsTo(p, dataDirectory)).stream()
                .toList();
    }

    private static boolean belongsTo(ProcessHandle process, Path dataDirectory) {
        if (process.pid() == ProcessHandle.current().pid()) {
            return false;
        }
        Path proc = PROC.resolve(String.valueOf(process.pid()));
        try {
            if (Files.isDirectory(proc)) {
                Path executable = Files.readSymbolicLink(proc.resolve("exe"));
                Path workingDirectory = Files.readSymbolicLink(proc.resolve("cwd"));
                return executable.getFileName().toString().equals("postgres")
                        && Files.isSameFile(workingDirectory, dataDirectory);
            }
            return process.info().command().map(c -> c.endsWith("postgres")).orElse(false)
                    && process.info()
                            .commandLine()
                            .map(c -> c.contains(dataDirectory.toString()))
                            .orElse(false);
        } catch (IOException | SecurityException e) {
            return false; // gone meanwhile, or not ours to look at
        }
    }

    private static void fastShutdown(ProcessHandle postmaster) {
        // SIGINT is PostgreSQL's fast shutdown: it ends the sessions and writes a checkpoint; SIGTERM would
        // wait for clients that may never disconnect
        try {
            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(postmaster.pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // no kill command: fall back to SIGTERM
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        postmaster.destroy();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedDatabaseException(
                    "Interrupted while waiting for PostgreSQL of a previous run to stop.", "Start Samla again.", e);
        }
    }
}
