package io.datalake.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.core.Tier;
import io.datalake.core.dataset.SchemaChange.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaChangeTest {
    static Column col(String name, String type) {
        return Column.builder().name(name).type(ColumnType.parse("type", type)).build();
    }

    static Column required(String name, String type) {
        return Column.builder().name(name).type(ColumnType.parse("type", type)).nullable(false).build();
    }

    static DatasetSpec.Builder spec(Column... columns) {
        return DatasetSpec.builder().name("orders").tier(Tier.INTERNAL).owner("team-a").description("Orders.")
                .format(DeliveredFormat.of(FileType.CSV)).schema(List.of(columns));
    }

    static final DatasetSpec DEPLOYED = spec(required("order_id", "string"), col("qty", "int"), col("price", "decimal(10,2)"),
            col("ratio", "float")).partitioning(List.of()).build();

    static SchemaChange to(DatasetSpec.Builder proposed) {
        return SchemaChange.between(DEPLOYED, proposed.build());
    }

    @Test
    void theSameSpecIsNoChange() {
        assertThat(SchemaChange.between(DEPLOYED, DEPLOYED).isEmpty()).isTrue();
    }

    @Test
    void aNullableColumnAddedAtTheEndIsCompatible() {
        SchemaChange change = to(spec(required("order_id", "string"), col("qty", "int"), col("price", "decimal(10,2)"),
                col("ratio", "float"), col("note", "string")));
        assertThat(change.changes()).extracting(SchemaChange.Change::kind).containsExactly(Kind.NULLABLE_COLUMN_ADDED);
        assertThat(change.isBreaking()).isFalse();
        assertThat(change.changes().get(0).field()).isEqualTo("schema[4]");
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "int | bigint | TYPE_WIDENED",
        "float | double | TYPE_WIDENED",
        "decimal(10,2) | decimal(12,2) | TYPE_WIDENED",
        "decimal(10,2) | decimal(38,2) | TYPE_WIDENED",
        "bigint | int | TYPE_CHANGED",
        "double | float | TYPE_CHANGED",
        "decimal(12,2) | decimal(10,2) | TYPE_CHANGED",
        "decimal(10,2) | decimal(12,4) | TYPE_CHANGED",
        "decimal(10,2) | decimal(10,3) | TYPE_CHANGED",
        "int | string | TYPE_CHANGED",
        "string | int | TYPE_CHANGED",
        "int | double | TYPE_CHANGED",
        "date | timestamp | TYPE_CHANGED",
        "timestamp | date | TYPE_CHANGED",
        "boolean | int | TYPE_CHANGED",
        "int | decimal(10,0) | TYPE_CHANGED",
    })
    void typeChangesAreWideningOnlyWhenEveryOldValueReadsTheSame(String from, String to, Kind kind) {
        SchemaChange change = SchemaChange.between(spec(col("v", from)).build(), spec(col("v", to)).build());
        assertThat(change.changes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(kind);
            assertThat(c.field()).isEqualTo("schema[0].type");
            assertThat(c.compatible()).isEqualTo(kind == Kind.TYPE_WIDENED);
        });
    }

    @Test
    void narrowingIsSaidSo() {
        SchemaChange change = SchemaChange.between(spec(col("v", "bigint")).build(), spec(col("v", "int")).build());
        assertThat(change.changes().get(0).message()).isEqualTo("column 'v' type narrowed from bigint to int");
    }

    @Test
    void aRemovedColumnIsBreaking() {
        SchemaChange change = to(spec(required("order_id", "string"), col("qty", "int"), col("price", "decimal(10,2)")));
        assertThat(change.breaking()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.COLUMN_REMOVED);
            assertThat(c.message()).isEqualTo("column 'ratio' (float) removed");
            assertThat(c.field()).isEqualTo("schema");
        });
    }

    @Test
    void aRenamedColumnIsBreakingAndNamedAsARename() {
        SchemaChange change = to(spec(required("order_id", "string"), col("quantity", "int"), col("price", "decimal(10,2)"),
                col("ratio", "float")));
        assertThat(change.changes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.COLUMN_RENAMED);
            assertThat(c.message()).isEqualTo("column 'qty' renamed to 'quantity'");
            assertThat(c.field()).isEqualTo("schema[1].name");
        });
    }

    @Test
    void nullabilityTightenedOrRelaxedIsBreaking() {
        SchemaChange change = to(spec(col("order_id", "string"), required("qty", "int"), col("price", "decimal(10,2)"),
                col("ratio", "float")));
        assertThat(change.changes()).extracting(SchemaChange.Change::kind)
                .containsExactly(Kind.NULLABILITY_RELAXED, Kind.NULLABILITY_TIGHTENED);
        assertThat(change.breaking()).hasSize(2);
        assertThat(change.changes().get(1).field()).isEqualTo("schema[1].nullable");
    }

    @Test
    void aRequiredColumnAddedIsBreaking() {
        SchemaChange change = to(spec(required("order_id", "string"), col("qty", "int"), col("price", "decimal(10,2)"),
                col("ratio", "float"), required("store", "string")));
        assertThat(change.breaking()).extracting(SchemaChange.Change::kind).containsExactly(Kind.REQUIRED_COLUMN_ADDED);
    }

    @Test
    void aColumnAddedInTheMiddleOrColumnsReorderedAreBreaking() {
        SchemaChange inserted = to(spec(required("order_id", "string"), col("note", "string"), col("qty", "int"),
                col("price", "decimal(10,2)"), col("ratio", "float")));
        assertThat(inserted.breaking()).extracting(SchemaChange.Change::kind).containsExactly(Kind.COLUMN_MOVED);
        SchemaChange swapped = to(spec(col("qty", "int"), required("order_id", "string"), col("price", "decimal(10,2)"),
                col("ratio", "float")));
        assertThat(swapped.breaking()).extracting(SchemaChange.Change::message)
                .containsExactly("columns reordered from [order_id, qty, price, ratio] to [qty, order_id, price, ratio]"
                        + " (headerless CSV and SELECT * read by position)");
    }

    @Test
    void partitioningTierFormatAndSchemaPresenceChangesAreBreaking() {
        assertThat(to(spec(DEPLOYED.schema().toArray(Column[]::new)).partitioning(List.of("order_id"))).breaking())
                .extracting(SchemaChange.Change::kind).containsExactly(Kind.PARTITIONING_CHANGED);
        assertThat(to(spec(DEPLOYED.schema().toArray(Column[]::new)).tier(Tier.RESTRICTED)).breaking())
                .extracting(SchemaChange.Change::kind).containsExactly(Kind.TIER_CHANGED);
        assertThat(to(spec(DEPLOYED.schema().toArray(Column[]::new)).format(DeliveredFormat.of(FileType.JSON))).breaking())
                .extracting(SchemaChange.Change::kind).containsExactly(Kind.FORMAT_CHANGED);
        DatasetSpec untyped = DatasetSpec.builder().name("orders").tier(Tier.INTERNAL).owner("team-a").description("Orders.")
                .format(DeliveredFormat.of(FileType.CSV)).build();
        assertThat(SchemaChange.between(DEPLOYED, untyped).breaking()).extracting(SchemaChange.Change::kind)
                .containsExactly(Kind.SCHEMA_REMOVED);
        assertThat(SchemaChange.between(untyped, DEPLOYED).breaking()).extracting(SchemaChange.Change::kind)
                .containsExactly(Kind.SCHEMA_ADDED);
    }

    @Test
    void descriptionsOwnerAccessAndRetentionAreNoSchemaChange() {
        SchemaChange change = to(spec(required("order_id", "string"), col("qty", "int"), col("price", "decimal(10,2)"),
                col("ratio", "float")).owner("team-b").description("Other words.").rawRetentionDays(30).tag("k", "v"));
        assertThat(change.isEmpty()).isTrue();
    }
}
