package io.datalake.app.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.datalake.local.LocalCredentials;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real AWS CLI ({@code aws}, Debian's {@code awscli}) as a subprocess against a local lake: the
 * lake's credentials ({@link LocalCredentials}), its endpoint, and config and credential files of its
 * own, so nothing of the machine's AWS setup leaks in. A machine without {@code aws} fails the test.
 */
final class AwsCli {
    /** The Debian package that provides {@code aws}; {@code .ci/run} installs it. */
    static final String PACKAGE = "awscli";
    private static final long TIMEOUT_SECONDS = 300;

    private final URI endpoint;
    private final Path config;
    private final Path credentials;

    /** A command's exit code and output. */
    record Result(int exitCode, String out, String err) {
        Result ok() {
            assertThat(exitCode).as("aws exited with %d: %s", exitCode, err).isZero();
            return this;
        }
    }

    AwsCli(URI endpoint, Path folder) {
        this.endpoint = endpoint;
        String aws = executable();
        if (aws == null) {
            fail("the AWS CLI ('aws') is not on PATH: install Debian's " + PACKAGE + " package (apt-get install " + PACKAGE
                    + "), as .ci/run does");
        }
        try {
            Files.createDirectories(folder);
            config = Files.writeString(folder.resolve("config"), "[default]\nregion = us-east-1\noutput = json\n");
            credentials = Files.writeString(folder.resolve("credentials"), "[default]\naws_access_key_id = "
                    + LocalCredentials.ACCESS_KEY + "\naws_secret_access_key = " + LocalCredentials.SECRET_KEY + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code aws} on PATH, or {@code null}. */
    static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "aws");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /** Runs {@code aws --endpoint-url <lake> <args>}. */
    Result run(String... args) {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("AWS_CONFIG_FILE", config.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        env.put("AWS_ACCESS_KEY_ID", LocalCredentials.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", LocalCredentials.SECRET_KEY);
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        try {
            Path out = Files.createTempFile(config.getParent(), "out", ".txt");
            Path err = Files.createTempFile(config.getParent(), "err", ".txt");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("aws " + String.join(" ", args) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
