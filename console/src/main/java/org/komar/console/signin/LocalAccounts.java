package org.komar.console.signin;

import io.micronaut.context.annotation.Value;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The development platform's accounts: one per role and unit ({@code accounts.json}), all with the platform's
 * local console password ({@code CONSOLE_PASSWORD}). A deployment signs people in through its identity provider
 * instead and sets no password here, which leaves every local account locked.
 */
@Singleton
public final class LocalAccounts {

  /** An account; {@code unit} for agencies' staff, {@code hotline} for hotline operators. */
  @Serdeable
  public record Account(String username, String name, List<String> roles, String unit, String hotline) {
  }

  private final Map<String, Account> accounts;
  private final byte[] password;

  LocalAccounts(ObjectMapper json, @Value("${komar.console.password:}") String password) throws IOException {
    try (InputStream in = LocalAccounts.class.getResourceAsStream("/accounts.json")) {
      this.accounts = json.readValue(in, io.micronaut.core.type.Argument.listOf(Account.class)).stream()
          .collect(Collectors.toUnmodifiableMap(Account::username, Function.identity()));
    }
    this.password = password.getBytes(StandardCharsets.UTF_8);
  }

  /** The account, if the password is the local one; compared in constant time. */
  public Optional<Account> signIn(String username, String offered) {
    Account account = accounts.get(username);
    boolean matches = password.length >= 12
        && MessageDigest.isEqual(password, offered.getBytes(StandardCharsets.UTF_8));
    return matches ? Optional.ofNullable(account) : Optional.empty();
  }

  public Optional<Account> find(String username) {
    return Optional.ofNullable(accounts.get(username));
  }

  /** Every local account, for the test that checks the roles they name. */
  Collection<Account> all() {
    return accounts.values();
  }
}
