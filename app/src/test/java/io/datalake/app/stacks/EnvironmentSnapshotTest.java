package io.datalake.app.stacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.datalake.app.LakeApp;
import io.datalake.app.TestApps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/**
 * Guards construct ids and surprising template changes. Regenerate after an intended change with
 * {@code ./mvnw -pl app -am test -Dtest=EnvironmentSnapshotTest -Dsnapshot.update=true} and review the diff.
 */
class EnvironmentSnapshotTest {
    static final Path SNAPSHOT = Path.of("src/test/resources/snapshots/dev-environment.template.json");

    @Test
    void devEnvironmentMatchesTheSnapshot() throws IOException {
        App app = TestApps.app("dev");
        EnvironmentStack stack = LakeApp.build(app);
        String actual = normalise(Template.fromStack(stack).toJSON());
        if (Boolean.getBoolean("snapshot.update")) {
            Files.writeString(SNAPSHOT, actual);
        }
        assertThat(SNAPSHOT).as("snapshot missing: run with -Dsnapshot.update=true once and commit it").exists();
        assertThat(actual).isEqualTo(Files.readString(SNAPSHOT));
    }

    /** Pretty, key-sorted JSON with generated hashes (assets, versions, deployments) replaced, so only real changes show. */
    static String normalise(Object template) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(SerializationFeature.INDENT_OUTPUT);
        String json = mapper.writeValueAsString(mapper.readTree(mapper.writeValueAsString(template)));
        return json.replaceAll("[0-9a-f]{32,}", "<hash>") + "\n";
    }
}
