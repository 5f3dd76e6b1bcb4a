package org.komar.infra.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.komar.schemas.security.Claims;
import org.komar.schemas.security.Roles;

/**
 * Komar's realm in Keycloak, defined once from the contract's {@link Roles} and {@link Claims}: the roles; one
 * client scope that puts a person's roles, unit or hotline and name into their access token under the claim
 * names every service reads; a client per service that calls another (client credentials, its own role, an
 * audience per service it calls); and the console's client, which signs people in with Authorization Code and
 * PKCE. Brute-force protection is on, and nobody can register.
 *
 * <p>{@link #definition} is what every deployment imports: no person in it. {@link #local} adds the local
 * platform's sample accounts and a client that trades their passwords for tokens, for the README's examples;
 * no other realm has either.
 */
public final class KomarRealm {

  public static final String NAME = "komar";
  /** The console's client: it signs people in and calls the services with their tokens. */
  public static final String CONSOLE = "komar-console";
  /** The local platform's client for password sign-in from a terminal or a test; never in {@link #definition}. */
  public static final String LOCAL_CLI = "komar-local-cli";
  /** The client scope that carries Komar's claims. */
  static final String CLAIMS_SCOPE = "komar-claims";

  /**
   * A service that calls others as itself: its client id, its role, the services it calls, and the hotline it works
   * for, if any (its service account's {@code hotline} claim).
   */
  public record ServiceClient(String clientId, String role, List<String> calls, Optional<String> hotline) {

    ServiceClient(String clientId, String role, List<String> calls) {
      this(clientId, role, calls, Optional.empty());
    }
  }

  /** The public reporting page's client: a hotline's web channel. */
  public static final String REPORTING = "reporting-service";
  /**
   * The hotline whose web channel the local platform's reporting page is; a deployment names its own where Keycloak
   * imports the realm ({@code KOMAR_REPORTING_HOTLINE}).
   */
  public static final String REPORTING_HOTLINE = "hotline-1280";

  /** The vault: the services call it as themselves, and forward a person's token to it. */
  public static final String VAULT = "vault-service";

  /**
   * The services that call another as themselves, and whom they call: each seals or opens through the vault
   * (vault-service), the only process that holds a key; the reporting page records intakes through intake-service.
   */
  public static final List<ServiceClient> SERVICES = List.of(
      new ServiceClient("intake-service", Roles.INTAKE_SERVICE, List.of(VAULT)),
      new ServiceClient("routing-service", Roles.ROUTING_SERVICE, List.of(VAULT)),
      new ServiceClient("notification-service", Roles.NOTIFICATION_SERVICE, List.of(VAULT)),
      new ServiceClient(REPORTING, Roles.WEB_REPORTING, List.of("intake-service"), Optional.of(REPORTING_HOTLINE)));
  /**
   * The audiences of a person's token: the services the console calls with it; the vault, which intake and routing
   * forward it to when they ask on the person's behalf (the vault takes no call from a person directly); and
   * notification-service, whose one endpoint for people is its metrics, for auditors and supervisors.
   */
  public static final List<String> PERSON_AUDIENCES = List.of("intake-service", "routing-service", VAULT,
      "notification-service");

  /** A person of the local platform's sample realm. */
  public record Account(String username, String name, Set<String> roles, Optional<String> unit,
      Optional<String> hotline) {

    public Account {
      if (!Roles.PEOPLE.containsAll(roles)) {
        throw new IllegalArgumentException(username + " holds a role no person may hold: " + roles);
      }
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private KomarRealm() {
  }

  /**
   * The realm as a deployment imports it from a file ({@code infra/k8s/keycloak-realm.json}, which docker-compose
   * mounts too): each client's secret and the console's address as placeholders that Keycloak fills in from its
   * environment when it imports the file ({@link #secretVariable}, {@code KOMAR_CONSOLE_URL}).
   */
  public static ObjectNode forDeployment() {
    Map<String, String> secrets = new java.util.LinkedHashMap<>();
    secrets.put(CONSOLE, "${" + secretVariable(CONSOLE) + "}");
    SERVICES.forEach(service -> secrets.put(service.clientId(), "${" + secretVariable(service.clientId()) + "}"));
    ObjectNode realm = definition(secrets, List.of("${KOMAR_CONSOLE_URL}/*"));
    for (var user : realm.get("users")) {
      if (user.path("serviceAccountClientId").asText().equals(REPORTING)) {
        ((ObjectNode) user.get("attributes")).putArray(Claims.HOTLINE).add("${KOMAR_REPORTING_HOTLINE}");
      }
    }
    return realm;
  }

  /** The environment variable that holds a client's secret where Keycloak imports the realm's file. */
  public static String secretVariable(String clientId) {
    return "KOMAR_CLIENT_SECRET_" + clientId.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
  }

  /**
   * The realm every deployment imports.
   *
   * @param secrets each client's secret, by client id: every {@link #SERVICES} client's and the console's
   * @param consoleRedirects where the provider may send a person back to after sign-in, such as
   *     {@code https://console.example.org/*}
   */
  public static ObjectNode definition(Map<String, String> secrets, List<String> consoleRedirects) {
    ObjectNode realm = JSON.createObjectNode()
        .put("realm", NAME)
        .put("displayName", "Komar")
        .put("enabled", true)
        // HTTP only from the machine itself or a private network (behind a TLS-terminating ingress).
        .put("sslRequired", "external")
        .put("registrationAllowed", false)
        .put("resetPasswordAllowed", false)
        .put("rememberMe", false)
        .put("loginWithEmailAllowed", false)
        .put("editUsernameAllowed", false)
        .put("bruteForceProtected", true)
        .put("permanentLockout", false)
        .put("failureFactor", 5)
        .put("waitIncrementSeconds", 60)
        .put("maxFailureWaitSeconds", 900)
        .put("maxDeltaTimeSeconds", 43_200)
        .put("quickLoginCheckMilliSeconds", 1_000)
        .put("minimumQuickLoginWaitSeconds", 60)
        .put("passwordPolicy", "length(12) and notUsername()")
        .put("defaultSignatureAlgorithm", "RS256")
        // Short access tokens; a session lasts a working day at most, and half an hour idle.
        .put("accessTokenLifespan", 300)
        .put("ssoSessionIdleTimeout", 1_800)
        .put("ssoSessionMaxLifespan", 36_000);
    ArrayNode roles = realm.putObject("roles").putArray("realm");
    new TreeSet<>(Roles.ALL).forEach(role -> roles.addObject().put("name", role));
    realm.putArray("clientScopes").add(claimsScope());
    realm.putArray("defaultDefaultClientScopes").add(CLAIMS_SCOPE);
    ObjectNode profileProvider = realm.putObject("components")
        .putArray("org.keycloak.userprofile.UserProfileProvider").addObject()
        .put("providerId", "declarative-user-profile");
    profileProvider.putObject("subComponents");
    profileProvider.putObject("config").putArray("kc.user.profile.config").add(userProfile().toString());
    ArrayNode clients = realm.putArray("clients");
    ArrayNode users = realm.putArray("users");
    for (ServiceClient service : SERVICES) {
      ObjectNode client = confidential(service.clientId(), secret(secrets, service.clientId()))
          .put("serviceAccountsEnabled", true);
      audiences(client, service.calls());
      clients.add(client);
      ObjectNode account = users.addObject().put("username", "service-account-" + service.clientId())
          .put("enabled", true).put("serviceAccountClientId", service.clientId());
      account.putArray("realmRoles").add(service.role());
      ObjectNode attributes = account.putObject("attributes");
      service.hotline().ifPresent(hotline -> attributes.putArray(Claims.HOTLINE).add(hotline));
    }
    ObjectNode console = confidential(CONSOLE, secret(secrets, CONSOLE)).put("standardFlowEnabled", true);
    ArrayNode redirects = console.putArray("redirectUris");
    consoleRedirects.forEach(redirects::add);
    console.putObject("attributes").put("pkce.code.challenge.method", "S256")
        .put("post.logout.redirect.uris", "+");
    audiences(console, PERSON_AUDIENCES);
    clients.add(console);
    return realm;
  }

  /**
   * The local platform's realm: {@link #definition} plus the sample accounts with their passwords, and
   * {@link #LOCAL_CLI}, which signs them in by password.
   */
  public static ObjectNode local(Map<String, String> secrets, List<String> consoleRedirects,
      Map<Account, String> passwords) {
    ObjectNode realm = definition(secrets, consoleRedirects);
    ObjectNode cli = client(LOCAL_CLI).put("publicClient", true).put("directAccessGrantsEnabled", true);
    audiences(cli, PERSON_AUDIENCES);
    ((ArrayNode) realm.get("clients")).add(cli);
    ArrayNode users = (ArrayNode) realm.get("users");
    passwords.forEach((account, password) -> {
      ObjectNode user = users.addObject().put("username", account.username()).put("enabled", true)
          .put("firstName", account.name());
      ObjectNode attributes = user.putObject("attributes");
      account.unit().ifPresent(unit -> attributes.putArray(Claims.UNIT).add(unit));
      account.hotline().ifPresent(hotline -> attributes.putArray(Claims.HOTLINE).add(hotline));
      ArrayNode roles = user.putArray("realmRoles");
      new TreeSet<>(account.roles()).forEach(roles::add);
      user.putArray("credentials").addObject().put("type", "password").put("value", password)
          .put("temporary", false);
    });
    return realm;
  }

  /** Roles, unit, hotline and name in the access token, under the names the services read. */
  private static ObjectNode claimsScope() {
    ObjectNode scope = JSON.createObjectNode().put("name", CLAIMS_SCOPE).put("protocol", "openid-connect");
    scope.putObject("attributes").put("include.in.token.scope", "false");
    ArrayNode mappers = scope.putArray("protocolMappers");
    // Keycloak 25+ adds sub only through its own "basic" scope, which this realm replaces: without this, tokens
    // would name nobody.
    mappers.addObject().put("name", "sub").put("protocol", "openid-connect").put("protocolMapper", "oidc-sub-mapper")
        .putObject("config").put("access.token.claim", "true").put("introspection.token.claim", "true");
    mappers.add(mapper(Claims.ROLES, "oidc-usermodel-realm-role-mapper", Map.of("multivalued", "true")));
    mappers.add(mapper(Claims.UNIT, "oidc-usermodel-attribute-mapper", Map.of("user.attribute", Claims.UNIT)));
    mappers.add(mapper(Claims.HOTLINE, "oidc-usermodel-attribute-mapper",
        Map.of("user.attribute", Claims.HOTLINE)));
    mappers.add(mapper(Claims.NAME, "oidc-usermodel-property-mapper", Map.of("user.attribute", "firstName")));
    mappers.add(mapper("preferred_username", "oidc-usermodel-property-mapper",
        Map.of("user.attribute", "username")));
    return scope;
  }

  private static ObjectNode mapper(String claim, String type, Map<String, String> config) {
    ObjectNode mapper = JSON.createObjectNode().put("name", claim).put("protocol", "openid-connect")
        .put("protocolMapper", type);
    ObjectNode settings = mapper.putObject("config").put("claim.name", claim).put("jsonType.label", "String")
        .put("access.token.claim", "true").put("id.token.claim", "true").put("userinfo.token.claim", "true");
    config.forEach(settings::put);
    return mapper;
  }

  /**
   * Who a person is: a username and a name, which they cannot change themselves, and the unit or hotline they
   * work for, which only an administrator sees and sets. No e-mail is asked for.
   */
  private static ObjectNode userProfile() {
    ObjectNode profile = JSON.createObjectNode();
    ArrayNode attributes = profile.putArray("attributes");
    // Plain names, not Keycloak's ${...} message keys: a deployment's realm file is read with ${...} placeholders
    // replaced from the environment.
    attributes.add(attribute("username", "Username", true));
    attributes.add(attribute("email", "E-mail", false));
    attributes.add(attribute("firstName", "Name", true));
    attributes.add(attribute("lastName", "Last name", false));
    attributes.add(attribute(Claims.UNIT, "Unit", false));
    attributes.add(attribute(Claims.HOTLINE, "Hotline", false));
    profile.putArray("groups");
    return profile;
  }

  private static ObjectNode attribute(String name, String displayName, boolean personSees) {
    ObjectNode attribute = JSON.createObjectNode().put("name", name).put("displayName", displayName)
        .put("multivalued", false);
    ObjectNode permissions = attribute.putObject("permissions");
    ArrayNode view = permissions.putArray("view").add("admin");
    if (personSees) {
      view.add("user");
    }
    permissions.putArray("edit").add("admin");
    return attribute;
  }

  private static ObjectNode client(String clientId) {
    ObjectNode client = JSON.createObjectNode().put("clientId", clientId).put("protocol", "openid-connect")
        .put("enabled", true).put("standardFlowEnabled", false).put("implicitFlowEnabled", false)
        .put("directAccessGrantsEnabled", false).put("serviceAccountsEnabled", false)
        .put("frontchannelLogout", false).put("fullScopeAllowed", true);
    client.putArray("defaultClientScopes").add(CLAIMS_SCOPE);
    client.putArray("optionalClientScopes");
    client.putArray("webOrigins");
    return client;
  }

  private static ObjectNode confidential(String clientId, String secret) {
    return client(clientId).put("publicClient", false).put("clientAuthenticatorType", "client-secret")
        .put("secret", secret);
  }

  /** Adds each called service to the {@code aud} of the client's access tokens. */
  private static void audiences(ObjectNode client, List<String> services) {
    ArrayNode mappers = client.withArray("protocolMappers");
    for (String service : services) {
      mappers.addObject().put("name", "audience " + service).put("protocol", "openid-connect")
          .put("protocolMapper", "oidc-audience-mapper").putObject("config")
          .put("included.custom.audience", service).put("access.token.claim", "true")
          .put("id.token.claim", "false");
    }
  }

  private static String secret(Map<String, String> secrets, String clientId) {
    return Objects.requireNonNull(secrets.get(clientId), () -> "No secret given for client " + clientId);
  }
}
