package io.datalake.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;

/** Prints rows as an aligned table, CSV or JSON lines, as the reading commands' {@code --format} asks. */
enum TableOutput {
    TABLE, CSV, JSON;

    void print(PrintWriter out, List<String> columns, List<List<String>> rows) {
        switch (this) {
            case TABLE -> table(out, columns, rows);
            case CSV -> {
                out.println(String.join(",", columns.stream().map(TableOutput::csv).toList()));
                rows.forEach(row -> out.println(String.join(",", row.stream().map(TableOutput::csv).toList())));
            }
            case JSON -> {
                ObjectMapper json = new ObjectMapper();
                ArrayNode array = json.createArrayNode();
                for (List<String> row : rows) {
                    ObjectNode object = array.addObject();
                    for (int i = 0; i < columns.size(); i++) {
                        object.put(columns.get(i), row.get(i));
                    }
                }
                out.println(array.toString());
            }
        }
    }

    private static void table(PrintWriter out, List<String> columns, List<List<String>> rows) {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], String.valueOf(row.get(i)).length());
            }
        }
        line(out, columns, widths);
        StringBuilder rule = new StringBuilder();
        for (int width : widths) {
            rule.append(rule.length() == 0 ? "" : "-+-").append("-".repeat(width));
        }
        out.println(rule);
        rows.forEach(row -> line(out, row, widths));
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    private static void line(PrintWriter out, List<String> values, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            String value = String.valueOf(values.get(i));
            line.append(i == 0 ? "" : " | ").append(value).append(" ".repeat(widths[i] - value.length()));
        }
        out.println(line.toString().stripTrailing());
    }

    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
