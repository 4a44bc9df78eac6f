package io.datalake.app.dataset;

import static io.datalake.app.dataset.SynthesizedLake.ACCOUNT;
import static io.datalake.app.dataset.SynthesizedLake.arnOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.app.dataset.PolicyEvaluator.Caller;
import io.datalake.constructs.access.InternalReaderRole;
import io.datalake.core.AccessLevel;
import io.datalake.core.RegistryTable;
import io.datalake.core.Tier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IRole;

/**
 * Keeps the README's table of what each role can and cannot do true: every claim of the table is
 * evaluated against the synthesized dev environment. A claim is {@code ACTION RESOURCE[+CONTEXT...]}:
 * <ul>
 *   <li>{@code data:<tier>/<key>}, {@code drop:<tier>/<key>}: an object of a tier's data or drop bucket;</li>
 *   <li>{@code glue:<tier>/<table>}, {@code workgroup:<dataset>}, {@code queue} (the drop queue),
 *       {@code role:<dataset>-<level>} (for {@code sts:AssumeRole}: that role's trust policy decides);</li>
 *   <li>{@code registry:<table>/<partition key>}: the item key is {@code dynamodb:LeadingKeys};</li>
 *   <li>{@code key:<tier>}: used through S3 ({@code kms:ViaService}), or with {@code !direct} directly;</li>
 *   <li>context: {@code +inm} (If-None-Match: *), {@code +copy=<object>} (a server-side copy's source),
 *       {@code +attrs=a,b} (the item attributes a DynamoDB call touches).</li>
 * </ul>
 * The deployer's claims are evaluated against the tier key's policy, counting only the statements
 * that name the key administrators (what the account delegates to IAM is the IAM policies' business).
 */
class RoleTableTest {
    static final Path README = Path.of("..", "README.md");
    static final Pattern ROW = Pattern.compile("^\\| ([^|`]+?) \\| (.+?) \\| (.+?) \\|$");
    static final Pattern CLAIM = Pattern.compile("`([a-z0-9-]+:[A-Za-z]+) ([^`]+)`");
    static SynthesizedLake lake;

    @BeforeAll
    static void synth() {
        lake = new SynthesizedLake(List.of());
    }

    /** The rows of the table, by role: [can, cannot]. */
    static Map<String, String[]> table() throws IOException {
        List<String> lines = Files.readAllLines(README);
        int start = lines.indexOf("| role | can | cannot |");
        assertThat(start).as("the README's role table").isPositive();
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            Matcher row = ROW.matcher(lines.get(i));
            assertThat(row.matches()).as("row %s", lines.get(i)).isTrue();
            rows.put(row.group(1).trim(), new String[] {row.group(2), row.group(3)});
        }
        return rows;
    }

    @Test
    void everyRoleOfTheLakeHasARow() throws IOException {
        assertThat(table()).containsOnlyKeys("dataset read", "dataset write", "dataset admin", "default reader", "ingest",
                "API", "pipeline", "conversion", "deployer (key administrator)");
    }

    @Test
    void everyClaimOfTheTableHoldsInTheSynthesizedTemplates() throws IOException {
        int claims = 0;
        for (Map.Entry<String, String[]> row : table().entrySet()) {
            for (int column = 0; column < 2; column++) {
                boolean expected = column == 0;
                Matcher claim = CLAIM.matcher(row.getValue()[column]);
                int found = 0;
                while (claim.find()) {
                    assertThat(holds(row.getKey(), claim.group(1), claim.group(2)))
                            .as("%s %s `%s %s`", row.getKey(), expected ? "can" : "cannot", claim.group(1), claim.group(2))
                            .isEqualTo(expected);
                    found++;
                }
                assertThat(found).as("claims of %s", row.getKey()).isPositive();
                claims += found;
            }
        }
        assertThat(claims).isGreaterThan(40);
    }

    private static boolean holds(String roleName, String action, String spec) {
        String[] parts = spec.split("\\+");
        Map<String, Object> context = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            switch (kv[0]) {
                case "inm" -> context.put("s3:if-none-match", "*");
                case "copy" -> context.put("s3:x-amz-copy-source", objectKey(kv[1]));
                case "attrs" -> context.put("dynamodb:Attributes", List.of(kv[1].split(",")));
                default -> throw new IllegalArgumentException("unknown claim context " + parts[i]);
            }
        }
        if (roleName.startsWith("deployer")) {
            return keyAdministration(parts[0]).allows(Caller.aws(keyAdmin()), action, "*", context);
        }
        IRole role = role(roleName);
        if (action.equals("sts:AssumeRole")) {
            String[] target = parts[0].substring("role:".length()).split("-(?=[a-z]+$)");
            IRole assumed = lake.datasets.get(target[0]).roles().role(AccessLevel.valueOf(target[1].toUpperCase()));
            String caller = "arn:aws:iam::" + ACCOUNT + ":role/" + lake.names.defaultReaderRole();
            return lake.trust(assumed).allows(Caller.aws(caller), action);
        }
        return lake.identity(role).allows(action, resource(role, parts[0], context), context);
    }

    private static IRole role(String name) {
        return switch (name) {
            case "dataset read" -> lake.datasets.get("sales_orders").roles().role(AccessLevel.READ);
            case "dataset write" -> lake.datasets.get("sales_orders").roles().role(AccessLevel.WRITE);
            case "dataset admin" -> lake.datasets.get("sales_orders").roles().role(AccessLevel.ADMIN);
            case "default reader" -> ((InternalReaderRole) lake.environment.getNode().findChild("InternalReader")).role();
            case "ingest" -> lake.environment.ingest().function().role();
            case "API" -> lake.environment.api().function().role();
            case "pipeline" -> lake.pipelines.pipelines().get("daily_sales").role();
            case "conversion" -> lake.pipelines.conversion().role();
            default -> throw new IllegalArgumentException("no role " + name);
        };
    }

    /** The resource as the role's own stack renders it: by reference in the environment stack, by name elsewhere. */
    private static String resource(IRole role, String spec, Map<String, Object> context) {
        boolean local = Stack.of(role) == lake.environment;
        String kind = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
        String rest = spec.substring(kind.length() + (spec.contains(":") ? 1 : 0));
        switch (kind) {
            case "data", "drop" -> {
                Tier tier = Tier.valueOf(rest.substring(0, rest.indexOf('/')).toUpperCase());
                String key = rest.substring(rest.indexOf('/') + 1);
                String bucket = local ? arnOf(kind.equals("data") ? lake.environment.storage().tier(tier).bucket()
                        : lake.environment.dropZone().dropBucket(tier))
                        : "arn:aws:s3:::" + (kind.equals("data") ? lake.names.dataBucket(tier) : lake.names.dropBucket(tier));
                return bucket + "/" + key;
            }
            case "glue" -> {
                Tier tier = Tier.valueOf(rest.substring(0, rest.indexOf('/')).toUpperCase());
                return "arn:aws:glue:eu-west-1:" + ACCOUNT + ":table/" + lake.names.glueDatabase(tier) + "/" + rest.substring(rest.indexOf('/') + 1);
            }
            case "workgroup" -> {
                return "arn:aws:athena:eu-west-1:" + ACCOUNT + ":workgroup/" + lake.names.datasetWorkgroup(rest);
            }
            case "queue" -> {
                return arnOf(lake.environment.dropZone().queue());
            }
            case "role" -> {
                String[] target = rest.split("-(?=[a-z]+$)");
                return "arn:aws:iam::" + ACCOUNT + ":role/" + lake.names.datasetRole(target[0], AccessLevel.valueOf(target[1].toUpperCase()));
            }
            case "registry" -> {
                RegistryTable table = RegistryTable.valueOf(rest.substring(0, rest.indexOf('/')).toUpperCase());
                context.put("dynamodb:LeadingKeys", List.of(rest.substring(rest.indexOf('/') + 1)));
                return local ? arnOf(lake.environment.registry().table(table))
                        : "arn:aws:dynamodb:eu-west-1:" + ACCOUNT + ":table/" + lake.names.registryTable(table);
            }
            case "key" -> {
                boolean direct = rest.endsWith("!direct");
                Tier tier = Tier.valueOf(rest.replace("!direct", "").toUpperCase());
                if (!direct) {
                    context.put("kms:ViaService", "s3.eu-west-1.amazonaws.com");
                }
                return local ? arnOf(lake.environment.storage().tier(tier).key()) : "import:" + lake.names.tierKeyExport(tier);
            }
            default -> throw new IllegalArgumentException("unknown claim resource " + spec);
        }
    }

    private static String objectKey(String spec) {
        String kind = spec.substring(0, spec.indexOf(':'));
        String rest = spec.substring(kind.length() + 1);
        Tier tier = Tier.valueOf(rest.substring(0, rest.indexOf('/')).toUpperCase());
        return (kind.equals("data") ? lake.names.dataBucket(tier) : lake.names.dropBucket(tier)) + "/" + rest.substring(rest.indexOf('/') + 1);
    }

    private static String keyAdmin() {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + lake.names.environment().settings().keyAdmins().get(0)
                .replace("${AWS::AccountId}", ACCOUNT).replace("${AWS::Region}", "eu-west-1");
    }

    /** The statements of a tier key's policy that name principals other than the account. */
    private static PolicyEvaluator keyAdministration(String spec) {
        Tier tier = Tier.valueOf(spec.substring("key:".length()).toUpperCase());
        List<Map<String, Object>> named = new ArrayList<>();
        for (Map<String, Object> statement : lake.view(lake.environment).keyPolicyOf(
                SynthesizedLake.logicalId(lake.environment.storage().tier(tier).key()))) {
            if (!String.valueOf(statement.get("Principal")).endsWith(":root}")) {
                named.add(statement);
            }
        }
        return new PolicyEvaluator(named);
    }
}
