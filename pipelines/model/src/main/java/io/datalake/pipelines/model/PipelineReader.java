package io.datalake.pipelines.model;

import static io.datalake.core.dataset.YamlFields.absent;
import static io.datalake.core.dataset.YamlFields.choice;
import static io.datalake.core.dataset.YamlFields.integer;
import static io.datalake.core.dataset.YamlFields.list;
import static io.datalake.core.dataset.YamlFields.mapping;
import static io.datalake.core.dataset.YamlFields.problem;
import static io.datalake.core.dataset.YamlFields.text;

import io.datalake.core.LakeConfigException;
import io.datalake.core.dataset.Column;
import io.datalake.core.dataset.DatasetValidationException;
import io.datalake.core.dataset.Messages;
import io.datalake.core.dataset.Problem;
import io.datalake.core.dataset.Problems;
import io.datalake.core.dataset.YamlFields;
import io.datalake.core.dataset.YamlTree.Mapping;
import io.datalake.core.dataset.YamlTree.Node;
import io.datalake.core.dataset.YamlTree.Scalar;
import io.datalake.core.dataset.YamlTree.Sequence;
import io.datalake.core.update.LakeUri;
import io.datalake.pipelines.model.step.AggregateStep;
import io.datalake.pipelines.model.step.DeduplicateStep;
import io.datalake.pipelines.model.step.JoinStep;
import io.datalake.pipelines.model.step.JoinType;
import io.datalake.pipelines.model.step.KeepRow;
import io.datalake.pipelines.model.step.LookupStep;
import io.datalake.pipelines.model.step.MaskStep;
import io.datalake.pipelines.model.step.MaskStrategy;
import io.datalake.pipelines.model.step.Metric;
import io.datalake.pipelines.model.step.NullOrder;
import io.datalake.pipelines.model.step.SortKey;
import io.datalake.pipelines.model.step.SortStep;
import io.datalake.pipelines.model.step.SqlStep;
import io.datalake.pipelines.model.step.SqlText;
import io.datalake.pipelines.model.step.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the YAML tree of a {@code pipeline_config.yaml} into a {@link PipelineConfig}, reading the
 * SQL files its steps name, and collecting every problem with its line instead of stopping at the
 * first. A problem that only follows from another (a step reading a view whose step was bad) is
 * left out: the whole is checked only once every part could be read.
 */
final class PipelineReader {
    /** A SQL file name: a plain relative path inside the folder. */
    private static final Pattern SQL_FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./-]*\\.sql");
    private static final Pattern JAR_FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./-]*\\.jar");
    /** {@code 01_clean_orders.sql} defines view {@code clean_orders}: numbers only order the files. */
    private static final Pattern NUMBERED = Pattern.compile("\\d+[_-](.+)");
    private static final Pattern JAVA_CLASS = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");
    private static final Pattern AS = Pattern.compile("(\\S+)\\s+(?i:as)\\s+(\\S+)");

    private final Problems problems;
    private final YamlFields fields;
    private final PipelineSource source;
    /** Problems located in other files of the folder (the SQL files). */
    private final List<Problem> elsewhere = new ArrayList<>();
    private final List<String> aliases = new ArrayList<>();

    PipelineReader(Problems problems, PipelineSource source) {
        this.problems = problems;
        this.fields = new YamlFields(problems);
        this.source = source;
    }

    /** Problems found in the folder's other files. */
    List<Problem> elsewhere() {
        return elsewhere;
    }

    /**
     * @param name the pipeline's name: its folder's name
     * @return the config, or {@code null} when there are problems (they are in {@link Problems} and {@link #elsewhere()})
     */
    PipelineConfig read(String name, Mapping root, Map<String, Integer> lines) {
        fields.checkFields(root, "", PipelineFields.PIPELINE);
        PipelineConfig.Builder b = PipelineConfig.builder().source(new SourceLines(problems.file(), lines));
        fields.attempt("", () -> b.name(name));
        fields.value(root, "", "name", n -> {
            String given = text("name", n);
            if (!given.equals(name)) {
                throw problem("name", "name " + Messages.quote(given) + " must be the name of the pipeline's folder, '"
                        + name + "' (or be left out)");
            }
        });
        fields.value(root, "", "description", n -> b.description(text("description", n)));
        fields.value(root, "", "inputs", n -> inputs(n).forEach(b::input));
        fields.value(root, "", "output", n -> output(n).ifPresent(b::output));
        fields.value(root, "", "steps", n -> steps(n).forEach(b::step));
        fields.value(root, "", "sparkJob", n -> sparkJob(n).ifPresent(b::sparkJob));
        fields.value(root, "", "engine", n -> engine(n).ifPresent(b::engine));
        fields.value(root, "", "schedule", n -> b.schedule(Schedule.parse("schedule", text("schedule", n))));
        fields.value(root, "", "timeoutMinutes", n -> b.timeoutMinutes(
                integer("timeoutMinutes", n, 1, PipelineConfig.MAX_TIMEOUT_MINUTES, "minutes")));
        fields.value(root, "", "retries", n -> b.retries(integer("retries", n, 0, PipelineConfig.MAX_RETRIES, "")));
        if (!problems.isEmpty() || !elsewhere.isEmpty()) {
            return null;
        }
        try {
            return b.build();
        } catch (PipelineValidationException e) {
            e.problems().forEach(p -> problems.add(p.line(), p.field(), p.message()));
            return null;
        }
    }

    private List<PipelineInput> inputs(Node node) {
        Mapping inputs = mapping("inputs", node, "a mapping of aliases to dataset addresses, e.g. orders: lake://sales_orders");
        if (inputs.entries().isEmpty()) {
            throw problem("inputs", "inputs must name at least one dataset, e.g. orders: lake://sales_orders");
        }
        List<PipelineInput> result = new ArrayList<>();
        for (String alias : inputs.entries().keySet()) {
            String field = "inputs." + alias;
            fields.attempt(field, () -> {
                Column.checkName(field, alias);
                String address = text(field, inputs.get(alias));
                LakeUri uri;
                try {
                    uri = LakeUri.parse(address);
                } catch (LakeConfigException e) {
                    throw problem(field, field + ": " + e.getMessage());
                }
                result.add(new PipelineInput(alias, uri));
            });
            aliases.add(alias);
        }
        return result;
    }

    private Optional<PipelineOutput> output(Node node) {
        Mapping output = mapping("output", node, "a mapping with the dataset to write, e.g. dataset: daily_sales");
        fields.checkFields(output, "output", PipelineFields.OUTPUT);
        String[] dataset = {null};
        WriteMode[] mode = {PipelineOutput.DEFAULT_MODE};
        fields.value(output, "output", "dataset", n -> dataset[0] = Names.dataset("output.dataset", text("output.dataset", n)));
        fields.value(output, "output", "mode", n -> mode[0] = WriteMode.parse("output.mode", choice("output.mode", n)));
        String[] reason = {null};
        fields.value(output, "output", "downgrade", n -> {
            Mapping downgrade = mapping("output.downgrade", n, "a mapping with the reason for the tier downgrade,"
                    + " e.g. {reason: only counts per department}");
            fields.checkFields(downgrade, "output.downgrade", PipelineFields.DOWNGRADE);
            fields.value(downgrade, "output.downgrade", "reason", r -> reason[0] = downgradeReason(text("output.downgrade.reason", r)));
        });
        return dataset[0] == null || problems.has("output") ? Optional.empty()
                : Optional.of(new PipelineOutput(dataset[0], mode[0], reason[0]));
    }

    private static String downgradeReason(String reason) {
        String text = reason.strip();
        if (text.isEmpty() || text.length() > PipelineOutput.MAX_REASON_LENGTH) {
            throw new LakeConfigException("output.downgrade.reason must say why in 1 to "
                    + PipelineOutput.MAX_REASON_LENGTH + " characters, but " + text.length() + " were given");
        }
        return text;
    }

    private Optional<SparkJobRef> sparkJob(Node node) {
        Mapping job = mapping("sparkJob", node, "a mapping with the job's class and optionally its jar");
        fields.checkFields(job, "sparkJob", PipelineFields.SPARK_JOB);
        String[] className = {null};
        String[] jar = {null};
        fields.value(job, "sparkJob", "class", n -> {
            String value = text("sparkJob.class", n);
            if (!JAVA_CLASS.matcher(value).matches()) {
                throw problem("sparkJob.class", "sparkJob.class must be a fully qualified Java class name such as"
                        + " com.acme.lake.ChurnScores, but " + Messages.quote(value) + " was given");
            }
            className[0] = value;
        });
        fields.value(job, "sparkJob", "jar", n -> jar[0] = relativeFile("sparkJob.jar", text("sparkJob.jar", n), JAR_FILE,
                ".jar"));
        return className[0] == null || problems.has("sparkJob") ? Optional.empty()
                : Optional.of(new SparkJobRef(className[0], Optional.ofNullable(jar[0])));
    }

    private Optional<Engine> engine(Node node) {
        Mapping engine = mapping("engine", node, "a mapping with type (" + EngineType.allowed() + ") and its capacity");
        fields.checkFields(engine, "engine", PipelineFields.ENGINE);
        EngineType[] type = {Engine.DEFAULT_TYPE};
        int[] workers = {Engine.DEFAULT_WORKERS};
        GlueWorkerType[] workerType = {Engine.DEFAULT_WORKER_TYPE};
        int[] vcpu = {Engine.DEFAULT_MAX_VCPU};
        int[] memory = {Engine.DEFAULT_MAX_MEMORY_GB};
        fields.value(engine, "engine", "type", n -> type[0] = EngineType.parse("engine.type", choice("engine.type", n)));
        fields.value(engine, "engine", "workers", n -> workers[0] = integer("engine.workers", n, Engine.MIN_WORKERS,
                Engine.MAX_WORKERS, "workers"));
        fields.value(engine, "engine", "workerType", n -> workerType[0] = GlueWorkerType.parse("engine.workerType",
                choice("engine.workerType", n)));
        fields.value(engine, "engine", "maxVcpu", n -> vcpu[0] = integer("engine.maxVcpu", n, 1, Engine.MAX_VCPU, "vCPUs"));
        fields.value(engine, "engine", "maxMemoryGb", n -> memory[0] = integer("engine.maxMemoryGb", n, 2,
                Engine.MAX_MEMORY_GB, "GB"));
        if (problems.has("engine.type")) {
            return Optional.empty();
        }
        // Settings of the other engine would be silently ignored, which hides a wrong type.
        List<String> foreign = type[0] == EngineType.GLUE ? List.of("maxVcpu", "maxMemoryGb") : List.of("workers", "workerType");
        for (String key : foreign) {
            if (!absent(engine.get(key))) {
                problems.add("engine." + key, "engine." + key + " applies only to "
                        + (type[0] == EngineType.GLUE ? EngineType.EMR_SERVERLESS.id() : EngineType.GLUE.id())
                        + ", but engine.type is " + type[0].id() + "; remove it");
            }
        }
        if (problems.has("engine")) {
            return Optional.empty();
        }
        return Optional.of(type[0] == EngineType.GLUE ? Engine.glue(workers[0], workerType[0])
                : Engine.emrServerless(vcpu[0], memory[0]));
    }

    private List<Step> steps(Node node) {
        Sequence list = list("steps", node, "a list of steps, each a SQL file (sql: clean.sql) or a declarative step");
        if (list.items().isEmpty()) {
            throw problem("steps", "steps must list at least one step, or be left out for a sparkJob");
        }
        List<Step> steps = new ArrayList<>();
        String previous = aliases.size() == 1 ? aliases.get(0) : null;
        for (int i = 0; i < list.items().size(); i++) {
            String path = "steps[" + i + "]";
            Node item = list.items().get(i);
            String from = previous;
            int index = i;
            Step[] step = {null};
            fields.attempt(path, () -> step[0] = step(path, index, item, from));
            if (step[0] != null) {
                steps.add(step[0]);
                previous = step[0].view();
            } else {
                previous = null; // unknown: later steps must name what they read, or be reported once
            }
        }
        return steps;
    }

    private Step step(String path, int index, Node node, String previous) {
        Mapping step = mapping(path, node, "a step: a mapping with one of " + String.join(", ", PipelineFields.STEP_KINDS)
                + " and optionally a name");
        fields.checkFields(step, path, PipelineFields.STEP);
        List<String> kinds = PipelineFields.STEP_KINDS.stream().filter(k -> step.entries().containsKey(k)).toList();
        if (kinds.size() != 1) {
            throw problem(path, path + " must have exactly one of " + String.join(", ", PipelineFields.STEP_KINDS)
                    + ", but " + (kinds.isEmpty() ? "it has none" : "it has " + String.join(" and ", kinds)));
        }
        String kind = kinds.get(0);
        String[] name = {null};
        fields.value(step, path, "name", n -> name[0] = Column.checkName(path + ".name", text(path + ".name", n)));
        Node body = step.get(kind);
        String at = path + "." + kind;
        if (absent(body)) {
            throw problem(at, at + " must not be empty");
        }
        if (kind.equals("sql")) {
            return sqlStep(path, name[0], body);
        }
        String view = name[0] != null ? name[0] : kind + "_" + (index + 1);
        Mapping spec = mapping(at, body, "a mapping of the " + kind + " step's settings");
        fields.checkFields(spec, at, PipelineFields.STEP_FIELDS.get(kind));
        if (problems.has(path)) {
            return null;
        }
        Step built = switch (kind) {
            case "deduplicate" -> new DeduplicateStep(view, from(spec, at, "from", previous),
                    columns(at + ".keys", spec.get("keys")), KeepRow.parse(at + ".keep", choice(at + ".keep", spec.get("keep"))),
                    columns(at + ".orderBy", spec.get("orderBy")));
            case "sort" -> new SortStep(view, from(spec, at, "from", previous), sortKeys(at + ".orderBy", spec.get("orderBy")),
                    optional(spec, "nulls").map(n -> NullOrder.parse(at + ".nulls", choice(at + ".nulls", n))));
            case "join" -> join(view, at, spec, previous);
            case "lookup" -> new LookupStep(view, from(spec, at, "from", previous), view(at + ".reference", spec.get("reference")),
                    keys(at + ".keys", spec.get("keys")), renames(at + ".fields", spec.get("fields")),
                    optional(spec, "joinType").map(n -> lookupInner(at + ".joinType", choice(at + ".joinType", n))).orElse(false));
            case "mask" -> new MaskStep(view, from(spec, at, "from", previous), columns(at + ".columns", spec.get("columns")),
                    MaskStrategy.parse(at + ".strategy", choice(at + ".strategy", spec.get("strategy"))));
            case "aggregate" -> new AggregateStep(view, from(spec, at, "from", previous),
                    optional(spec, "groupBy").map(n -> columns(at + ".groupBy", n)).orElse(List.of()),
                    metrics(at + ".metrics", spec.get("metrics")));
            default -> throw new IllegalStateException("unknown step kind " + kind);
        };
        return built;
    }

    private Step sqlStep(String path, String name, Node body) {
        String field = path + ".sql";
        String file = relativeFile(field, text(field, body), SQL_FILE, ".sql");
        String stem = file.substring(file.lastIndexOf('/') + 1, file.length() - ".sql".length());
        Matcher numbered = NUMBERED.matcher(stem);
        String view = name != null ? name : numbered.matches() ? numbered.group(1) : stem;
        if (name == null) {
            try {
                Column.checkName(path + ".name", view);
            } catch (LakeConfigException e) {
                throw problem(field, field + " " + Messages.quote(file) + " does not make a view name (" + Messages.quote(view)
                        + " must be lowercase letters, digits and '_'); rename the file or give the step a name");
            }
        }
        Optional<String> sql;
        try {
            sql = source.read(file);
        } catch (DatasetValidationException e) { // the file is there but not usable text: its own problem
            elsewhere.addAll(e.problems());
            return null;
        }
        if (sql.isEmpty()) {
            throw problem(field, field + " " + Messages.quote(file) + " is not a file of the pipeline's folder");
        }
        String text = sql.get();
        if (SqlText.isEmpty(text)) {
            elsewhere.add(new Problem(source.display(file), 1, "", "the SQL file is empty; it must hold one SELECT"));
            return null;
        }
        OptionalInt second = SqlText.secondStatementLine(text);
        if (second.isPresent()) {
            elsewhere.add(new Problem(source.display(file), second.getAsInt(), "", "a second SQL statement starts here;"
                    + " a step's file holds exactly one SELECT (make another step for the next)"));
            return null;
        }
        return new SqlStep(view, file, SqlText.statement(text));
    }

    private JoinStep join(String view, String at, Mapping spec, String previous) {
        Optional<String> on = optional(spec, "on").map(n -> text(at + ".on", n));
        List<String> using = optional(spec, "using").map(n -> columns(at + ".using", n)).orElse(List.of());
        if (on.isPresent() == !using.isEmpty()) {
            throw problem(at, at + " needs either on (a condition) or using (shared columns), "
                    + (on.isPresent() ? "not both" : "but has neither"));
        }
        on.ifPresent(condition -> {
            if (condition.contains(";")) {
                throw problem(at + ".on", at + ".on must be one condition, without ';'");
            }
        });
        List<String> select = optional(spec, "select").map(n -> texts(at + ".select", n)).orElse(List.of());
        JoinType type = optional(spec, "type").map(n -> JoinType.parse(at + ".type", choice(at + ".type", n)))
                .orElse(JoinType.INNER);
        return new JoinStep(view, from(spec, at, "left", previous), view(at + ".right", spec.get("right")), type, on,
                using, select);
    }

    private static boolean lookupInner(String field, String value) {
        String wanted = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
        if (wanted.equals("inner") || wanted.equals("left")) {
            return wanted.equals("inner");
        }
        throw problem(field, field + " must be one of left, inner, but " + Messages.quote(value) + " was given");
    }

    /** The view a step reads: the field's value, or the previous step's view when left out. */
    private String from(Mapping spec, String at, String key, String previous) {
        Node node = spec.get(key);
        if (!absent(node)) {
            return view(at + "." + key, node);
        }
        if (previous == null) {
            throw problem(at + "." + key, at + "." + key + " must name the view to read: with "
                    + (aliases.size() == 1 ? "an earlier step that has a problem" : "several inputs")
                    + ", there is no single previous view to default to");
        }
        return previous;
    }

    private static String view(String field, Node node) {
        return Column.checkName(field, text(field, node));
    }

    private static Optional<Node> optional(Mapping spec, String key) {
        Node node = spec.get(key);
        return absent(node) ? Optional.empty() : Optional.of(node);
    }

    /** A list of texts; a single text counts as a list of one. */
    private static List<String> texts(String field, Node node) {
        if (node instanceof Scalar) {
            return List.of(text(field, node));
        }
        Sequence list = list(field, node, "a list of text values");
        if (list.items().isEmpty()) {
            throw problem(field, field + " must not be an empty list");
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            result.add(text(field + "[" + i + "]", list.items().get(i)));
        }
        return result;
    }

    private static List<String> columns(String field, Node node) {
        List<String> columns = texts(field, node);
        for (int i = 0; i < columns.size(); i++) {
            Column.checkName(node instanceof Scalar ? field : field + "[" + i + "]", columns.get(i));
        }
        if (columns.stream().distinct().count() != columns.size()) {
            throw problem(field, field + " lists a column twice: " + String.join(", ", columns));
        }
        return columns;
    }

    private static List<SortKey> sortKeys(String field, Node node) {
        List<String> keys = texts(field, node);
        List<SortKey> result = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            result.add(SortKey.parse(node instanceof Scalar ? field : field + "[" + i + "]", keys.get(i)));
        }
        return result;
    }

    /** Lookup keys: a list of columns both sides share, or a mapping of the source's columns to the reference's. */
    private static Map<String, String> keys(String field, Node node) {
        Map<String, String> keys = new LinkedHashMap<>();
        if (node instanceof Mapping m) {
            for (String key : m.entries().keySet()) {
                keys.put(Column.checkName(field + "." + key, key), Column.checkName(field + "." + key, text(field + "." + key,
                        m.get(key))));
            }
        } else {
            columns(field, node).forEach(c -> keys.put(c, c));
        }
        if (keys.isEmpty()) {
            throw problem(field, field + " must name at least one column");
        }
        return keys;
    }

    /** Lookup fields: {@code category} or {@code category as product_category}. */
    private static Map<String, String> renames(String field, Node node) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> items = texts(field, node);
        for (int i = 0; i < items.size(); i++) {
            String itemField = node instanceof Scalar ? field : field + "[" + i + "]";
            String item = items.get(i).trim();
            Matcher as = AS.matcher(item);
            String column = as.matches() ? as.group(1) : item;
            String name = as.matches() ? as.group(2) : item;
            Column.checkName(itemField, column);
            Column.checkName(itemField, name);
            if (fields.containsValue(name)) {
                throw problem(itemField, itemField + " adds column '" + name + "' twice");
            }
            fields.put(column, name);
        }
        return fields;
    }

    private static List<Metric> metrics(String field, Node node) {
        Mapping metrics = mapping(field, node, "a mapping of result columns to functions, e.g. revenue: sum(amount)");
        if (metrics.entries().isEmpty()) {
            throw problem(field, field + " must compute at least one column");
        }
        List<Metric> result = new ArrayList<>();
        for (String name : metrics.entries().keySet()) {
            String metricField = field + "." + name;
            Column.checkName(metricField, name);
            result.add(Metric.parse(metricField, name, text(metricField, metrics.get(name))));
        }
        return result;
    }

    /** A file name inside the folder: relative, without '..', with the given ending. */
    private static String relativeFile(String field, String value, Pattern pattern, String ending) {
        if (!pattern.matcher(value).matches() || value.contains("..") || value.contains("//")) {
            throw problem(field, field + " must be a file name ending in " + ending + ", relative to the pipeline's folder"
                    + " and inside it, but " + Messages.quote(value) + " was given");
        }
        return value;
    }
}
