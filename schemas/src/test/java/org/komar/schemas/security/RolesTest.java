package org.komar.schemas.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RolesTest {

  @Test
  void shouldGiveEachServiceCallingTheVaultTheRoleTheVaultChecks() {
    // The services' micronaut.application.name, as VaultClient turns it into the role of its tokens
    assertThat(Roles.ofService("routing-service")).isEqualTo(Roles.ROUTING_SERVICE);
    assertThat(Roles.ofService("notification-service")).isEqualTo(Roles.NOTIFICATION_SERVICE);
  }

  @Test
  void shouldKnowEveryRoleOfPeopleAndServicesOnce() {
    assertThat(Roles.ALL).hasSize(Roles.PEOPLE.size() + Roles.SERVICES.size())
        .containsAll(Roles.PEOPLE).containsAll(Roles.SERVICES);
    assertThat(Roles.PEOPLE).doesNotContainAnyElementsOf(Roles.SERVICES);
  }
}
