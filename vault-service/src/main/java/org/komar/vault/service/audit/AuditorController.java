package org.komar.vault.service.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.komar.http.audit.AuditRecordView;
import org.komar.http.audit.TrailCheck;
import org.komar.schemas.security.Roles;
import org.komar.vault.audit.TrailVerifier;

/**
 * The auditors' API: the one way a person reaches the vault directly, and only an {@code AUDITOR}. It reads the trail
 * and verifies it; it opens nothing and shows no sealed value: who opened what of which case, when, why and from which
 * unit; the refused attempts, the overrides and the erasures.
 */
@Controller("/api/v1/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.AUDITOR)
public class AuditorController {

  private final TrailAudit audit;
  private final AuditRecords records;

  AuditorController(TrailAudit audit, AuditRecords records) {
    this.audit = audit;
    this.records = records;
  }

  /** Walks the whole trail and says whether it is intact, and if not, where it first went wrong. */
  @Get(value = "/verification", produces = MediaType.APPLICATION_JSON)
  public TrailCheck verification() {
    return TrailChecks.of(audit.verify());
  }

  /**
   * The trail's records, oldest first, filtered by case, person, unit and time (each optional), from the first
   * sequence number after {@code after}, {@code limit} at most.
   */
  @Get(value = "/records{?caseId,actorId,unitId,from,to,after,limit}", produces = MediaType.APPLICATION_JSON)
  public List<AuditRecordView> records(@Nullable @Size(max = 100) @QueryValue String caseId,
      @Nullable @Size(max = 200) @QueryValue String actorId, @Nullable @Size(max = 100) @QueryValue String unitId,
      @Nullable @QueryValue Instant from, @Nullable @QueryValue Instant to,
      @Nullable @PositiveOrZero @QueryValue Long after, @Nullable @Min(1) @Max(500) @QueryValue Integer limit) {
    return records.find(new AuditRecords.Filter(caseId, actorId, unitId, from, to), after == null ? 0 : after,
        limit == null ? 100 : limit);
  }

  /** The API's answer for a verification: the first problem in words, and how many there are. */
  static final class TrailChecks {

    private TrailChecks() {
    }

    static TrailCheck of(TrailVerifier.Verification verification) {
      TrailVerifier.Problem first = verification.firstProblem().orElse(null);
      return new TrailCheck(verification.intact(), verification.recordsChecked(), verification.lastSequence(),
          verification.checkpointSequence(), verification.rejectedCheckpoints(),
          verification.problems().size(), first == null ? null : first.sequence(),
          first == null ? null : first.kind().name(), first == null ? null : first.detail());
    }
  }
}
