package io.datalake.app.pipeline;

import io.datalake.core.LakeConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The runner in a JVM of its own, with Spark: how {@code lake run-pipeline} and
 * {@code lake convert-update} run it. Spark stays out of the CLI's own class path, where its Jackson
 * Scala module would change how jsii reads the CDK's context. The child's output is passed on line
 * by line, and its exit code is the command's.
 */
public final class RunnerProcess {
    /** The runner's build output, relative to the project folder. */
    public static final String TARGET = "pipelines/runner/target";
    /** The local runner's entry point. */
    public static final String MAIN = "io.datalake.pipelines.runner.LocalMain";
    /** Short local runs start faster with the client compiler only, as the tests do. */
    private static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final List<String> classPath;
    private final List<String> sparkFlags;

    private RunnerProcess(List<String> classPath, List<String> sparkFlags) {
        this.classPath = classPath;
        this.sparkFlags = sparkFlags;
    }

    /**
     * The runner built in a project folder.
     *
     * @throws LakeConfigException saying how to build it when it is not built
     */
    public static RunnerProcess in(Path projectDir) {
        Properties build = build();
        Path target = projectDir.resolve(TARGET);
        Path jar = target.resolve("datalake-pipelines-runner-" + build.getProperty("version") + ".jar");
        Path lib = target.resolve("local-lib");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
            throw new LakeConfigException("the pipeline runner is not built in " + target + "; build it with"
                    + " ./mvnw -q -DskipTests package");
        }
        String flags = build.getProperty("sparkJvmFlags", "");
        return new RunnerProcess(List.of(jar.toString(), lib + java.io.File.separator + "*"),
                flags.isBlank() ? List.of() : Arrays.asList(flags.trim().split("\\s+")));
    }

    /**
     * How the runner ended.
     *
     * @param code      its exit code: 0 done, 1 the run failed, 2 a user's mistake
     * @param lastError the last line it printed on stderr, {@code null} for none
     */
    public record Result(int code, String lastError) {
    }

    /** Runs the local runner with the arguments and waits for it, passing its output on. */
    public Result run(List<String> args, PrintWriter out, PrintWriter err) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(sparkFlags);
        command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, classPath), MAIN));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).start();
            String[] lastError = {null};
            Thread errors = new Thread(() -> copy(process.getErrorStream(), err, line -> lastError[0] = line), "runner-stderr");
            errors.start();
            copy(process.getInputStream(), out, line -> { });
            int code = process.waitFor();
            errors.join();
            return new Result(code, lastError[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local runner: " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the local runner ran", e);
        }
    }

    private static void copy(InputStream from, PrintWriter to, java.util.function.Consumer<String> seen) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                seen.accept(line);
                synchronized (to) {
                    to.println(line);
                    to.flush();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties build() {
        Properties properties = new Properties();
        try (InputStream in = RunnerProcess.class.getResourceAsStream("/lake-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
