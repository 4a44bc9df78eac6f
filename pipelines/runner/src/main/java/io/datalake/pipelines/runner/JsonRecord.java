package io.datalake.pipelines.runner;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.datalake.core.conversion.ConversionSql;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One JSON line as the conversion contract's text relation sees it ({@link ConversionSql}): per
 * declared field its JSON kind, text and numeric value, why the line is not a plain object, and the
 * fields the dataset does not declare. It reads numbers as DuckDB's JSON reader does: an integer that
 * fits 64 bits is an integer, any other number a double. Blank lines give null (skipped).
 */
final class JsonRecord implements UDF1<String, Row> {
    private static final long serialVersionUID = 1L;
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = new BigInteger("18446744073709551615");

    private final List<String> names;
    private transient JsonFactory factory;

    JsonRecord(List<String> names) {
        this.names = List.copyOf(names);
    }

    StructType type() {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(ConversionSql.SHAPE, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(ConversionSql.UNKNOWN, DataTypes.StringType, true));
        for (int i = 0; i < names.size(); i++) {
            fields.add(DataTypes.createStructField(ConversionSql.kind(i), DataTypes.StringType, true));
            fields.add(DataTypes.createStructField(ConversionSql.text(i), DataTypes.StringType, true));
            fields.add(DataTypes.createStructField(ConversionSql.number(i), DataTypes.DoubleType, true));
        }
        return new StructType(fields.toArray(StructField[]::new));
    }

    @Override
    public Row call(String line) {
        if (line == null || line.isBlank()) {
            return null;
        }
        if (factory == null) {
            factory = new JsonFactory();
        }
        Object[] values = new Object[2 + 3 * names.size()];
        List<String> unknown = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (JsonParser parser = factory.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                values[0] = "is not a JSON object";
                return RowFactory.create(values);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (!seen.add(name)) {
                    values[0] = "names a field twice";
                }
                int i = names.indexOf(name);
                if (i < 0) {
                    unknown.add(name);
                    parser.skipChildren();
                    continue;
                }
                int at = 2 + 3 * i;
                switch (token) {
                    case VALUE_STRING -> set(values, at, ConversionSql.STRING, parser.getText(), null);
                    case VALUE_NUMBER_INT -> {
                        BigInteger n = parser.getBigIntegerValue();
                        boolean fits = n.compareTo(MIN) >= 0 && n.compareTo(MAX) <= 0;
                        set(values, at, fits ? ConversionSql.INTEGER : ConversionSql.FLOAT, parser.getText(), parser.getDoubleValue());
                    }
                    case VALUE_NUMBER_FLOAT -> set(values, at, ConversionSql.FLOAT, parser.getText(), parser.getDoubleValue());
                    case VALUE_TRUE, VALUE_FALSE -> set(values, at, ConversionSql.BOOLEAN, parser.getText(), null);
                    case START_OBJECT -> {
                        set(values, at, ConversionSql.OBJECT, null, null);
                        parser.skipChildren();
                    }
                    case START_ARRAY -> {
                        set(values, at, ConversionSql.ARRAY, null, null);
                        parser.skipChildren();
                    }
                    default -> set(values, at, null, null, null); // null
                }
            }
        } catch (IOException e) {
            values[0] = "is not valid JSON";
        }
        values[1] = String.join(", ", unknown);
        return RowFactory.create(values);
    }

    private static void set(Object[] values, int at, String kind, String text, Double number) {
        values[at] = kind;
        values[at + 1] = text;
        values[at + 2] = number;
    }
}
