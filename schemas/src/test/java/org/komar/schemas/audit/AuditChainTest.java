package org.komar.schemas.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.komar.events.Audience;
import org.komar.events.AuditEvent;
import org.komar.events.IdentityAccessed;

class AuditChainTest {

  private static IdentityAccessed access(String purpose) {
    return IdentityAccessed.newBuilder().setEventId("e-" + purpose.length()).setCaseId("case-1")
        .setOccurredAt(Instant.parse("2026-11-29T09:15:00Z")).setActorId("officer-17").setAudience(Audience.POLICE)
        .setField("childIdentity").setPurpose(purpose).build();
  }

  @Test
  void shouldChainEachLinkToTheHashOfThePreviousOne() {
    AuditEvent first = AuditChain.link(null, access("Interview"));
    AuditEvent second = AuditChain.link(AuditChain.hash(first), access("Court file"));

    assertThat(first.getPreviousHash()).isNull();
    assertThat(second.getPreviousHash().array()).isEqualTo(AuditChain.hash(first));
  }

  @Test
  void shouldChangeTheHashWhenALinkIsAltered() {
    AuditEvent original = AuditChain.link(null, access("Interview"));
    AuditEvent altered = AuditChain.link(null, access("Interviews"));

    assertThat(AuditChain.hash(altered)).isNotEqualTo(AuditChain.hash(original));
    assertThat(AuditChain.hash(original)).hasSize(32).isEqualTo(AuditChain.hash(original));
  }
}
