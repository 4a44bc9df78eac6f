package io.datalake.pipelines.model;

import io.datalake.core.LakeConfigException;
import io.datalake.core.dataset.Column;
import io.datalake.core.dataset.Problem;
import io.datalake.core.dataset.Problems;
import io.datalake.pipelines.model.step.JoinStep;
import io.datalake.pipelines.model.step.LookupStep;
import io.datalake.pipelines.model.step.MaskStep;
import io.datalake.pipelines.model.step.MaskStrategy;
import io.datalake.pipelines.model.step.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One pipeline as its {@code pipeline_config.yaml} declares it: the dataset updates it reads, the
 * dataset it writes, and either SQL steps or a Java Spark job, with where it runs on AWS and when.
 * Validated as a whole when built and immutable afterwards; usually read with
 * {@link PipelineFiles#load}.
 */
public final class PipelineConfig {
    /** A run that takes longer is stopped: an hour suits the daily batches pipelines are for. */
    public static final int DEFAULT_TIMEOUT_MINUTES = 60;
    /** Glue's limit: 48 hours. */
    public static final int MAX_TIMEOUT_MINUTES = 2880;
    /** A failed run is not retried unless the config says so: most failures are bad data, not luck. */
    public static final int DEFAULT_RETRIES = 0;
    public static final int MAX_RETRIES = 10;

    private final String name;
    private final String description;
    private final List<PipelineInput> inputs;
    private final PipelineOutput output;
    private final List<Step> steps;
    private final SparkJobRef sparkJob;
    private final Engine engine;
    private final Schedule schedule;
    private final int timeoutMinutes;
    private final int retries;
    private final SourceLines source;

    private PipelineConfig(Builder b) {
        this.name = b.name;
        this.description = b.description;
        this.inputs = List.copyOf(b.inputs);
        this.output = b.output;
        this.steps = List.copyOf(b.steps);
        this.sparkJob = b.sparkJob;
        this.engine = b.engine;
        this.schedule = b.schedule;
        this.timeoutMinutes = b.timeoutMinutes;
        this.retries = b.retries;
        this.source = b.source;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The pipeline's name: its folder's name. It names the Glue job, the roles and the runs. */
    public String name() {
        return name;
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** The inputs, in file order; at least one. */
    public List<PipelineInput> inputs() {
        return inputs;
    }

    /** The input of that alias. */
    public Optional<PipelineInput> input(String alias) {
        return inputs.stream().filter(i -> i.alias().equals(alias)).findFirst();
    }

    /** The inputs without a tag, whose new updates start the pipeline. */
    public List<PipelineInput> liveInputs() {
        return inputs.stream().filter(PipelineInput::live).toList();
    }

    public PipelineOutput output() {
        return output;
    }

    /** The steps of a SQL pipeline, in order; empty for a Java job. */
    public List<Step> steps() {
        return steps;
    }

    /** The Java job of a Java pipeline; empty for a SQL pipeline. */
    public Optional<SparkJobRef> sparkJob() {
        return Optional.ofNullable(sparkJob);
    }

    /** The view the pipeline writes: the last step's. Empty for a Java job. */
    public Optional<String> resultView() {
        return steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(steps.size() - 1).view());
    }

    /** Whether a step masks with tokenize, which needs the environment's token key when it runs. */
    public boolean tokenizes() {
        return steps.stream().anyMatch(s -> s instanceof MaskStep m && m.strategy() == MaskStrategy.TOKENIZE);
    }

    /** @default {@link Engine#defaults()} */
    public Engine engine() {
        return engine;
    }

    /** When the pipeline runs on its own; empty when only its live inputs or a job start it. */
    public Optional<Schedule> schedule() {
        return Optional.ofNullable(schedule);
    }

    /** @default {@link #DEFAULT_TIMEOUT_MINUTES} */
    public int timeoutMinutes() {
        return timeoutMinutes;
    }

    /** How often a failed run is retried on AWS. @default {@link #DEFAULT_RETRIES} */
    public int retries() {
        return retries;
    }

    /**
     * A problem located in this config's file at the line of a field (or its nearest enclosing
     * field), for checks made after reading, such as whether the output dataset exists.
     */
    public Problem problem(String field, String message) {
        return source.problem(field, message);
    }

    @Override
    public String toString() {
        return name + " (" + inputs.size() + " input(s) -> " + output.dataset() + ", "
                + (sparkJob != null ? "job " + sparkJob.className() : steps.size() + " step(s)") + ", " + engine + ")";
    }

    /** The fields of a step that name the views it reads, in the order of {@link Step#reads()}. */
    static List<String> readFields(Step step) {
        if (step instanceof JoinStep) {
            return List.of("left", "right");
        }
        if (step instanceof LookupStep) {
            return List.of("from", "reference");
        }
        return step.reads().isEmpty() ? List.of() : List.of("from");
    }

    /**
     * Builds a {@link PipelineConfig}. {@link #build()} checks the whole and reports every problem,
     * each with the field path it concerns ({@code steps[2].join.left}), so a file reader can locate it.
     */
    public static final class Builder {
        private String name;
        private String description;
        private final List<PipelineInput> inputs = new ArrayList<>();
        private PipelineOutput output;
        private final List<Step> steps = new ArrayList<>();
        private SparkJobRef sparkJob;
        private Engine engine = Engine.defaults();
        private Schedule schedule;
        private int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
        private int retries = DEFAULT_RETRIES;
        private SourceLines source = SourceLines.NONE;

        private Builder() {
        }

        /** The pipeline's name: 3 to 63 lowercase letters, digits, '_' or '-'. Required. */
        public Builder name(String name) {
            this.name = Names.pipeline("pipeline name", name);
            return this;
        }

        /** @default none */
        public Builder description(String description) {
            this.description = description == null || description.isBlank() ? null : description.strip();
            return this;
        }

        /** Adds an input. At least one is required. */
        public Builder input(PipelineInput input) {
            inputs.add(Objects.requireNonNull(input, "input"));
            return this;
        }

        /** Required. */
        public Builder output(PipelineOutput output) {
            this.output = Objects.requireNonNull(output, "output");
            return this;
        }

        /** Adds a step; a pipeline has steps or a Spark job. */
        public Builder step(Step step) {
            steps.add(Objects.requireNonNull(step, "step"));
            return this;
        }

        /** The Java job; a pipeline has steps or a Spark job. */
        public Builder sparkJob(SparkJobRef job) {
            this.sparkJob = Objects.requireNonNull(job, "sparkJob");
            return this;
        }

        /** @default {@link Engine#defaults()} */
        public Builder engine(Engine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /** @default none */
        public Builder schedule(Schedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /** @default {@link #DEFAULT_TIMEOUT_MINUTES} */
        public Builder timeoutMinutes(int minutes) {
            if (minutes < 1 || minutes > MAX_TIMEOUT_MINUTES) {
                throw new LakeConfigException("timeoutMinutes must be from 1 to " + MAX_TIMEOUT_MINUTES + ", but "
                        + minutes + " was given");
            }
            this.timeoutMinutes = minutes;
            return this;
        }

        /** @default {@link #DEFAULT_RETRIES} */
        public Builder retries(int retries) {
            if (retries < 0 || retries > MAX_RETRIES) {
                throw new LakeConfigException("retries must be from 0 to " + MAX_RETRIES + ", but " + retries
                        + " was given");
            }
            this.retries = retries;
            return this;
        }

        /** Where the config was read from and the line of each field, to locate later problems. */
        Builder source(SourceLines source) {
            this.source = source;
            return this;
        }

        /**
         * @throws PipelineValidationException listing every missing field, duplicate alias or view,
         *         step reading a view not defined before it, and live input that is also the output
         */
        public PipelineConfig build() {
            Problems problems = source.problems();
            check(problems);
            if (!problems.isEmpty()) {
                throw new PipelineValidationException(problems.sorted());
            }
            return new PipelineConfig(this);
        }

        private void check(Problems problems) {
            if (name == null) {
                problems.add("name", "missing the pipeline's name (its folder's name)");
            }
            if (inputs.isEmpty()) {
                problems.add("inputs", PipelineFields.missing("", "inputs"));
            }
            if (output == null) {
                problems.add("output", PipelineFields.missing("", "output"));
            }
            if (steps.isEmpty() && sparkJob == null) {
                problems.add("", "a pipeline needs steps (SQL files or declarative steps) or a sparkJob, but has neither");
            } else if (!steps.isEmpty() && sparkJob != null) {
                problems.add("sparkJob", "a pipeline has steps or a sparkJob, not both; move the job to its own folder");
            }
            Set<String> aliases = new HashSet<>();
            for (PipelineInput input : inputs) {
                String field = "inputs." + input.alias();
                try {
                    Column.checkName(field, input.alias());
                } catch (LakeConfigException e) {
                    problems.add(field, e.getMessage().replace(field + " must", "input alias " + field + " must"));
                }
                aliases.add(input.alias());
                if (output != null && input.live() && input.dataset().equals(output.dataset())) {
                    problems.add(field, field + " reads " + input.uri() + " live, which is the pipeline's own output:"
                            + " every run would start the next; give it a tag such as :latest");
                }
            }
            Set<String> defined = new HashSet<>(aliases);
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                String path = "steps[" + i + "]";
                List<String> reads = step.reads();
                List<String> fields = readFields(step);
                for (int r = 0; r < reads.size(); r++) {
                    String view = reads.get(r);
                    if (!defined.contains(view)) {
                        String field = path + "." + step.kind() + "." + fields.get(r);
                        problems.add(field, field + " '" + view + "' is not an input or an earlier step's view;"
                                + " it may read " + String.join(", ", sortedNames(defined)));
                    }
                }
                if (step.reads().size() == 2 && step.reads().get(0).equals(step.reads().get(1))) {
                    problems.add(path, path + " (" + step.kind() + ") reads '" + step.reads().get(0) + "' on both sides;"
                            + " join a view with itself in a SQL step, with aliases");
                }
                String view = step.view();
                if (aliases.contains(view)) {
                    problems.add(path + ".name", path + " defines view '" + view + "', which is already an input's alias;"
                            + " name the step differently");
                } else if (!defined.add(view)) {
                    problems.add(path + ".name", path + " defines view '" + view + "', which an earlier step defines"
                            + " already; name each step differently");
                }
            }
        }

        private static List<String> sortedNames(Set<String> names) {
            return names.stream().sorted().toList();
        }
    }
}
