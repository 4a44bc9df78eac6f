package io.datalake.pipelines.model;

import io.datalake.core.LakeConfigException;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.dataset.Problem;
import io.datalake.core.dataset.Spelling;
import io.datalake.pipelines.model.job.DependencyGraph;
import io.datalake.pipelines.model.job.JobFiles;
import io.datalake.pipelines.model.job.JobPipeline;
import io.datalake.pipelines.model.job.JobStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The pipelines folder of a project: every sub-folder with a {@value PipelineFiles#CONFIG} is a
 * pipeline, every one with a {@value JobFiles#JOB} a job pipeline; other folders (the runner's
 * Maven modules, a Java job's module) are left alone. Loading validates every folder and reports
 * every problem of every file at once; {@link #checkDatasets} then checks them against the
 * environment's datasets.
 */
public final class PipelineProject {
    private final Path folder;
    private final Map<String, PipelineConfig> pipelines;
    private final Map<String, JobPipeline> jobs;

    private PipelineProject(Path folder, Map<String, PipelineConfig> pipelines, Map<String, JobPipeline> jobs) {
        this.folder = folder;
        this.pipelines = pipelines;
        this.jobs = jobs;
    }

    /**
     * @throws LakeConfigException when the folder does not exist
     * @throws PipelineValidationException listing every problem of every pipeline and job, including
     *         jobs naming pipelines that do not exist and live inputs that would start each other forever
     */
    public static PipelineProject load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new LakeConfigException("pipelines folder " + folder + " does not exist");
        }
        List<Path> folders;
        try (Stream<Path> list = Files.list(folder)) {
            folders = list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Problem> problems = new ArrayList<>();
        Map<String, PipelineConfig> pipelines = new LinkedHashMap<>();
        Map<String, JobPipeline> jobs = new LinkedHashMap<>();
        for (Path dir : folders) {
            boolean pipeline = PipelineFiles.isPipeline(dir);
            boolean job = JobFiles.isJob(dir);
            try {
                if (pipeline && job) {
                    problems.add(new Problem(dir.toString(), 0, "", "the folder has both " + PipelineFiles.CONFIG + " and "
                            + JobFiles.JOB + "; a folder is a pipeline or a job pipeline, not both"));
                } else if (pipeline) {
                    PipelineConfig config = PipelineFiles.load(dir);
                    pipelines.put(config.name(), config);
                } else if (job) {
                    JobPipeline jobPipeline = JobFiles.load(dir);
                    jobs.put(jobPipeline.name(), jobPipeline);
                }
            } catch (PipelineValidationException e) {
                problems.addAll(e.problems());
            }
        }
        PipelineProject project = new PipelineProject(folder, pipelines, jobs);
        if (problems.isEmpty()) {
            problems.addAll(project.jobReferences());
            problems.addAll(project.liveLoops());
        }
        if (!problems.isEmpty()) {
            throw new PipelineValidationException(problems);
        }
        return project;
    }

    /** The folder the project was loaded from. */
    public Path folder() {
        return folder;
    }

    /** The folder of a pipeline or job. */
    public Path folderOf(String name) {
        return folder.resolve(name);
    }

    /** The pipelines, by folder name. */
    public List<PipelineConfig> pipelines() {
        return List.copyOf(pipelines.values());
    }

    public Optional<PipelineConfig> pipeline(String name) {
        return Optional.ofNullable(pipelines.get(name));
    }

    /**
     * The pipeline of that name.
     *
     * @throws LakeConfigException listing the pipelines there are, and the closest name
     */
    public PipelineConfig require(String name) {
        PipelineConfig config = pipelines.get(name);
        if (config == null) {
            String hint = Spelling.closest(name, pipelines.keySet()).map(n -> "; did you mean '" + n + "'?").orElse("");
            throw new LakeConfigException("no pipeline '" + name + "' in " + folder + hint + " (pipelines: "
                    + (pipelines.isEmpty() ? "none" : String.join(", ", pipelines.keySet())) + ")");
        }
        return config;
    }

    /** The job pipelines, by folder name. */
    public List<JobPipeline> jobs() {
        return List.copyOf(jobs.values());
    }

    /** Whether a pipeline is part of a job, which then decides when it runs. */
    public boolean inJob(String pipeline) {
        return jobs.values().stream().anyMatch(j -> j.step(pipeline).isPresent());
    }

    /**
     * Checks that every input and output names a dataset of the environment.
     *
     * @throws PipelineValidationException naming each unknown dataset at its line, with the closest known name
     */
    public void checkDatasets(Collection<DatasetSpec> datasets) {
        Set<String> known = datasets.stream().map(DatasetSpec::name).collect(Collectors.toCollection(TreeSet::new));
        List<Problem> problems = new ArrayList<>();
        for (PipelineConfig config : pipelines.values()) {
            for (PipelineInput input : config.inputs()) {
                if (!known.contains(input.dataset())) {
                    problems.add(config.problem("inputs." + input.alias(), "inputs." + input.alias() + " reads dataset '"
                            + input.dataset() + "', which is not a dataset of the environment" + hint(input.dataset(), known)));
                }
            }
            if (!known.contains(config.output().dataset())) {
                problems.add(config.problem("output.dataset", "output.dataset '" + config.output().dataset()
                        + "' is not a dataset of the environment" + hint(config.output().dataset(), known)
                        + "; add its dataset file first"));
            } else {
                tierDowngrade(config, datasets).ifPresent(problems::add);
            }
        }
        if (!problems.isEmpty()) {
            throw new PipelineValidationException(problems);
        }
    }

    /**
     * A pipeline that reads a dataset of a higher tier than its output's moves that data down a tier
     * (restricted HR data into an internal report, readable by the default reader). That is refused
     * unless the pipeline says why in {@code output.downgrade.reason}; a declared downgrade that
     * moves nothing down is refused too, so the declarations stay true.
     */
    private static Optional<Problem> tierDowngrade(PipelineConfig config, Collection<DatasetSpec> datasets) {
        Map<String, DatasetSpec> byName = datasets.stream().collect(Collectors.toMap(DatasetSpec::name, d -> d, (a, b) -> a));
        DatasetSpec output = byName.get(config.output().dataset());
        List<String> higher = new ArrayList<>();
        for (PipelineInput input : config.inputs()) {
            DatasetSpec read = byName.get(input.dataset());
            if (read != null && read.tier().compareTo(output.tier()) > 0) {
                higher.add(read.tier().id() + " dataset '" + read.name() + "' (inputs." + input.alias() + ")");
            }
        }
        if (!higher.isEmpty() && config.output().downgrade().isEmpty()) {
            return Optional.of(config.problem("output.dataset", "output.dataset '" + output.name() + "' is "
                    + output.tier().id() + ", but the pipeline reads " + String.join(", ", higher) + ": its runs would"
                    + " move that data down to the " + output.tier().id() + " tier; write to a dataset of that tier, or"
                    + " declare the downgrade with output.downgrade: {reason: ...} saying why it is safe"));
        }
        if (higher.isEmpty() && config.output().downgrade().isPresent()) {
            return Optional.of(config.problem("output.downgrade", "output.downgrade is declared, but no input is of a"
                    + " higher tier than output.dataset '" + output.name() + "' (" + output.tier().id()
                    + "); remove the declaration"));
        }
        return Optional.empty();
    }

    private static String hint(String name, Set<String> known) {
        return Spelling.closest(name, known).map(n -> "; did you mean '" + n + "'?")
                .orElse(known.isEmpty() ? " (it has none)" : " (it has " + String.join(", ", known) + ")");
    }

    private List<Problem> jobReferences() {
        List<Problem> problems = new ArrayList<>();
        for (JobPipeline job : jobs.values()) {
            List<JobStep> steps = job.steps();
            for (int i = 0; i < steps.size(); i++) {
                String pipeline = steps.get(i).pipeline();
                if (!pipelines.containsKey(pipeline)) {
                    String field = "pipelines[" + i + "].pipeline";
                    problems.add(job.problem(field, field + " '" + pipeline + "' is not a pipeline folder of " + folder
                            + hint(pipeline, pipelines.keySet())));
                }
            }
        }
        return problems;
    }

    /**
     * Live inputs chain pipelines: a pipeline runs when another writes its live input. A cycle in
     * that chain would run forever, so it is refused, naming the pipelines in it.
     */
    private List<Problem> liveLoops() {
        Map<String, List<String>> triggeredBy = new LinkedHashMap<>();
        for (PipelineConfig config : pipelines.values()) {
            List<String> writers = new ArrayList<>();
            for (PipelineInput input : config.liveInputs()) {
                pipelines.values().stream().filter(p -> p.output().dataset().equals(input.dataset()))
                        .forEach(p -> writers.add(p.name()));
            }
            triggeredBy.put(config.name(), writers);
        }
        return new DependencyGraph(triggeredBy).cycle().map(cycle -> {
            PipelineConfig first = pipelines.get(cycle.get(0));
            return List.of(first.problem("inputs", "live inputs start these pipelines in a loop: "
                    + String.join(" <- ", cycle) + " (each runs when the next writes its input), so they would run"
                    + " forever; give one of the inputs a tag such as :latest"));
        }).orElse(List.of());
    }
}
