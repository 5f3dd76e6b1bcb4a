package org.komar.infra.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.komar.infra.platform.SampleData;
import org.komar.schemas.security.Roles;

/** What every deployment's realm holds, and what only the local platform's adds. */
class KomarRealmTest {

  private final Map<String, String> secrets = new HashMap<>(Map.of(KomarRealm.CONSOLE, "console-secret"));

  KomarRealmTest() {
    KomarRealm.SERVICES.forEach(service -> secrets.put(service.clientId(), service.clientId() + "-secret"));
  }

  @Test
  void shouldHoldNoPersonAndNoPasswordSignInInTheRealmEveryDeploymentImports() {
    ObjectNode realm = KomarRealm.definition(secrets, List.of("https://console.example.org/*"));

    assertThat(elements(realm.get("users"))).allSatisfy(user ->
        assertThat(user.path("serviceAccountClientId").asText()).as(user.path("username").asText()).isNotEmpty());
    assertThat(elements(realm.get("clients"))).allSatisfy(client -> {
      assertThat(client.path("directAccessGrantsEnabled").asBoolean()).as(client.path("clientId").asText()).isFalse();
      assertThat(client.path("implicitFlowEnabled").asBoolean()).isFalse();
      assertThat(client.path("publicClient").asBoolean()).isFalse();
    });
    assertThat(realm.path("registrationAllowed").asBoolean()).isFalse();
    assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
  }

  @Test
  void shouldLetOnlyTheConsoleSignPeopleInAndOnlyWithPkce() {
    ObjectNode realm = KomarRealm.definition(secrets, List.of("https://console.example.org/*"));

    List<JsonNode> signingIn = elements(realm.get("clients")).stream()
        .filter(client -> client.path("standardFlowEnabled").asBoolean()).toList();
    assertThat(signingIn).extracting(client -> client.path("clientId").asText()).containsExactly(KomarRealm.CONSOLE);
    assertThat(signingIn.getFirst().path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
    assertThat(elements(signingIn.getFirst().path("redirectUris"))).extracting(JsonNode::asText)
        .containsExactly("https://console.example.org/*");
  }

  @Test
  void shouldGiveEachServiceItsOwnRoleAndTheAudiencesOfTheServicesItCalls() {
    ObjectNode realm = KomarRealm.definition(secrets, List.of());

    for (KomarRealm.ServiceClient service : KomarRealm.SERVICES) {
      JsonNode account = elements(realm.get("users")).stream()
          .filter(user -> service.clientId().equals(user.path("serviceAccountClientId").asText())).findFirst()
          .orElseThrow();
      assertThat(elements(account.get("realmRoles"))).extracting(JsonNode::asText).containsExactly(service.role());
      JsonNode client = elements(realm.get("clients")).stream()
          .filter(candidate -> service.clientId().equals(candidate.path("clientId").asText())).findFirst()
          .orElseThrow();
      assertThat(client.path("secret").asText()).isEqualTo(service.clientId() + "-secret");
      assertThat(elements(client.get("protocolMappers")))
          .extracting(mapper -> mapper.path("config").path("included.custom.audience").asText())
          .containsExactlyElementsOf(service.calls());
    }
  }

  @Test
  void shouldAddTheSampleAccountsAndPasswordSignInOnlyToTheLocalRealm() {
    Map<KomarRealm.Account, String> passwords = new HashMap<>();
    SampleData.accounts().forEach(account -> passwords.put(account, "password-of-" + account.username()));

    ObjectNode realm = KomarRealm.local(secrets, List.of(), passwords);

    JsonNode officer = elements(realm.get("users")).stream()
        .filter(user -> "officer-siem-reap".equals(user.path("username").asText())).findFirst().orElseThrow();
    assertThat(officer.path("attributes").path("unit").get(0).asText()).isEqualTo("police-siem-reap-juvenile");
    assertThat(elements(officer.get("realmRoles"))).extracting(JsonNode::asText).containsExactly(Roles.POLICE_OFFICER);
    assertThat(elements(realm.get("clients"))).filteredOn(client -> client.path("directAccessGrantsEnabled").asBoolean())
        .extracting(client -> client.path("clientId").asText()).containsExactly(KomarRealm.LOCAL_CLI);
  }

  @Test
  void shouldRefuseASampleAccountThatHoldsAServicesRole() {
    assertThatThrownBy(() -> new KomarRealm.Account("mallory", "Mallory", Set.of(Roles.ROUTING_SERVICE),
        Optional.empty(), Optional.empty())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRefuseToDefineARealmWithoutAClientsSecret() {
    secrets.remove(KomarRealm.CONSOLE);

    assertThatThrownBy(() -> KomarRealm.definition(secrets, List.of())).hasMessageContaining(KomarRealm.CONSOLE);
  }

  private static List<JsonNode> elements(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).collect(ArrayList::new, List::add, List::addAll);
  }
}
