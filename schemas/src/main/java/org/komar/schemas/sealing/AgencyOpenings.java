package org.komar.schemas.sealing;

import java.util.List;
import java.util.Set;
import org.komar.events.Audience;
import org.komar.events.IntakeReceived;
import org.komar.events.Service;

/**
 * What a person of an agency unit may open of a case their unit has taken on: which of the intake's sealed
 * fields, as which audience (their unit's service), and for which purposes. routing-service, the vault and the
 * console all ask here; the audiences themselves come from the schema ({@link SealedFields}).
 */
public final class AgencyOpenings {

  /** The intake's sealed fields an agency may ask for; the reporter's contact is never one of them. */
  public static final List<String> FIELDS = List.of("childIdentity", "narrative", "contentUrls",
      "offenderHandles");

  /** Why an agency may open them; calling the reporter back and reviewing a case are not an agency's work. */
  public static final Set<OpeningPurpose> PURPOSES = Set.of(OpeningPurpose.ARRANGE_MEETING,
      OpeningPurpose.SAFETY_CHECK, OpeningPurpose.LEGAL_PROCEEDINGS, OpeningPurpose.REMOVE_CONTENT);

  private AgencyOpenings() {
  }

  /** The audience a unit of this service opens as. */
  public static Audience audienceOf(Service service) {
    return switch (service) {
      case POLICE -> Audience.POLICE;
      case PSYCHOSOCIAL -> Audience.PSYCHOSOCIAL;
      case FOLLOW_UP -> Audience.FOLLOW_UP;
      case TAKEDOWN -> Audience.TAKEDOWN;
    };
  }

  /** Whether this is an agency's audience (not the hotline's, not notification's). */
  public static boolean isAgencyAudience(Audience audience) {
    return java.util.Arrays.stream(Service.values()).anyMatch(service -> audienceOf(service) == audience);
  }

  /** The fields a unit of this service may open, as the schema seals them. */
  public static List<String> openableBy(Service service) {
    Audience audience = audienceOf(service);
    return FIELDS.stream().filter(field -> SealedFields.audiences(IntakeReceived.getClassSchema(), field)
        .contains(audience)).toList();
  }
}
