package io.datalake.core.dataset;

import io.datalake.core.LakeConfigException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every problem found in one dataset, reported together so a user fixes a file in one round
 * instead of one error per run. Its message is one line per problem, in file order, ready for the
 * CLI to print as it is (exit code 2) or the API to return as a 400.
 */
public class DatasetValidationException extends LakeConfigException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public DatasetValidationException(List<Problem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    /** A single problem of a spec built in code. */
    static DatasetValidationException of(String field, String message) {
        return new DatasetValidationException(List.of(Problem.of(field, message)));
    }

    private static String render(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a DatasetValidationException needs at least one problem");
        }
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }

    /** The problems, in the order of the file's lines; never empty. */
    public List<Problem> problems() {
        return problems;
    }
}
