package org.onegrid.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a main class of the project in a JVM of its own, on the test JVM's class path, with its output in a file: for
 * tests that kill a process hard ({@link Process#destroyForcibly()} is SIGKILL, kill -9) and start it again.
 */
public final class ChildJvm {

    private ChildJvm() {}

    /**
     * @param mainClass the class whose {@code main} runs
     * @param maxHeap the JVM's -Xmx, e.g. {@code 512m}
     * @param arguments the arguments of {@code main}
     * @param output where its standard output and error go (replaced)
     */
    public static Process start(Class<?> mainClass, String maxHeap, List<String> arguments, Path output) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap,
                // Start-up speed over peak speed: a test starts such a process several times, on a machine shared with builds.
                "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }
}
