package io.datalake.app.cli;

import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.dataset.DatasetValidationException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lake validate}: checks dataset files without deploying anything, for CI. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate dataset files; print every problem as file:line: message.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Dataset YAML files.")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int invalid = 0;
        for (Path file : files) {
            try {
                DatasetSpec dataset = DatasetFiles.load(file);
                out.println("ok " + file + " (dataset " + dataset.name() + ", " + dataset.tier().id() + ")");
            } catch (DatasetValidationException e) {
                invalid++;
                err.println(e.getMessage());
            }
        }
        if (invalid > 0) {
            err.println(invalid + " of " + files.size() + " file(s) invalid");
            return Lake.USER_ERROR;
        }
        out.println(files.size() + " file(s) valid");
        return 0;
    }
}
