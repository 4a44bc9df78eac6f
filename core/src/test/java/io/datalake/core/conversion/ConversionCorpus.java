package io.datalake.core.conversion;

import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The conversion conformance corpus ({@code core/src/test/resources/conversion-corpus}): raw files,
 * good and bad, each with the outcome both engines must give. {@code datasets/<name>.yaml} are the
 * datasets; {@code cases/<dataset>/<case>.<ext>} (or a folder {@code <case>/} of several files, in
 * name order) are the deliveries; {@code <case>.expected} is the outcome: {@code rows} and one
 * canonical JSON object per line (values as DuckDB prints them, in the order read back), or
 * {@code fails} and a fragment of the message.
 */
public final class ConversionCorpus {
    /** One delivery and what must come of it. */
    public record Case(String name, DatasetSpec dataset, List<Path> files, boolean fails, List<String> expected) {
        @Override
        public String toString() {
            return dataset.name() + "/" + name;
        }
    }

    private ConversionCorpus() {
    }

    /** The corpus folder, found from any module of the build. */
    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path corpus = dir.resolve("core/src/test/resources/conversion-corpus");
            if (Files.isDirectory(corpus)) {
                return corpus;
            }
        }
        throw new IllegalStateException("conversion-corpus not found above " + Path.of("").toAbsolutePath());
    }

    public static List<Case> cases() {
        Path root = root();
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> datasets = Files.list(root.resolve("cases"))) {
            for (Path folder : datasets.sorted().toList()) {
                DatasetSpec dataset = DatasetFiles.load(root.resolve("datasets").resolve(folder.getFileName() + ".yaml"));
                try (Stream<Path> entries = Files.list(folder)) {
                    for (Path expected : entries.filter(p -> p.toString().endsWith(".expected")).sorted().toList()) {
                        String name = expected.getFileName().toString().replace(".expected", "");
                        List<Path> files = files(folder, name);
                        List<String> lines = Files.readAllLines(expected, StandardCharsets.UTF_8);
                        boolean fails = lines.get(0).equals("fails");
                        if (!fails && !lines.get(0).equals("rows")) {
                            throw new IllegalStateException(expected + " must start with 'rows' or 'fails'");
                        }
                        cases.add(new Case(name, dataset, files, fails, lines.subList(1, lines.size())));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    private static List<Path> files(Path folder, String name) throws IOException {
        Path many = folder.resolve(name);
        if (Files.isDirectory(many)) {
            try (Stream<Path> files = Files.list(many)) {
                return files.sorted().toList();
            }
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().startsWith(name + ".")
                    && !p.toString().endsWith(".expected")).sorted().toList();
            if (found.size() != 1) {
                throw new IllegalStateException("case " + name + " in " + folder + " needs one raw file, found " + found);
            }
            return found;
        }
    }

    /** The raw files of a case, as the conversions open them. */
    public static List<RawFile> rawFiles(Case c) {
        return c.files().stream().map(p -> new RawFile(p.getFileName().toString(), () -> Files.newInputStream(p))).toList();
    }
}
