package org.komar.infra.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.komar.infra.identity.KomarRealm;

/**
 * The bearer tokens an attacker would try on a service, each wrong in one way only, beside a valid one made of the
 * same claims: so that a test which sees the valid one pass knows each refusal is for that one defect. Every token
 * is for a person of {@code claims}' role and scope, as {@link TestIssuer#personToken} makes them.
 */
public final class ForgedTokens {

  private final TestIssuer issuer;
  private final String subject;
  private final List<String> roles;
  private final Map<String, Object> claims;
  private final List<String> audiences;

  /** Tokens for the services the console calls (intake, routing), as a person's are. */
  public ForgedTokens(TestIssuer issuer, String subject, List<String> roles, Map<String, Object> claims) {
    this(issuer, subject, roles, claims, KomarRealm.PERSON_AUDIENCES);
  }

  /** Tokens addressed to {@code audiences}: the valid one is then valid at each of them. */
  public ForgedTokens(TestIssuer issuer, String subject, List<String> roles, Map<String, Object> claims,
      List<String> audiences) {
    this.issuer = issuer;
    this.subject = subject;
    this.roles = roles;
    this.claims = claims;
    this.audiences = audiences;
  }

  /** The valid token: issued, signed, addressed and dated right. */
  public String valid() {
    return bearer(issuer.sign(claims().build()));
  }

  /** Each defective token by what is wrong with it; all are refused with 401. */
  public Map<String, String> forged() {
    Map<String, String> forged = new LinkedHashMap<>();
    forged.put("signed by a key not in the JWKS", bearer(TestIssuer.sign(claims().build(), TestIssuer.newKey())));
    forged.put("signed by another key under the issuer's key id", bearer(TestIssuer.sign(claims().build(),
        otherKey(issuer.keyId()))));
    forged.put("its claims changed after signing", bearer(tampered(issuer.sign(claims().build()))));
    forged.put("expired", bearer(issuer.sign(claims().expirationTime(Date.from(Instant.now().minusSeconds(60)))
        .build())));
    forged.put("no exp", bearer(issuer.sign(claims().expirationTime(null).build())));
    forged.put("for another audience only", bearer(issuer.sign(claims().audience(List.of("account")).build())));
    forged.put("no audience", bearer(issuer.sign(claims().audience((String) null).build())));
    forged.put("another issuer", bearer(issuer.sign(claims().issuer(issuer.issuer().replace("/komar", "/master"))
        .build())));
    forged.put("unsigned (alg none)", bearer(unsigned(claims().build())));
    forged.put("HS256 keyed with the issuer's public key", bearer(hmacWithPublicKey(claims().build())));
    forged.put("not a token", "Bearer not.a.token");
    return forged;
  }

  private JWTClaimsSet.Builder claims() {
    return issuer.claims(subject, roles, audiences, claims);
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  private static RSAKey otherKey(String keyId) {
    try {
      return new RSAKeyGenerator(2048).keyID(keyId).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The signed token with its payload replaced: a day more, same signature. */
  private static String tampered(String token) {
    String[] parts = token.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String longer = payload.replaceFirst("\"exp\":(\\d+)", "\"exp\":9$1");
    return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(longer.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
  }

  private static String unsigned(JWTClaimsSet claims) {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    return url.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + url.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
  }

  /** The classic confusion: HMAC keyed with the bytes of the public key that the JWKS publishes. */
  private String hmacWithPublicKey(JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(issuer.keyId()).build(), claims);
      jwt.sign(new MACSigner(issuer.publicKeyJson().getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
