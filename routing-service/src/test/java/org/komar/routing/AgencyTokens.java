package org.komar.routing;

import jakarta.inject.Singleton;
import org.komar.infra.test.BearerTokens;

/** Bearer tokens of agency staff for tests, from the test stack's identity provider (TestIssuer). */
@Singleton
public final class AgencyTokens {

  public String of(String subject, String role, String unitId) {
    return BearerTokens.agency(subject, role, unitId);
  }
}
