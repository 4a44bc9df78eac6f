package io.datalake.lambda.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.lambda.api.exceptions.BadRequest;
import io.datalake.lambda.api.exceptions.MethodNotAllowed;
import io.datalake.lambda.api.exceptions.NotFound;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static final Router.Handler NONE = request -> ApiResponse.ok(Json.object());
    private final Router router = Router.builder()
            .add("GET", "/datasets", NONE)
            .add("GET", "/datasets/{name}", NONE)
            .add("GET", "/datasets/{name}/updates", NONE)
            .add("POST", "/datasets/{name}/updates", NONE)
            .add("DELETE", "/datasets/{name}/grants/{principal}", NONE)
            .build();

    @Test
    void matchesApiGatewaysResourceAndDecodesItsParameters() {
        Router.Match match = router.match("DELETE", "/datasets/{name}/grants/{principal}",
                "/datasets/orders/grants/arn%3Aaws%3Aiam%3A%3A210987654321%3Arole%2Fa%2Bb",
                Map.of("name", "orders", "principal", "arn%3Aaws%3Aiam%3A%3A210987654321%3Arole%2Fa%2Bb"));
        assertThat(match.route()).isEqualTo(new Router.Route("DELETE", "/datasets/{name}/grants/{principal}"));
        assertThat(match.parameters()).containsEntry("principal", "arn:aws:iam::210987654321:role/a+b");
    }

    @Test
    void takesParametersApiGatewayAlreadyDecodedAsTheyAre() {
        Router.Match match = router.match("DELETE", "/datasets/{name}/grants/{principal}", "/ignored",
                Map.of("name", "orders", "principal", "arn:aws:iam::210987654321:role/a+b"));
        assertThat(match.parameters()).containsEntry("principal", "arn:aws:iam::210987654321:role/a+b");
    }

    @Test
    void matchesThePathWhenTheResourceIsAGreedyProxy() {
        Router.Match match = router.match("POST", "/{proxy+}", "/datasets/orders/updates/", Map.of("proxy", "datasets/orders/updates"));
        assertThat(match.route().toString()).isEqualTo("POST /datasets/{name}/updates");
        assertThat(match.parameters()).containsExactlyEntriesOf(Map.of("name", "orders"));
    }

    @Test
    void failsWithNotFoundForAnUnknownPath() {
        assertThatThrownBy(() -> router.match("GET", null, "/datasets/orders/snapshots", null))
                .isInstanceOf(NotFound.class).hasMessageContaining("no route GET /datasets/orders/snapshots");
    }

    @Test
    void failsWithMethodNotAllowedListingTheMethodsThePathTakes() {
        assertThatThrownBy(() -> router.match("PUT", null, "/datasets/orders/updates", null))
                .isInstanceOfSatisfying(MethodNotAllowed.class, e -> assertThat(e.allowed()).containsExactly("GET", "POST"));
    }

    @Test
    void failsWithBadRequestNamingAParameterThatIsBadlyEncoded() {
        assertThatThrownBy(() -> router.match("GET", null, "/datasets/or%zzders", null))
                .isInstanceOfSatisfying(BadRequest.class, e -> assertThat(e.field()).isEqualTo("name"));
    }

    @Test
    void failsWhenARouteIsAddedTwice() {
        assertThatThrownBy(() -> Router.builder().add("GET", "/runs", NONE).add("get", "/runs", NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GET /runs is added twice");
    }
}
