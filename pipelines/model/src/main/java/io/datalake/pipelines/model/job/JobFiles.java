package io.datalake.pipelines.model.job;

import static io.datalake.core.dataset.YamlFields.choice;
import static io.datalake.core.dataset.YamlFields.integer;
import static io.datalake.core.dataset.YamlFields.list;
import static io.datalake.core.dataset.YamlFields.mapping;
import static io.datalake.core.dataset.YamlFields.problem;
import static io.datalake.core.dataset.YamlFields.text;

import io.datalake.core.dataset.DatasetValidationException;
import io.datalake.core.dataset.FileFields.Field;
import io.datalake.core.dataset.Messages;
import io.datalake.core.dataset.Problems;
import io.datalake.core.dataset.TextFiles;
import io.datalake.core.dataset.YamlFields;
import io.datalake.core.dataset.YamlTree;
import io.datalake.core.dataset.YamlTree.Mapping;
import io.datalake.core.dataset.YamlTree.Node;
import io.datalake.core.dataset.YamlTree.Scalar;
import io.datalake.core.dataset.YamlTree.Sequence;
import io.datalake.pipelines.model.PipelineFiles;
import io.datalake.pipelines.model.Names;
import io.datalake.pipelines.model.PipelineValidationException;
import io.datalake.pipelines.model.Schedule;
import io.datalake.pipelines.model.SourceLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads job pipelines: {@code pipelines/<name>/job.yaml}, a list of pipelines with
 * {@code dependsOn} and {@code onFailure}. Every problem is reported at once with its line, and a
 * cycle is named pipeline by pipeline.
 */
public final class JobFiles {
    /** The file that makes a folder a job pipeline. */
    public static final String JOB = "job.yaml";
    private static final String KIND = "a job file";

    static final List<Field> TOP = List.of(
            Field.optional("name"),
            Field.optional("description"),
            Field.optional("schedule"),
            Field.required("pipelines", "the pipelines to run, each with pipeline: <name>"));
    static final List<Field> STEP = List.of(
            Field.required("pipeline", "the name of a pipeline folder"),
            Field.optional("dependsOn"),
            Field.optional("onFailure"),
            Field.optional("maxRetries"));

    private JobFiles() {
    }

    /** Whether a folder is a job pipeline: it has a {@value #JOB}. */
    public static boolean isJob(Path folder) {
        return Files.isRegularFile(folder.resolve(JOB));
    }

    /**
     * Reads and validates a folder's {@value #JOB}; the job is named after the folder.
     *
     * @throws PipelineValidationException listing every problem of the file
     */
    public static JobPipeline load(Path folder) {
        Path file = folder.resolve(JOB);
        Path name = folder.toAbsolutePath().normalize().getFileName();
        try {
            return parse(name == null ? "" : name.toString(), file.toString(),
                    TextFiles.read(file, file.toString(), PipelineFiles.MAX_BYTES, KIND));
        } catch (DatasetValidationException e) {
            throw new PipelineValidationException(e.problems());
        }
    }

    /**
     * Validates a job file's text.
     *
     * @param name the job's name: its folder's name
     * @param file how problems name the file
     * @throws PipelineValidationException listing every problem of the text
     */
    public static JobPipeline parse(String name, String file, String text) {
        Problems problems = new Problems(file);
        YamlTree.Document document = YamlTree.read(text, problems, KIND);
        problems.locate(document.lines());
        YamlFields fields = new YamlFields(problems);
        Node root = document.root();
        JobPipeline job = null;
        if (root == null || (root instanceof Scalar s && s.isNothing())) {
            if (problems.isEmpty()) {
                problems.add(1, "", "the file is empty; a job file needs pipelines");
            }
        } else if (root instanceof Mapping mapping) {
            job = read(name, mapping, document, fields);
        } else {
            problems.add(root.line(), "", "a job file must be a mapping of fields such as 'pipelines:', but "
                    + root.describe() + " was given");
        }
        if (!problems.isEmpty()) {
            throw new PipelineValidationException(problems.sorted());
        }
        return job;
    }

    private static JobPipeline read(String name, Mapping root, YamlTree.Document document, YamlFields fields) {
        Problems problems = fields.problems();
        fields.checkFields(root, "", TOP);
        JobPipeline.Builder b = JobPipeline.builder().source(new SourceLines(problems.file(), document.lines()));
        fields.attempt("", () -> b.name(name));
        fields.value(root, "", "name", n -> {
            String given = text("name", n);
            if (!given.equals(name)) {
                throw problem("name", "name " + Messages.quote(given) + " must be the name of the job's folder, '" + name
                        + "' (or be left out)");
            }
        });
        fields.value(root, "", "description", n -> b.description(text("description", n)));
        fields.value(root, "", "schedule", n -> b.schedule(Schedule.parse("schedule", text("schedule", n))));
        fields.value(root, "", "pipelines", n -> {
            Sequence list = list("pipelines", n, "a list of pipelines, each with pipeline: <name>");
            for (int i = 0; i < list.items().size(); i++) {
                String path = "pipelines[" + i + "]";
                Node item = list.items().get(i);
                JobStep[] built = {null};
                fields.attempt(path, () -> built[0] = step(path, item, fields));
                if (built[0] != null && !problems.has(path)) {
                    b.step(built[0]);
                }
            }
        });
        if (!problems.isEmpty()) {
            return null;
        }
        try {
            return b.build();
        } catch (PipelineValidationException e) {
            e.problems().forEach(p -> problems.add(p.line(), p.field(), p.message()));
            return null;
        }
    }

    /** @return the step, or {@code null} when it has problems */
    private static JobStep step(String path, Node node, YamlFields fields) {
        Mapping step = mapping(path, node, "a mapping with pipeline and optionally dependsOn, onFailure, maxRetries");
        fields.checkFields(step, path, STEP);
        String[] pipeline = {null};
        List<String> dependsOn = new ArrayList<>();
        FailurePolicy[] onFailure = {JobStep.DEFAULT_ON_FAILURE};
        Integer[] retries = {null};
        fields.value(step, path, "pipeline", n -> pipeline[0] = Names.pipeline(path + ".pipeline", text(path + ".pipeline", n)));
        fields.value(step, path, "dependsOn", n -> dependsOn.addAll(names(path + ".dependsOn", n)));
        fields.value(step, path, "onFailure", n -> onFailure[0] = FailurePolicy.parse(path + ".onFailure",
                choice(path + ".onFailure", n)));
        fields.value(step, path, "maxRetries", n -> retries[0] = integer(path + ".maxRetries", n, 1, JobStep.MAX_RETRIES,
                "retries"));
        if (retries[0] != null && onFailure[0] != FailurePolicy.RETRY && !fields.problems().has(path + ".onFailure")) {
            throw problem(path + ".maxRetries", path + ".maxRetries applies only to onFailure: retry, but onFailure is "
                    + onFailure[0].id() + "; remove it");
        }
        if (fields.problems().has(path)) {
            return null;
        }
        int maxRetries = onFailure[0] == FailurePolicy.RETRY ? (retries[0] == null ? JobStep.DEFAULT_MAX_RETRIES : retries[0]) : 0;
        return new JobStep(pipeline[0], dependsOn, onFailure[0], maxRetries);
    }

    private static List<String> names(String field, Node node) {
        if (node instanceof Scalar) {
            return List.of(Names.pipeline(field, text(field, node)));
        }
        Sequence list = list(field, node, "a list of pipeline names of this job");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            names.add(Names.pipeline(field + "[" + i + "]", text(field + "[" + i + "]", list.items().get(i))));
        }
        return names;
    }

}
