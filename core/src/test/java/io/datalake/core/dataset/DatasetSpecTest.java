package io.datalake.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.LakeConfigException;
import io.datalake.core.Tier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetSpecTest {

    private static DatasetSpec.Builder minimal() {
        return DatasetSpec.builder()
                .name("sales_orders")
                .tier(Tier.INTERNAL)
                .owner("sales-data@example.com")
                .description("Order lines.")
                .format(DeliveredFormat.of(FileType.CSV));
    }

    @Test
    void defaultsAreTheDocumentedConstants() {
        DatasetSpec spec = minimal().build();
        assertThat(DeliveredFormat.DEFAULT_DELIMITER).isEqualTo(',');
        assertThat(DeliveredFormat.DEFAULT_HEADER).isTrue();
        assertThat(DeliveredFormat.DEFAULT_COMPRESSION).isEqualTo(Compression.NONE);
        assertThat(DatasetSpec.DEFAULT_UPDATE_MODE).isEqualTo(UpdateMode.SNAPSHOT);
        assertThat(Column.DEFAULT_NULLABLE).isTrue();
        assertThat(spec.format().delimiter()).isEqualTo(DeliveredFormat.DEFAULT_DELIMITER);
        assertThat(spec.format().header()).isEqualTo(DeliveredFormat.DEFAULT_HEADER);
        assertThat(spec.format().compression()).isEqualTo(DeliveredFormat.DEFAULT_COMPRESSION);
        assertThat(spec.updateMode()).isEqualTo(DatasetSpec.DEFAULT_UPDATE_MODE);
        assertThat(spec.access()).isEqualTo(Access.none());
        assertThat(spec.access().isEmpty()).isTrue();
        assertThat(spec.schema()).isEmpty();
        assertThat(spec.hasSchema()).isFalse();
        assertThat(spec.partitioning()).isEmpty();
        assertThat(spec.rawRetentionDays()).isEmpty();
        assertThat(spec.tags()).isEmpty();
        assertThat(Column.of("id", ColumnType.BIGINT).nullable()).isEqualTo(Column.DEFAULT_NULLABLE);
    }

    @Test
    void buildsAFullSpecThatCannotChangeAfterwards() {
        Map<String, String> tags = new LinkedHashMap<>(Map.of("cost-center", "4711"));
        DatasetSpec.Builder builder = minimal()
                .column(Column.builder().name("order_date").type(ColumnType.DATE).nullable(false).build())
                .column(Column.of("amount", ColumnType.decimal(12, 2)))
                .partitioning(List.of("order_date"))
                .updateMode(UpdateMode.DELTA)
                .access(Access.builder().read("arn:aws:iam::123456789012:role/sales-analysts").admin("owners").build())
                .rawRetentionDays(30)
                .tags(tags);
        DatasetSpec spec = builder.build();
        builder.column(Column.of("late", ColumnType.STRING)).tag("late", "x");
        tags.put("late", "x");

        assertThat(spec.schema()).extracting(Column::name).containsExactly("order_date", "amount");
        assertThat(spec.schema().get(0).nullable()).isFalse();
        assertThat(spec.tags()).containsExactly(Map.entry("cost-center", "4711"));
        assertThat(spec.rawRetentionDays()).hasValue(30);
        assertThat(spec.access().read()).extracting(Principal::roleName).containsExactly("sales-analysts");
        assertThatThrownBy(() -> spec.schema().add(Column.of("x", ColumnType.INT)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> spec.tags().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> spec.partitioning().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> spec.access().read().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void failsListingEveryMissingRequiredFieldAtOnce() {
        assertThatThrownBy(() -> DatasetSpec.builder().build())
                .isInstanceOfSatisfying(DatasetValidationException.class, e -> {
                    assertThat(e.problems()).extracting(Problem::field)
                            .containsExactly("name", "tier", "owner", "description", "format");
                    assertThat(e.problems()).allSatisfy(p -> {
                        assertThat(p.file()).isNull();
                        assertThat(p.toString()).isEqualTo(p.message()).startsWith("missing required field '" + p.field() + "'");
                    });
                });
    }

    @Test
    void failsForABadNameNamingTheValueAndRule() {
        assertThatThrownBy(() -> DatasetSpec.builder().name("Sales"))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("dataset name must match [a-z][a-z0-9_]{2,62} (3 to 63 lowercase letters, digits or '_',"
                        + " starting with a letter), but 'Sales' was given");
        assertThatThrownBy(() -> DatasetSpec.builder().tier(null))
                .hasMessage("tier must be one of internal, restricted, sensitive, but nothing was given");
    }

    @Test
    void failsForABadOwnerOrDescription() {
        assertThat(DatasetSpec.builder().owner("team-sales")).isNotNull();
        assertThat(DatasetSpec.builder().owner("first.last@example.co.uk")).isNotNull();
        assertThatThrownBy(() -> DatasetSpec.builder().owner("sales team"))
                .hasMessage("owner must be an e-mail address or a team id (2 to 64 letters, digits, '.', '_' or '-'),"
                        + " but 'sales team' was given");
        assertThatThrownBy(() -> DatasetSpec.builder().description("  \n"))
                .hasMessage("description must say what the dataset holds (1 to 2048 characters), but nothing was given");
        assertThat(minimal().description("x".repeat(2048)).build().description()).hasSize(2048);
        assertThatThrownBy(() -> DatasetSpec.builder().description("x".repeat(2049)))
                .hasMessage("description must be at most 2048 characters (Glue's limit for a table description),"
                        + " but 2049 were given");
    }

    @Test
    void failsForRetentionOutsideOneToTenYears() {
        assertThat(minimal().rawRetentionDays(1).build().rawRetentionDays()).hasValue(1);
        assertThat(minimal().rawRetentionDays(3650).build().rawRetentionDays()).hasValue(3650);
        assertThatThrownBy(() -> DatasetSpec.builder().rawRetentionDays(0))
                .hasMessage("rawRetentionDays must be from 1 to 3650 days, but 0 was given");
        assertThatThrownBy(() -> DatasetSpec.builder().rawRetentionDays(3651))
                .hasMessage("rawRetentionDays must be from 1 to 3650 days, but 3651 was given");
    }

    @Test
    void failsForDuplicateColumnsAndPartitionsOutsideTheSchema() {
        DatasetSpec.Builder builder = minimal()
                .column(Column.of("id", ColumnType.BIGINT))
                .column(Column.of("order_date", ColumnType.DATE))
                .column(Column.of("id", ColumnType.STRING))
                .partitioning(List.of("order_date", "orderdate", "region", "order_date"));
        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(DatasetValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::toString)
                        .containsExactly(
                                "schema[2].name 'id' is already the name of schema[0]; column names must be unique",
                                "partitioning[1] 'orderdate' is not a column of the schema; did you mean 'order_date'?",
                                "partitioning[2] 'region' is not a column of the schema; the schema has id, order_date, id",
                                "partitioning[3] 'order_date' is already listed as partitioning[0]; partition by each"
                                        + " column once"));
        assertThatThrownBy(() -> minimal().partitioning(List.of("order_date")).build())
                .hasMessage("partitioning needs a schema that declares its columns, but the file has no schema");
    }

    @Test
    void checksTagsAgainstAwsRules() {
        assertThat(minimal().tag("k".repeat(128), "v".repeat(256)).tag("Project Name", "").build().tags()).hasSize(2);
        assertThatThrownBy(() -> DatasetSpec.builder().tag("k".repeat(129), "v"))
                .hasMessageStartingWith("tags key must be 1 to 128 letters, digits, spaces or _.:/=+-@, but 'kkk");
        assertThatThrownBy(() -> DatasetSpec.builder().tag("k", "v".repeat(257)))
                .hasMessageStartingWith("tags.k must be 0 to 256 letters");
        assertThatThrownBy(() -> DatasetSpec.builder().tag("AWS:team", "x"))
                .hasMessage("tags key must not start with 'aws:', which AWS reserves for its own tags, but 'AWS:team'"
                        + " was given");
        DatasetSpec.Builder many = minimal();
        for (int i = 0; i <= Tags.MAX_TAGS; i++) {
            many.tag("t" + i, "v");
        }
        assertThatThrownBy(many::build)
                .hasMessage("tags must hold at most 50 tags (AWS's limit per resource), but 51 were given");
    }

    @Test
    void columnRejectsBadNamesAndLongDescriptions() {
        assertThatThrownBy(() -> Column.builder().name("Order-Id"))
                .isInstanceOfSatisfying(DatasetValidationException.class, e -> {
                    assertThat(e.problems()).singleElement().extracting(Problem::field).isEqualTo("column.name");
                    assertThat(e.getMessage()).isEqualTo("column.name must match [a-z_][a-z0-9_]* (lowercase letters,"
                            + " digits and '_', not starting with a digit, at most 255 characters), but 'Order-Id' was given");
                });
        assertThatThrownBy(() -> Column.builder().name("1st")).hasMessageContaining("but '1st' was given");
        assertThat(Column.builder().name("_loaded_at").type(ColumnType.TIMESTAMP).build().name()).isEqualTo("_loaded_at");
        assertThatThrownBy(() -> Column.builder().description("d".repeat(256)))
                .hasMessage("column.description must be at most 255 characters (Glue's limit for a column comment),"
                        + " but 256 were given");
        assertThat(Column.builder().name("c").type(ColumnType.INT).description("  ").build().description()).isEmpty();
        assertThatThrownBy(() -> Column.builder().build())
                .isInstanceOfSatisfying(DatasetValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field).containsExactly("column.name", "column.type"));
    }

    @Test
    void formatRejectsBadDelimitersAndCsvOptionsOnOtherTypes() {
        assertThat(DeliveredFormat.builder().type(FileType.CSV).delimiter('\t').header(false).build())
                .satisfies(f -> {
                    assertThat(f.delimiter()).isEqualTo('\t');
                    assertThat(f.header()).isFalse();
                });
        for (String bad : new String[] {"\"", "\n", "\r", "\u0000", ",,", ""}) {
            assertThatThrownBy(() -> DeliveredFormat.builder().delimiter(bad))
                    .hasMessageStartingWith("format.delimiter must be a single character")
                    .hasMessageNotContaining("\n");
        }
        assertThatThrownBy(() -> DeliveredFormat.builder().type(FileType.PARQUET).header(true).build())
                .hasMessage("format.header applies only to csv files, but format.type is parquet; remove it");
        assertThatThrownBy(() -> DeliveredFormat.builder().build())
                .hasMessage("missing required field 'format.type' (csv, json, parquet)");
        assertThat(DeliveredFormat.builder().type(FileType.JSON).compression(Compression.ZIP).build().compression())
                .isEqualTo(Compression.ZIP);
    }

    @Test
    void choicesForgiveCaseAndNameTheAllowedIds() {
        assertThat(FileType.parse("format.type", " CSV ")).isEqualTo(FileType.CSV);
        assertThat(UpdateMode.parse("updateMode", "Delta")).isEqualTo(UpdateMode.DELTA);
        assertThatThrownBy(() -> FileType.parse("format.type", "xml"))
                .hasMessage("format.type must be one of csv, json, parquet, but 'xml' was given");
        assertThatThrownBy(() -> Compression.parse("format.compression", "bz2"))
                .hasMessage("format.compression must be one of none, gzip, zip, but 'bz2' was given");
        assertThatThrownBy(() -> UpdateMode.parse("updateMode", null))
                .hasMessage("updateMode must be one of snapshot, delta, but nothing was given");
    }

    @Test
    void principalsAreRoleArnsOrRoleNames() {
        Principal arn = Principal.parse("p", "arn:aws:iam::123456789012:role/team/sales/analysts");
        assertThat(arn.isRoleArn()).isTrue();
        assertThat(arn.account()).hasValue("123456789012");
        assertThat(arn.roleName()).isEqualTo("analysts");
        Principal name = Principal.parse("p", "sales+analysts@eu");
        assertThat(name.isRoleArn()).isFalse();
        assertThat(name.account()).isEmpty();
        assertThat(name.roleName()).isEqualTo("sales+analysts@eu");
        assertThat(Principal.parse("p", "r".repeat(64)).roleName()).hasSize(64);
        for (String bad : new String[] {"r".repeat(65), "arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123:role/x",
            "arn:aws:iam::123456789012:role/", "sales analysts", "arn:aws:sts::123456789012:assumed-role/x/y"}) {
            assertThatThrownBy(() -> Principal.parse("access.read[0]", bad))
                    .hasMessage("access.read[0] must be a role ARN (arn:aws:iam::<12 digits>:role/<path/name>) or a"
                            + " role name (1 to 64 letters, digits or +=,.@_-), but '" + bad + "' was given");
        }
    }

    @Test
    void accessRejectsAPrincipalListedTwice() {
        assertThatThrownBy(() -> Access.builder().read("a-role", "b-role", "a-role").build())
                .hasMessage("access.read[2] 'a-role' is already listed as access.read[0]; list each principal once");
        assertThatThrownBy(() -> Access.builder().write("ok-role", "not ok"))
                .hasMessageStartingWith("access.write[1] must be a role ARN");
        assertThat(Access.builder().read("a-role").admin("a-role").build().admin()).extracting(Principal::value)
                .containsExactly("a-role");
    }

    @Test
    void equalSpecsAreEqual() {
        assertThat(minimal().build()).isEqualTo(minimal().build()).hasSameHashCodeAs(minimal().build());
        assertThat(minimal().build()).isNotEqualTo(minimal().updateMode(UpdateMode.DELTA).build());
        assertThat(minimal().build().toString()).isEqualTo("sales_orders (internal, csv delimiter ',' with header,"
                + " 0 columns, owner sales-data@example.com)");
    }

    @Test
    void problemsRenderAsCompilerStyleLines() {
        assertThat(new Problem("sales.yaml", 4, "tier", "tier must be ...")).hasToString("sales.yaml:4: tier must be ...");
        assertThat(new Problem("sales.yaml", 0, "", "the file does not exist")).hasToString("sales.yaml: the file does not exist");
        assertThat(Problem.of("tier", "tier must be ...")).hasToString("tier must be ...");
        assertThatThrownBy(() -> new DatasetValidationException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
