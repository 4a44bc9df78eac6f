package io.datalake.pipelines.model;

import io.datalake.core.LakeConfigException;
import io.datalake.core.dataset.Problem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every problem found in pipeline folders, reported together: one {@code file:line: message} line
 * per problem, in file order, ready for the CLI to print as it is (exit code 2).
 */
public class PipelineValidationException extends LakeConfigException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public PipelineValidationException(List<Problem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    private static String render(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a PipelineValidationException needs at least one problem");
        }
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }

    /** The problems, in the order of the files' lines; never empty. */
    public List<Problem> problems() {
        return problems;
    }
}
