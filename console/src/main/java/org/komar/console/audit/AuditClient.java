package org.komar.console.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.annotation.Client;
import java.util.List;
import org.komar.http.audit.AuditRecordView;
import org.komar.http.audit.TrailCheck;

/**
 * vault-service's auditors' API, called with the signed-in auditor's own {@code Authorization} header: the vault
 * decides by their role, and shows the trail to an {@code AUDITOR} only. The answers are service-http's records.
 */
@Client(id = "vault", path = "/api/v1/audit")
public interface AuditClient {

  @Get("/verification")
  HttpResponse<TrailCheck> verification(@Header(HttpHeaders.AUTHORIZATION) String authorization);

  @Get("/records{?caseId,actorId,unitId,from,to,after,limit}")
  HttpResponse<List<AuditRecordView>> records(@Header(HttpHeaders.AUTHORIZATION) String authorization,
      @Nullable @QueryValue String caseId, @Nullable @QueryValue String actorId, @Nullable @QueryValue String unitId,
      @Nullable @QueryValue String from, @Nullable @QueryValue String to, @Nullable @QueryValue Long after,
      @QueryValue int limit);
}
