package io.datalake.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.datalake.core.DatasetLayout;
import io.datalake.core.Tier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The templates and examples users copy must load without problems, and the JSON Schema editors
 * use must agree with the reader: same fields, same patterns, same choices.
 */
class DatasetTemplatesTest {
    /** Surefire runs in the module directory, {@code core/}. */
    static final Path TEMPLATES = Path.of("..", "dataset-templates");
    private static final Path BAD = Path.of("src", "test", "resources", "bad-datasets");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode schemaJson;
    private static JsonSchema schema;

    @BeforeAll
    static void readSchema() throws IOException {
        schemaJson = new ObjectMapper().readTree(TEMPLATES.resolve("dataset.schema.json").toFile());
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson);
    }

    static Stream<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
            assertThat(yaml).as("templates under " + TEMPLATES.toAbsolutePath().normalize()).hasSizeGreaterThanOrEqualTo(6);
            return yaml.stream();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("templates")
    void loadsWithoutProblems(Path file) {
        assertThatCode(() -> DatasetFiles.load(file)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("templates")
    void matchesTheJsonSchema(Path file) throws IOException {
        assertThat(schemaProblems(file)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("templates")
    void pointsEditorsToTheSchema(Path file) throws IOException {
        Path toSchema = file.getParent().relativize(TEMPLATES.resolve("dataset.schema.json"));
        String expected = "# yaml-language-server: $schema=" + (toSchema.getNameCount() == 1 ? "./" : "")
                + toSchema.toString().replace('\\', '/');
        assertThat(Files.readAllLines(file).get(0)).isEqualTo(expected);
    }

    @Test
    void offersATemplatePerTierAndTheExamples() throws IOException {
        for (Tier tier : Tier.values()) {
            DatasetSpec template = DatasetFiles.load(TEMPLATES.resolve(tier.id() + ".yaml"));
            assertThat(template.tier()).isEqualTo(tier);
        }
        DatasetSpec sales = DatasetFiles.load(TEMPLATES.resolve("examples/sales_orders.yaml"));
        assertThat(sales.format().type()).isEqualTo(FileType.CSV);
        assertThat(sales.format().compression()).isEqualTo(Compression.GZIP);
        assertThat(sales.schema()).extracting(Column::type).contains(ColumnType.DATE, ColumnType.decimal(12, 2));
        DatasetSpec events = DatasetFiles.load(TEMPLATES.resolve("examples/web_events.yaml"));
        assertThat(events.tier()).isEqualTo(Tier.RESTRICTED);
        assertThat(events.format().type()).isEqualTo(FileType.JSON);
        DatasetSpec hr = DatasetFiles.load(TEMPLATES.resolve("examples/hr_employees.yaml"));
        assertThat(hr.tier()).isEqualTo(Tier.SENSITIVE);
        assertThat(hr.format().compression()).isEqualTo(Compression.ZIP);
        assertThat(hr.access().read()).isNotEmpty().allSatisfy(p -> assertThat(p.isRoleArn()).isFalse());
    }

    @Test
    void schemaHasTheReadersFieldsAndRequiredOnes() {
        assertFields(schemaJson, FileFields.DATASET);
        assertFields(schemaJson.at("/properties/format"), FileFields.FORMAT);
        assertFields(schemaJson.at("/$defs/column"), FileFields.COLUMN);
        assertFields(schemaJson.at("/properties/access"), FileFields.ACCESS);
    }

    private static void assertFields(JsonNode object, List<FileFields.Field> level) {
        assertThat(names(object.get("properties").fieldNames())).containsExactlyElementsOf(FileFields.names(level));
        List<String> required = level.stream().filter(FileFields.Field::required).map(FileFields.Field::name)
                .collect(Collectors.toList());
        List<String> schemaRequired = new ArrayList<>();
        object.path("required").forEach(n -> schemaRequired.add(n.asText()));
        assertThat(schemaRequired).containsExactlyElementsOf(required);
        assertThat(object.get("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void schemaUsesTheModelsNamePatternsAndChoices() {
        assertThat(schemaJson.at("/properties/name/pattern").asText()).isEqualTo("^" + DatasetLayout.NAME.pattern() + "$");
        assertThat(schemaJson.at("/$defs/column/properties/name/pattern").asText()).isEqualTo("^" + Column.NAME.pattern() + "$");
        assertThat(schemaJson.at("/properties/partitioning/items/pattern").asText()).isEqualTo("^" + Column.NAME.pattern() + "$");
        assertThat(schemaJson.at("/properties/owner/pattern").asText()).isEqualTo("^(" + DatasetSpec.OWNER.pattern() + ")$");
        assertThat(enumOf("/properties/tier")).containsExactly(ids(Tier.values(), Tier::id));
        assertThat(enumOf("/properties/format/properties/type")).containsExactly(ids(FileType.values(), FileType::id));
        assertThat(enumOf("/properties/format/properties/compression")).containsExactly(ids(Compression.values(), Compression::id));
        assertThat(enumOf("/properties/updateMode")).containsExactly(ids(UpdateMode.values(), UpdateMode::id));
        assertThat(schemaJson.at("/properties/updateMode/default").asText()).isEqualTo(DatasetSpec.DEFAULT_UPDATE_MODE.id());
        assertThat(schemaJson.at("/properties/format/properties/delimiter/default").asText())
                .isEqualTo(String.valueOf(DeliveredFormat.DEFAULT_DELIMITER));
        assertThat(schemaJson.at("/properties/format/properties/header/default").asBoolean()).isEqualTo(DeliveredFormat.DEFAULT_HEADER);
        assertThat(schemaJson.at("/$defs/column/properties/nullable/default").asBoolean()).isEqualTo(Column.DEFAULT_NULLABLE);
        assertThat(schemaJson.at("/properties/rawRetentionDays/minimum").asInt()).isEqualTo(DatasetSpec.MIN_RETENTION_DAYS);
        assertThat(schemaJson.at("/properties/rawRetentionDays/maximum").asInt()).isEqualTo(DatasetSpec.MAX_RETENTION_DAYS);
        assertThat(schemaJson.at("/properties/description/maxLength").asInt()).isEqualTo(DatasetSpec.MAX_DESCRIPTION_LENGTH);
        assertThat(schemaJson.at("/properties/tags/maxProperties").asInt()).isEqualTo(Tags.MAX_TAGS);
    }

    /** Patterns that differ in notation from the model's are compared on the values that matter. */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"arn:aws:iam::123456789012:role/sales-analysts", "arn:aws:iam::123456789012:role/a/b/c-d",
        "sales-analysts", "a+b=c,d.e@f_g-h", "arn:aws:iam::123456789012:user/alice", "arn:aws:iam::12345678901:role/x",
        "arn:aws:iam::123456789012:role/", "sales analysts", "", "arn:aws-cn:iam::123456789012:role/x",
        "rolenamethatistoolong-rolenamethatistoolong-rolenamethatistoolong"})
    void schemaAndModelAgreeOnPrincipals(String principal) {
        boolean model = accepts(() -> Principal.parse("p", principal));
        assertThat(schemaAccepts(Map.of("access", Map.of("read", List.of(principal))))).isEqualTo(model);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"string", "int", "bigint", "double", "float", "boolean", "date", "timestamp",
        "decimal(10,2)", "decimal(1,0)", "decimal(38,38)", "decimal( 12 , 2 )", "decimal(0,0)", "decimal(39,2)",
        "decimal", "decimal(10)", "varchar", "integer", "timestamp with time zone"})
    void schemaAndModelAgreeOnColumnTypes(String type) {
        boolean model = accepts(() -> ColumnType.parse("t", type));
        assertThat(schemaAccepts(Map.of("schema", List.of(Map.of("name", "c", "type", type))))).isEqualTo(model);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {",", ";", "|", "\t", " ", "\"", "\n", "\r", "\u0001", ",,"})
    void schemaAndModelAgreeOnDelimiters(String delimiter) {
        boolean model = accepts(() -> DeliveredFormat.builder().type(FileType.CSV).delimiter(delimiter).build());
        assertThat(schemaAccepts(Map.of("format", Map.of("type", "csv", "delimiter", delimiter)))).isEqualTo(model);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"cost-center", "Project Name", "a:b/c=d+e@f_g.h", "aws:team", "AWS:team", "cost#center", "ünïcode"})
    void schemaAndModelAgreeOnTagKeys(String key) {
        boolean model = accepts(() -> Tags.check(key, "v"));
        assertThat(schemaAccepts(Map.of("tags", Map.of(key, "v")))).isEqualTo(model);
    }

    /** Mistakes a schema can see are flagged by editors too, not only by the reader. */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"unknown-tier.yaml", "wrong-types.yaml", "wrong-types-nested.yaml", "bad-name.yaml",
        "unknown-field.yaml", "missing-required.yaml", "bad-principal.yaml", "not-a-mapping.yaml",
        "csv-options-on-json.yaml", "partitioning-without-schema.yaml", "bad-tags.yaml", "many-problems.yaml"})
    void schemaRejectsTheMistakesItCanSee(String file) throws IOException {
        assertThat(schemaProblems(BAD.resolve(file))).isNotEmpty();
    }

    @Test
    void everyPropertyOfTheSchemaIsDescribed() {
        List<String> undescribed = new ArrayList<>();
        collectUndescribed(schemaJson, "", undescribed);
        assertThat(undescribed).isEmpty();
    }

    private static void collectUndescribed(JsonNode node, String path, List<String> undescribed) {
        if (!node.isObject()) {
            return;
        }
        JsonNode properties = node.get("properties");
        if (properties != null && node.has("type")) {
            properties.fields().forEachRemaining(p -> {
                if (!p.getValue().has("description")) {
                    undescribed.add(path + "/" + p.getKey());
                }
            });
        }
        node.fields().forEachRemaining(child -> collectUndescribed(child.getValue(), path + "/" + child.getKey(), undescribed));
    }

    private static Set<ValidationMessage> schemaProblems(Path file) throws IOException {
        return schema.validate(YAML.readTree(file.toFile()));
    }

    /** Whether the schema accepts a valid minimal dataset with these fields added. */
    private static boolean schemaAccepts(Map<String, Object> fields) {
        Map<String, Object> dataset = new LinkedHashMap<>(Map.of("name", "sales", "tier", "internal",
                "owner", "team-sales", "description", "Order lines.", "format", Map.of("type", "csv")));
        dataset.putAll(fields);
        return schema.validate(YAML.valueToTree(dataset)).isEmpty();
    }

    private static boolean accepts(Runnable step) {
        try {
            step.run();
            return true;
        } catch (DatasetValidationException e) {
            return false;
        }
    }

    private List<String> enumOf(String pointer) {
        List<String> values = new ArrayList<>();
        schemaJson.at(pointer + "/enum").forEach(n -> values.add(n.asText()));
        return values;
    }

    private static <E> String[] ids(E[] values, Function<E, String> id) {
        return Arrays.stream(values).map(id).toArray(String[]::new);
    }

    private static List<String> names(Iterator<String> iterator) {
        List<String> names = new ArrayList<>();
        iterator.forEachRemaining(names::add);
        return names;
    }
}
