package io.datalake.locallake;

import io.datalake.core.dataset.Column;
import io.datalake.core.dataset.ColumnType;
import io.datalake.core.dataset.Compression;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.dataset.FileType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Sample deliveries for the demo: rows that fit a dataset's schema, written in the format and
 * compression the dataset file declares, exactly as a producer would drop them. The values depend
 * only on the row number, so a demo's query results are the same on every machine.
 */
public final class DemoData {
    private static final String[] COUNTRIES = {"DE", "FR", "IT", "ES", "NL"};
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 1);

    private DemoData() {
    }

    /** A delivery: the object name to drop under {@code <dataset>/} and its bytes. */
    public record Delivery(String fileName, byte[] bytes) {
    }

    /**
     * Whether a demo delivery can be made for the dataset: producers drop CSV or JSON lines with a
     * schema; a Parquet dataset is written by pipelines, not dropped.
     */
    public static boolean supports(DatasetSpec spec) {
        return spec.format().type() != FileType.PARQUET && spec.hasSchema();
    }

    /** A delivery of {@code rows} rows for the dataset. */
    public static Delivery delivery(DatasetSpec spec, int rows) {
        String base = spec.name() + "-demo";
        FileType type = spec.format().type();
        if (!supports(spec)) {
            throw new IllegalArgumentException("demo data is written as CSV or JSON lines for datasets with a schema, but "
                    + spec.name() + " is " + type.id() + (spec.hasSchema() ? "" : " without a schema"));
        }
        String extension = type == FileType.CSV ? ".csv" : ".jsonl";
        byte[] text = (type == FileType.CSV ? csv(spec, rows) : jsonLines(spec, rows)).getBytes(StandardCharsets.UTF_8);
        Compression compression = spec.format().compression();
        return switch (compression) {
            case NONE -> new Delivery(base + extension, text);
            case GZIP -> new Delivery(base + extension + ".gz", gzip(text));
            case ZIP -> new Delivery(base + ".zip", zip(base + extension, text));
        };
    }

    /** The value of a column in a row, as text. */
    static String value(Column column, int row) {
        ColumnType type = column.type();
        String name = column.name();
        return switch (type.kind()) {
            case STRING -> name.contains("country") ? COUNTRIES[row % COUNTRIES.length] : name + "-" + (row % 7);
            case INT -> Integer.toString(row % 10 + 1);
            case BIGINT -> Long.toString(1000L + row);
            case DOUBLE, FLOAT -> Double.toString((row % 100) / 4.0);
            case BOOLEAN -> Boolean.toString(row % 2 == 0);
            case DATE -> FIRST_DAY.plusDays(row % 21).toString();
            case TIMESTAMP -> FIRST_DAY.plusDays(row % 21) + " 10:" + String.format("%02d", row % 60) + ":00";
            case DECIMAL -> BigDecimal.valueOf(row % 50 + 1).add(BigDecimal.valueOf(25, 2))
                    .setScale(type.scale(), RoundingMode.HALF_UP)
                    .min(BigDecimal.TEN.pow(type.precision() - type.scale()).subtract(BigDecimal.ONE)).toPlainString();
        };
    }

    private static String csv(DatasetSpec spec, int rows) {
        String delimiter = String.valueOf(spec.format().delimiter());
        StringBuilder out = new StringBuilder();
        if (spec.format().header()) {
            out.append(String.join(delimiter, spec.schema().stream().map(Column::name).toList())).append('\n');
        }
        for (int row = 0; row < rows; row++) {
            List<String> values = new ArrayList<>();
            for (Column column : spec.schema()) {
                values.add(value(column, row));
            }
            out.append(String.join(delimiter, values)).append('\n');
        }
        return out.toString();
    }

    private static String jsonLines(DatasetSpec spec, int rows) {
        StringBuilder out = new StringBuilder();
        for (int row = 0; row < rows; row++) {
            StringBuilder line = new StringBuilder("{");
            for (Column column : spec.schema()) {
                if (line.length() > 1) {
                    line.append(',');
                }
                boolean quoted = switch (column.type().kind()) {
                    case STRING, DATE, TIMESTAMP -> true;
                    default -> false;
                };
                String value = value(column, row);
                line.append('"').append(column.name()).append("\":").append(quoted ? "\"" + value + "\"" : value);
            }
            out.append(line).append("}\n");
        }
        return out.toString();
    }

    private static byte[] gzip(byte[] text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] zip(String entry, byte[] text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(text);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
