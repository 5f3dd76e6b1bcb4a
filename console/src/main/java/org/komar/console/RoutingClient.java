package org.komar.console;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.annotation.Client;
import java.util.List;
import java.util.Map;
import org.komar.http.agency.CaseView;
import org.komar.http.agency.InboxItem;
import org.komar.http.agency.IndicatorFigure;
import org.komar.http.agency.Recorded;

/**
 * routing-service's agency API, called with the signed-in person's {@code Authorization} header so routing decides
 * by their role and unit. The answers are the API's own records (service-http's {@code org.komar.http.agency}),
 * except supervision's and an opening's, which routing still declares in its controllers. Every call goes through
 * {@link ServiceCalls}, which turns an error status or an unreachable service into the status a page shows.
 */
@Client(id = "routing", path = "/api/v1")
public interface RoutingClient {

  @Get("/inbox")
  HttpResponse<List<InboxItem>> inbox(@Header(HttpHeaders.AUTHORIZATION) String authorization);

  /** {@code {referrals: [{reason, referral}], withoutFemaleOfficer: [{unitId, name, ...}]}}. */
  @Get("/supervision")
  HttpResponse<Map<String, Object>> supervision(@Header(HttpHeaders.AUTHORIZATION) String authorization);

  @Get("/cases/{caseId}")
  HttpResponse<CaseView> caseOf(@Header(HttpHeaders.AUTHORIZATION) String authorization,
      @PathVariable String caseId);

  /** Acceptance, decline, progress or completion of a referral; the body as routing reads that action. */
  @Post("/cases/{caseId}/referrals/{referralId}/{action}")
  HttpResponse<Recorded> act(@Header(HttpHeaders.AUTHORIZATION) String authorization, @PathVariable String caseId,
      @PathVariable String referralId, @PathVariable String action, @Body Map<String, Object> body);

  /** Opens a sealed field, {@code {field, purpose}}; the answer is {@code {field, value}}, never kept. */
  @Post("/cases/{caseId}/referrals/{referralId}/openings")
  HttpResponse<Map<String, Object>> open(@Header(HttpHeaders.AUTHORIZATION) String authorization,
      @PathVariable String caseId, @PathVariable String referralId, @Body Map<String, String> opening);

  @Get("/indicators")
  HttpResponse<List<IndicatorFigure>> indicators(@Header(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryValue int days);
}
