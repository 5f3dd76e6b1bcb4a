package org.komar.schemas.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RolesTest {

  @Test
  void shouldKnowEveryRoleOfPeopleAndServicesOnce() {
    assertThat(Roles.ALL).hasSize(Roles.PEOPLE.size() + Roles.SERVICES.size())
        .containsAll(Roles.PEOPLE).containsAll(Roles.SERVICES);
    assertThat(Roles.PEOPLE).doesNotContainAnyElementsOf(Roles.SERVICES);
  }
}
