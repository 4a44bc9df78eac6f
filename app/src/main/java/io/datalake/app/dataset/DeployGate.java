package io.datalake.app.dataset;

import io.datalake.core.LakeNames;
import io.datalake.core.NameCollisions;
import io.datalake.core.dataset.DatasetFile;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.dataset.DatasetValidationException;
import io.datalake.core.dataset.Problem;
import io.datalake.core.dataset.SchemaChange;
import io.datalake.registry.DatasetRegistration;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code deploy-dataset} checks against the environment's registry before it changes anything,
 * on AWS and locally alike: that the dataset's names collide with no registered dataset's (the
 * registry may hold names from before today's name rule), and that a redeploy does not break what
 * the deployed version promised its readers ({@link SchemaChange}) unless the user accepts it.
 */
public final class DeployGate {
    /** The option that accepts a breaking schema change. */
    public static final String ALLOW_BREAKING = "--allow-breaking";

    private final LakeNames names;
    private final List<DatasetRegistration> registered;

    /** @param registered every dataset of the environment's registry */
    public DeployGate(LakeNames names, List<DatasetRegistration> registered) {
        this.names = Objects.requireNonNull(names, "names");
        this.registered = List.copyOf(registered);
    }

    /**
     * Who reads the dataset: pipelines of the environment's pipelines folder that name it as an
     * input, and the datasets the registry records as made from it.
     */
    public record Downstream(List<String> pipelines, List<String> datasets) {
        public Downstream {
            pipelines = List.copyOf(pipelines);
            datasets = List.copyOf(datasets);
        }

        String describe() {
            if (pipelines.isEmpty() && datasets.isEmpty()) {
                return "no downstream pipeline or dataset is known";
            }
            List<String> parts = new ArrayList<>();
            if (!pipelines.isEmpty()) {
                parts.add("pipeline(s) reading it: " + String.join(", ", pipelines));
            }
            if (!datasets.isEmpty()) {
                parts.add("dataset(s) the registry records as made from it: " + String.join(", ", datasets));
            }
            return "affected downstream " + String.join("; ", parts);
        }
    }

    /**
     * @throws DatasetValidationException at the file's name line when the dataset collides with a
     *         registered dataset of another name, naming both
     */
    public void checkNames(DatasetFile file) {
        String name = file.spec().name();
        NameCollisions claims = new NameCollisions(names);
        registered.stream().map(DatasetRegistration::dataset).filter(d -> !d.equals(name)).forEach(claims::claim);
        claims.find(name).ifPresent(c -> {
            throw new DatasetValidationException(List.of(file.problem("name", c.message()
                    + " (registered in " + names.environment().name() + "); rename the dataset")));
        });
    }

    /** The deployed registration of the file's dataset, if it is a redeploy. */
    public Optional<DatasetRegistration> deployed(String dataset) {
        return registered.stream().filter(r -> r.dataset().equals(dataset)).findFirst();
    }

    /**
     * Classifies a redeploy's change against the registered spec; prints every change, and refuses a
     * breaking one unless {@code allowBreaking}.
     *
     * @throws DatasetValidationException with one {@code file:line:} line per breaking change and a
     *         first line naming the downstream pipelines and datasets affected
     */
    public void checkSchema(DatasetFile file, Downstream downstream, boolean allowBreaking, PrintWriter out) {
        Optional<DatasetRegistration> deployed = deployed(file.spec().name());
        if (deployed.isEmpty()) {
            return;
        }
        DatasetSpec before;
        try {
            before = DatasetFiles.parse(file.spec().name() + " (registry)", deployed.get().spec());
        } catch (DatasetValidationException e) {
            if (allowBreaking) {
                out.println("breaking change accepted: the deployed spec cannot be read to compare it ("
                        + e.problems().get(0).message() + ")");
                return;
            }
            throw new DatasetValidationException(List.of(file.problem("name", "the deployed spec of dataset '"
                    + file.spec().name() + "' cannot be read to compare the schema (" + e.problems().get(0).message()
                    + "); " + downstream.describe() + "; deploy with " + ALLOW_BREAKING + " to replace it")));
        }
        SchemaChange change = SchemaChange.between(before, file.spec());
        for (SchemaChange.Change c : change.changes()) {
            if (c.compatible()) {
                out.println("compatible change: " + c.message());
            } else if (allowBreaking) {
                out.println("breaking change accepted (" + ALLOW_BREAKING + "): " + c.message());
            }
        }
        if (change.isBreaking() && allowBreaking) {
            out.println(downstream.describe());
        }
        if (change.isBreaking() && !allowBreaking) {
            List<Problem> problems = new ArrayList<>();
            problems.add(file.problem("name", "dataset '" + file.spec().name() + "': " + change.breaking().size()
                    + " breaking change(s) to the deployed schema, refused; " + downstream.describe()
                    + "; deploy with " + ALLOW_BREAKING + " to accept"));
            change.breaking().stream().map(c -> file.problem(c.field(), "breaking: " + c.message()))
                    .sorted(java.util.Comparator.comparingInt(Problem::line)).forEach(problems::add);
            throw new DatasetValidationException(problems);
        }
    }
}
