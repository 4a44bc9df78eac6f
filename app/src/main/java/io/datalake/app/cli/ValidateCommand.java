package io.datalake.app.cli;

import io.datalake.app.CdkConfig;
import io.datalake.app.dataset.DatasetFolder;
import io.datalake.core.LakeNames;
import io.datalake.core.dataset.DatasetFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lake validate}: checks dataset files without deploying anything, for CI: each file, and
 * all of them together, since two datasets must not collide once {@code LakeNames} turns their
 * names into tables, stacks and roles.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validate dataset files (or every .yaml below a folder) together; print every problem as file:line: message.",
                "With --env, also compare the names they take in that environment (long role names are hashed)."})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Dataset YAML files or folders of them.")
    List<Path> paths;

    @Option(names = "--env", paramLabel = "NAME", description = "Compare the names the datasets take in this environment too.")
    String env;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "cdk.json",
            description = "With --env: the cdk.json whose context holds the environments (default: ${DEFAULT-VALUE}).")
    Path config;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            files.addAll(Files.isDirectory(path) ? DatasetFolder.yamlFiles(path) : List.of(path));
        }
        LakeNames names = env == null ? null : new LakeNames(CdkConfig.read(config).environment(env));
        DatasetFolder.Checked checked = DatasetFolder.check(files, names);
        for (DatasetFile file : checked.valid()) {
            out.println("ok " + file.file() + " (dataset " + file.spec().name() + ", " + file.spec().tier().id() + ")");
        }
        checked.problems().forEach(err::println);
        int invalid = files.size() - checked.valid().size();
        if (invalid > 0) {
            err.println(invalid + " of " + files.size() + " file(s) invalid");
            return Lake.USER_ERROR;
        }
        out.println(files.size() + " file(s) valid");
        return 0;
    }
}
