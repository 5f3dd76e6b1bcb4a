package org.komar.routing.e2e;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.komar.infra.test.TestStack;

/** Tokens for services running in their own JVM on the test stack, signed with the stack's key. */
final class JwtTokens {

  private JwtTokens() {
  }

  static String bearer(String subject, String role, String unitId) {
    String secret = TestStack.shared().serviceProperties(null)
        .get("micronaut.security.token.jwt.signatures.secret.generator.secret");
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject(subject)
          .claim("roles", List.of(role)).claim("unit", unitId)
          .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
      jwt.sign(new MACSigner(secret));
      return "Bearer " + jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
