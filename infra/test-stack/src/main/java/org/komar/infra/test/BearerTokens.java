package org.komar.infra.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.komar.schemas.security.Claims;

/**
 * Bearer tokens for services running in their own JVMs on the test stack, signed with the stack's key as the
 * platform's identity provider would: a subject, one role, and the claims that scope it.
 */
public final class BearerTokens {

  private BearerTokens() {
  }

  /** Agency staff: a role and the unit they work for. */
  public static String agency(String subject, String role, String unitId) {
    return of(subject, role, Map.of(Claims.UNIT, unitId));
  }

  /** Hotline staff: a role and the hotline they work for. */
  public static String hotline(String subject, String role, String hotlineId) {
    return of(subject, role, Map.of(Claims.HOTLINE, hotlineId));
  }

  public static String of(String subject, String role, Map<String, Object> claims) {
    String secret = TestStack.shared().serviceProperties(null)
        .get("micronaut.security.token.jwt.signatures.secret.generator.secret");
    try {
      JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject(subject).claim(Claims.ROLES, List.of(role))
          .expirationTime(Date.from(Instant.now().plusSeconds(600)));
      claims.forEach(builder::claim);
      com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
          builder.build());
      jwt.sign(new MACSigner(secret));
      return "Bearer " + jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
