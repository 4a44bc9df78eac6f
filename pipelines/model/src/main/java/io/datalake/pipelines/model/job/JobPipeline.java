package io.datalake.pipelines.model.job;

import io.datalake.core.dataset.Problem;
import io.datalake.core.dataset.Problems;
import io.datalake.pipelines.model.Names;
import io.datalake.pipelines.model.PipelineValidationException;
import io.datalake.pipelines.model.Schedule;
import io.datalake.pipelines.model.SourceLines;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A job pipeline ({@code pipelines/<name>/job.yaml}): pipelines chained as a graph with
 * {@code dependsOn}, each with a failure policy, run as one Step Functions state machine on AWS.
 * Validated when built: every dependency is a pipeline of the job and the graph has no cycle.
 */
public final class JobPipeline {
    private final String name;
    private final String description;
    private final Schedule schedule;
    private final List<JobStep> steps;
    private final SourceLines source;

    private JobPipeline(Builder b) {
        this.name = b.name;
        this.description = b.description;
        this.schedule = b.schedule;
        this.steps = List.copyOf(b.steps);
        this.source = b.source;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The job's name: its folder's name. */
    public String name() {
        return name;
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** When the job runs; empty when it is only started by hand. */
    public Optional<Schedule> schedule() {
        return Optional.ofNullable(schedule);
    }

    /** The pipelines, in file order. */
    public List<JobStep> steps() {
        return steps;
    }

    /** The step of a pipeline. */
    public Optional<JobStep> step(String pipeline) {
        return steps.stream().filter(s -> s.pipeline().equals(pipeline)).findFirst();
    }

    /** The pipelines' dependency graph. */
    public DependencyGraph graph() {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        steps.forEach(s -> edges.put(s.pipeline(), s.dependsOn()));
        return new DependencyGraph(edges);
    }

    /** The pipelines in the order they can run: each level after all the levels it depends on. */
    public List<List<String>> levels() {
        return graph().levels();
    }

    /** A problem located at a field's line in the job's file, for checks made after reading. */
    public Problem problem(String field, String message) {
        return source.problem(field, message);
    }

    @Override
    public String toString() {
        return name + " (" + steps.size() + " pipeline(s))";
    }

    /** Builds a {@link JobPipeline}. */
    public static final class Builder {
        private String name;
        private String description;
        private Schedule schedule;
        private final List<JobStep> steps = new ArrayList<>();
        private SourceLines source = SourceLines.NONE;

        private Builder() {
        }

        /** The job's name: 3 to 63 lowercase letters, digits, '_' or '-'. Required. */
        public Builder name(String name) {
            this.name = Names.pipeline("job name", name);
            return this;
        }

        /** @default none */
        public Builder description(String description) {
            this.description = description == null || description.isBlank() ? null : description.strip();
            return this;
        }

        /** @default none: started by hand */
        public Builder schedule(Schedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /** Adds a pipeline; at least one is required. */
        public Builder step(JobStep step) {
            steps.add(Objects.requireNonNull(step, "step"));
            return this;
        }

        Builder source(SourceLines source) {
            this.source = source;
            return this;
        }

        /**
         * @throws PipelineValidationException when a pipeline is listed twice, depends on a
         *         pipeline that is not in the job, or the dependencies form a cycle (named)
         */
        public JobPipeline build() {
            Problems problems = source.problems();
            if (name == null) {
                problems.add("name", "missing the job's name (its folder's name)");
            }
            if (steps.isEmpty()) {
                problems.add("pipelines", "missing required field 'pipelines' (the pipelines to run, each with"
                        + " pipeline: <name>)");
            }
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < steps.size(); i++) {
                Integer earlier = index.putIfAbsent(steps.get(i).pipeline(), i);
                if (earlier != null) {
                    problems.add("pipelines[" + i + "].pipeline", "pipelines[" + i + "].pipeline '" + steps.get(i).pipeline()
                            + "' is already listed as pipelines[" + earlier + "]; list each pipeline once");
                }
            }
            for (int i = 0; i < steps.size(); i++) {
                JobStep step = steps.get(i);
                for (int d = 0; d < step.dependsOn().size(); d++) {
                    String dep = step.dependsOn().get(d);
                    String field = "pipelines[" + i + "].dependsOn[" + d + "]";
                    if (!index.containsKey(dep)) {
                        problems.add(field, field + " '" + dep + "' is not a pipeline of this job; it has "
                                + String.join(", ", index.keySet()));
                    } else if (dep.equals(step.pipeline())) {
                        problems.add(field, field + " is the pipeline itself, '" + dep + "'; a pipeline cannot wait for itself");
                    }
                }
            }
            if (problems.isEmpty()) {
                Map<String, List<String>> edges = new LinkedHashMap<>();
                steps.forEach(s -> edges.put(s.pipeline(), s.dependsOn()));
                new DependencyGraph(edges).cycle().ifPresent(cycle -> problems.add("pipelines[" + index.get(cycle.get(0))
                        + "].dependsOn", "the pipelines depend on each other in a cycle: " + String.join(" -> ", cycle)
                        + " (each depends on the next); remove one of these dependencies"));
            }
            if (!problems.isEmpty()) {
                throw new PipelineValidationException(problems.sorted());
            }
            return new JobPipeline(this);
        }
    }
}
