package io.datalake.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NameCollisionsTest {
    static final LakeNames DEV = new LakeNames(Environment.builder().org("acme").name("dev").region("eu-west-1").build());
    static final Path CORPUS = Path.of("src/test/resources/names/colliding-pairs.txt");

    static Stream<Arguments> collidingPairs() throws IOException {
        return Files.readAllLines(CORPUS, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\\|"))
                .map(f -> Arguments.of(f[0].strip(), f[1].strip(), f[2].strip()));
    }

    @ParameterizedTest(name = "{0} then {1}")
    @MethodSource("collidingPairs")
    void everyPairOfTheCorpusCollidesNamingBoth(String first, String second, String shared) {
        NameCollisions claims = new NameCollisions(DEV);
        assertThat(claims.claim(first)).isEmpty();
        assertThat(claims.claim(second)).hasValueSatisfying(c -> assertThat(c.message())
                .startsWith("dataset '" + second + "' collides with dataset '" + first + "': " + shared));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("collidingPairs")
    void theNameRuleRefusesTheSecondOfEveryPairThatDiffersOnlyInSpelling(String first, String second, String shared) {
        boolean bothValid = valid(first) && valid(second);
        // Only identical names and hashed role names are left for the collision check: the rule removes the rest.
        assertThat(bothValid).as("%s and %s", first, second)
                .isEqualTo(first.equals(second) || shared.contains("IAM role"));
    }

    @Test
    void theHashedRolesOfTheCorpusReallyAreEqualInDevAndNowhereElseEnvironmentIndependent() {
        String a = "orders_archive_of_the_web_shop_eu_043091_x";
        String b = "orders_archive_of_the_web_shop_eu_044197_x";
        assertThat(DEV.datasetRole(a, AccessLevel.READ)).isEqualTo(DEV.datasetRole(b, AccessLevel.READ)).hasSize(64);
        assertThat(DEV.datasetRole(a, AccessLevel.WRITE)).isNotEqualTo(DEV.datasetRole(b, AccessLevel.WRITE));
        assertThat(NameCollisions.key(a)).isNotEqualTo(NameCollisions.key(b));
        // Without an environment, only what holds everywhere is compared.
        NameCollisions anywhere = new NameCollisions(null);
        assertThat(anywhere.claim(a)).isEmpty();
        assertThat(anywhere.claim(b)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sales-orders", "Sales_orders", "sales_orders_raw", "abc_raw", "sаles_orders" /* Cyrillic а */,
            "ｓales_orders", "sales_orders ", " sales_orders", "sales_orders\n", "sales.orders", "sales/orders", "1sales",
            "_sales", "sales\u200Borders", "salesßorders", "sales_ordérs"})
    void theNameRuleRefusesHyphensCaseTheRawSuffixAndEveryNonAsciiLookAlike(String name) {
        assertThatThrownBy(() -> DatasetLayout.checkName(name)).isInstanceOf(LakeConfigException.class)
                .hasMessageStartingWith(name.endsWith("_raw") ? "dataset name '" + name + "' ends in '_raw'" : "dataset name must match");
    }

    @Test
    void messagesSayWhatToWriteInstead() {
        assertThatThrownBy(() -> DatasetLayout.checkName("sales-orders")).hasMessage("dataset name must match"
                + " [a-z][a-z0-9_]{2,62} (3 to 63 lowercase letters, digits or '_', starting with a letter), but"
                + " 'sales-orders' was given; write 'sales_orders' ('-' and '_' would name the same Glue table and stack)");
        assertThatThrownBy(() -> DatasetLayout.checkName("orders_raw")).hasMessage("dataset name 'orders_raw' ends in"
                + " '_raw', which the lake reserves for raw Glue tables ('orders_raw' is the raw table of a dataset"
                + " 'orders'); choose another name");
    }

    @Test
    void namesThatDifferKeepEveryPhysicalNameApart() {
        List<String> datasets = List.of("sales_orders", "sales_order", "daily_sales", "hr_employees", "web_events",
                "raw", "raw_data", "sales_orders_rawdata", "x_raw_x", "data_raw1");
        NameCollisions claims = new NameCollisions(DEV);
        Set<String> physical = new HashSet<>();
        for (String dataset : datasets) {
            assertThat(claims.claim(dataset)).as(dataset).isEmpty();
            Collection<String> own = new HashSet<>(NameCollisions.physicalNames(DEV, dataset).values());
            own.remove(dataset); // registry key, Glue table and results prefix spell the name itself
            own.forEach(n -> assertThat(physical.add(n)).as(n).isTrue());
        }
    }

    @Test
    void findDoesNotRecord() {
        NameCollisions claims = new NameCollisions(DEV);
        claims.claim("orders");
        assertThat(claims.find("orders_raw")).isPresent();
        assertThat(claims.find("orders_raw")).isPresent();
        assertThat(claims.claim("customers")).isEmpty();
    }

    private static boolean valid(String name) {
        try {
            DatasetLayout.checkName(name);
            return true;
        } catch (LakeConfigException e) {
            return false;
        }
    }
}
