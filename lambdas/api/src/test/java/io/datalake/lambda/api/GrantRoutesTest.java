package io.datalake.lambda.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.datalake.core.PercentCodec;
import io.datalake.core.Tier;
import io.datalake.lambda.api.testing.Events;
import io.datalake.lambda.api.testing.LakeEnv;
import io.datalake.lambda.api.testing.Reply;
import io.datalake.lambda.api.testing.TestLake;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Grants change the trust policies held by the fake IAM endpoint, over the SDK's Query protocol. */
@ExtendWith(TestLake.Extension.class)
class GrantRoutesTest {
    private static final String ANALYTICS = "arn:aws:iam::210987654321:role/analytics";
    private static LakeEnv env;
    private static String readRole;
    private static String writeRole;

    @BeforeAll
    static void start(TestLake lake) {
        env = lake.environment("grt");
        env.iam().addPrincipal(ANALYTICS);
        readRole = env.names().datasetRole("orders", io.datalake.core.AccessLevel.READ);
        writeRole = env.names().datasetRole("orders", io.datalake.core.AccessLevel.WRITE);
    }

    private static APIGatewayProxyRequestEvent on(String dataset, APIGatewayProxyRequestEvent event) {
        Map<String, String> parameters = new java.util.HashMap<>(event.getPathParameters());
        parameters.put("name", dataset);
        return event.withPath(event.getPath().replace("/orders", "/" + dataset)).withPathParameters(parameters);
    }

    @Test
    void grantThenRevokeChangesTheRolesTrustPolicy() {
        env.dataset("orders", Tier.INTERNAL);
        String before = env.iam().trustPolicy(readRole);

        Reply granted = env.call(Events.load("post-grant"));
        assertThat(granted.status()).isEqualTo(201);
        assertThat(granted.body().path("role").asText()).isEqualTo(readRole);
        assertThat(granted.body().path("roleArn").asText()).isEqualTo("arn:aws:iam::123456789012:role/" + readRole);
        assertThat(granted.body().path("grantedBy").asText()).isEqualTo("arn:aws:sts::123456789012:assumed-role/lake-admin/bob");
        assertThat(granted.headers().get("Location"))
                .isEqualTo("/prod/datasets/orders/grants/arn%3Aaws%3Aiam%3A%3A210987654321%3Arole%2Fanalytics");
        assertThat(TrustPolicy.parse(env.iam().trustPolicy(readRole)).granted()).containsExactly(ANALYTICS);
        assertThat(env.iam().trustPolicy(readRole)).contains("arn:aws:iam::123456789012:root");

        Reply list = env.call(Events.load("list-grants"));
        assertThat(list.body().path("grants").findValuesAsText("principal")).containsExactly(ANALYTICS);

        Reply again = env.call(Events.load("post-grant"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.message()).contains("already has read access");

        Reply revoked = env.call(Events.load("delete-grant"));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.body().path("revoked").asBoolean()).isTrue();
        assertThat(revoked.body().path("level").asText()).isEqualTo("read");
        assertThat(env.iam().trustPolicy(readRole)).isEqualTo(before);
        assertThat(env.call(Events.load("list-grants")).body().path("grants").size()).isZero();

        Reply gone = env.call(Events.load("delete-grant"));
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.message()).contains("has no grant on dataset orders");
    }

    private static APIGatewayProxyRequestEvent as(String callerArn, APIGatewayProxyRequestEvent event) {
        event.getRequestContext().getIdentity().setUserArn(callerArn);
        return event;
    }

    @Test
    void onlyTheDatasetsAdministratorsMayGrantOrRevoke() {
        env.dataset("payroll", Tier.SENSITIVE);
        String role = env.names().datasetRole("payroll", io.datalake.core.AccessLevel.READ);
        String before = env.iam().trustPolicy(role);
        String producer = "arn:aws:sts::123456789012:assumed-role/data-producer/alice";

        Reply refused = env.call(as(producer, on("payroll", Events.load("post-grant"))));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("Forbidden");
        assertThat(refused.message()).isEqualTo(producer + " is not an administrator of dataset payroll: grants are"
                + " changed through the dataset's admin role " + env.names().datasetRole("payroll",
                io.datalake.core.AccessLevel.ADMIN) + " or a role its file lists under access.admin");
        assertThat(env.iam().trustPolicy(role)).isEqualTo(before);
        assertThat(env.call(on("payroll", Events.load("list-grants"))).body().path("grants").size()).isZero();
        assertThat(env.call(as(null, on("payroll", Events.load("post-grant")))).message())
                .startsWith("the request carries no IAM identity: ");

        // A session of the dataset's own admin role may; so may the role its file lists (the events' lake-admin).
        String admin = "arn:aws:sts::123456789012:assumed-role/"
                + env.names().datasetRole("payroll", io.datalake.core.AccessLevel.ADMIN) + "/carol";
        assertThat(env.call(as(admin, on("payroll", Events.load("post-grant")))).status()).isEqualTo(201);
        assertThat(env.call(as(producer, on("payroll", Events.load("delete-grant")))).status()).isEqualTo(403);
        assertThat(TrustPolicy.parse(env.iam().trustPolicy(role)).granted()).containsExactly(ANALYTICS);
        assertThat(env.call(on("payroll", Events.load("delete-grant"))).status()).isEqualTo(200);
        assertThat(env.iam().trustPolicy(role)).isEqualTo(before);
    }

    @Test
    void aChangeWaitsForTheDatasetsGrantLockAndGivesUpWith409() {
        env.dataset("ledger", Tier.RESTRICTED);
        String role = env.names().datasetRole("ledger", io.datalake.core.AccessLevel.READ);
        String before = env.iam().trustPolicy(role);
        // Another invocation holds the lock, e.g. a grant of another principal in flight.
        assertThat(env.grants().lock("ledger", "other-invocation", java.time.Instant.now(), java.time.Duration.ofSeconds(30)))
                .isTrue();

        Reply busy = env.call(on("ledger", Events.load("post-grant")));
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.message()).isEqualTo("another change to the grants of dataset ledger is in progress; try again"
                + " in a moment");
        assertThat(env.iam().trustPolicy(role)).as("nothing changed while locked out").isEqualTo(before);

        env.grants().unlock("ledger", "other-invocation");
        assertThat(env.call(on("ledger", Events.load("post-grant"))).status()).isEqualTo(201);
        assertThat(env.call(on("ledger", Events.load("delete-grant"))).status()).as("the lock was given back").isEqualTo(200);
        assertThat(env.grants().lock("ledger", "after", java.time.Instant.now(), java.time.Duration.ofSeconds(30))).isTrue();
        env.grants().unlock("ledger", "after");
    }

    @Test
    void answers409ForAnotherLevelUntilTheFirstGrantIsRevoked() {
        env.dataset("sales", Tier.INTERNAL);
        assertThat(env.call(on("sales", Events.load("post-grant"))).status()).isEqualTo(201);
        Reply write = env.call(on("sales", Events.load("post-grant")).withBody(
                "{\"principal\":\"" + ANALYTICS + "\",\"level\":\"write\"}"));
        assertThat(write.status()).isEqualTo(409);
        assertThat(write.message()).contains("already has read access", "revoke it first");
        assertThat(env.call(on("sales", Events.load("delete-grant"))).status()).isEqualTo(200);
    }

    @Test
    void answers409WhenTheDatasetFileAlreadyLetsThePrincipalIn() {
        env.dataset("stock", Tier.RESTRICTED);
        String role = env.names().datasetRole("stock", io.datalake.core.AccessLevel.WRITE);
        env.iam().createRole(role, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"" + ANALYTICS + "\"}}]}");
        Reply reply = env.call(on("stock", Events.load("post-grant")).withBody("{\"principal\":\"" + ANALYTICS + "\",\"level\":\"write\"}"));
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.message()).contains("through the dataset file");
    }

    @Test
    void completesAGrantOrRevokeThatFailedHalfway() {
        env.dataset("prices", Tier.INTERNAL);
        String role = env.names().datasetRole("prices", io.datalake.core.AccessLevel.READ);
        // IAM was changed, the registry write did not happen.
        env.iam().createRole(role, TrustPolicy.parse(env.iam().trustPolicy(role)).withGrant(ANALYTICS).toJson());
        Reply granted = env.call(on("prices", Events.load("post-grant")));
        assertThat(granted.status()).isEqualTo(201);
        assertThat(env.call(on("prices", Events.load("list-grants"))).body().path("grants").size()).isEqualTo(1);

        // The registry forgot the grant, IAM still has it: revoking still cleans IAM.
        new io.datalake.registry.GrantRegistry(env.lake().dynamo(), env.names()).revoke("prices", ANALYTICS);
        Reply revoked = env.call(on("prices", Events.load("delete-grant")));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(TrustPolicy.parse(env.iam().trustPolicy(role)).granted()).isEmpty();
    }

    @Test
    void answers400NamingTheFieldIamOrTheApiRefuses() {
        env.dataset("refunds", Tier.INTERNAL);
        Reply admin = env.call(on("refunds", Events.load("post-grant-admin-level")));
        assertThat(admin.status()).isEqualTo(400);
        assertThat(admin.field()).isEqualTo("level");
        assertThat(admin.message()).contains("admin access is given in the dataset file");

        Reply name = env.call(on("refunds", Events.load("post-grant-bad-principal")));
        assertThat(name.status()).isEqualTo(400);
        assertThat(name.field()).isEqualTo("principal");

        Reply ghost = env.call(on("refunds", Events.load("post-grant")).withBody(
                "{\"principal\":\"arn:aws:iam::210987654321:role/ghost\",\"level\":\"read\"}"));
        assertThat(ghost.status()).isEqualTo(400);
        assertThat(ghost.field()).isEqualTo("principal");
        assertThat(ghost.message()).contains("Invalid principal in policy");
        assertThat(env.call(on("refunds", Events.load("list-grants"))).body().path("grants").size()).isZero();

        Reply badPath = env.call(on("refunds", Events.load("delete-grant")).withPathParameters(
                Map.of("name", "refunds", "principal", "analytics")));
        assertThat(badPath.status()).isEqualTo(400);
        assertThat(badPath.field()).isEqualTo("principal");
    }

    @Test
    void answers404ForAnUnknownDatasetAnd409WhenItsRolesAreNotDeployed() {
        assertThat(env.call(on("returns", Events.load("post-grant"))).status()).isEqualTo(404);
        assertThat(env.call(on("returns", Events.load("delete-grant"))).status()).isEqualTo(404);
        env.dataset("pending", Tier.INTERNAL, false);
        Reply reply = env.call(on("pending", Events.load("post-grant")));
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.message()).contains("does not exist", "deploy-dataset");
    }

    @Test
    void theAuthorityComesFromTheAdminRolesTrustPolicyNotFromTheRegistryItem() {
        env.dataset("salaries", Tier.SENSITIVE);
        String producer = "arn:aws:sts::123456789012:assumed-role/data-producer/alice";
        // A pipeline role that reads the dataset rewrites its registry item to name itself an administrator.
        String spec = "{\"name\":\"salaries\",\"tier\":\"sensitive\",\"owner\":\"data-team\",\"description\":\"x\","
                + "\"format\":{\"type\":\"csv\"},\"access\":{\"admin\":[\"data-producer\"]}}";
        new io.datalake.registry.DatasetRegistry(env.lake().dynamo(), env.names()).register(new io.datalake.registry.DatasetRegistration(
                "salaries", Tier.SENSITIVE, "data-team", "x", env.names().environment().name(), env.names().datasetStack("salaries"),
                spec, java.time.Instant.now()));
        String role = env.names().datasetRole("salaries", io.datalake.core.AccessLevel.READ);
        String before = env.iam().trustPolicy(role);

        Reply refused = env.call(as(producer, on("salaries", Events.load("post-grant"))));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(env.iam().trustPolicy(role)).isEqualTo(before);
        // The role the admin role's trust policy names (the events' lake-admin) still may, whatever the item says.
        assertThat(env.call(on("salaries", Events.load("post-grant"))).status()).isEqualTo(201);
        assertThat(env.iam().actions()).contains("GetRole");
        assertThat(env.call(on("salaries", Events.load("delete-grant"))).status()).isEqualTo(200);
    }

    @Test
    void aCallerOfAnotherAccountOrPartitionIsNoAdministrator() {
        env.dataset("invoices", Tier.RESTRICTED);
        String adminRole = env.names().datasetRole("invoices", io.datalake.core.AccessLevel.ADMIN);
        for (String caller : List.of(
                "arn:aws:sts::999999999999:assumed-role/" + adminRole + "/mallory",
                "arn:aws:sts::999999999999:assumed-role/lake-admin/mallory",
                "arn:aws-cn:sts::123456789012:assumed-role/" + adminRole + "/mallory",
                "arn:aws-us-gov:sts::123456789012:assumed-role/lake-admin/mallory",
                "arn:aws-evil:sts::123456789012:assumed-role/" + adminRole + "/mallory",
                "arn:aws:sts::123456789012:assumed-role/" + adminRole + "-x/mallory",
                "arn:aws:iam::123456789012:role/" + adminRole,
                "arn:aws:iam::123456789012:user/lake-admin",
                "arn:aws:sts::123456789012:federated-user/lake-admin",
                "arn:aws:sts::123456789012:assumed-role/lake-admin",
                "arn:aws:sts::123456789012:assumed-role/lake-admin/bob/extra")) {
            Reply reply = env.call(as(caller, on("invoices", Events.load("post-grant"))));
            assertThat(reply.status()).as(caller).isEqualTo(403);
        }
        assertThat(env.call(on("invoices", Events.load("list-grants"))).body().path("grants").size()).isZero();
        // The same role in another case is the same role: IAM role names do not differ by case.
        String upper = "arn:aws:sts::123456789012:assumed-role/" + adminRole.toUpperCase(java.util.Locale.ROOT) + "/carol";
        assertThat(env.call(as(upper, on("invoices", Events.load("post-grant")))).status()).isEqualTo(201);
        assertThat(env.call(on("invoices", Events.load("delete-grant"))).status()).isEqualTo(200);
    }

    @Test
    void aPrincipalGrantedOnceIsTheSameInAnyCaseOfItsRoleName() {
        env.dataset("margins", Tier.INTERNAL);
        String role = env.names().datasetRole("margins", io.datalake.core.AccessLevel.READ);
        String before = env.iam().trustPolicy(role);
        assertThat(env.call(on("margins", Events.load("post-grant"))).status()).isEqualTo(201);
        String shouted = "arn:aws:iam::210987654321:role/ANALYTICS";

        for (String level : List.of("read", "write")) {
            Reply again = env.call(on("margins", Events.load("post-grant")).withBody(
                    "{\"principal\":\"" + shouted + "\",\"level\":\"" + level + "\"}"));
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.message()).contains("already has read access", "granted as " + ANALYTICS);
        }
        assertThat(TrustPolicy.parse(env.iam().trustPolicy(role)).granted()).containsExactly(ANALYTICS);
        assertThat(env.iam().trustPolicy(env.names().datasetRole("margins", io.datalake.core.AccessLevel.WRITE)))
                .doesNotContain("210987654321");

        Reply revoked = env.call(on("margins", Events.load("delete-grant")).withPath("/datasets/margins/grants/"
                + PercentCodec.encode("arn:aws:iam::210987654321:role/Analytics"))
                .withPathParameters(Map.of("name", "margins", "principal", PercentCodec.encode("arn:aws:iam::210987654321:role/Analytics"))));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(env.iam().trustPolicy(role)).isEqualTo(before);
        assertThat(env.call(on("margins", Events.load("list-grants"))).body().path("grants").size()).isZero();
    }
}
