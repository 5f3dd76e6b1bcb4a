package org.komar.console.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.komar.schemas.security.Roles;

/** accounts.json is data: a role misspelt there would sign a person in to pages every service refuses. */
class LocalAccountsTest {

  @Test
  void shouldNameOnlyRolesAPersonMayHold() throws Exception {
    LocalAccounts accounts = new LocalAccounts(ObjectMapper.getDefault(), "");

    assertThat(accounts.all()).isNotEmpty()
        .allSatisfy(account -> assertThat(Roles.PEOPLE).as(account.username()).containsAll(account.roles()));
  }
}
