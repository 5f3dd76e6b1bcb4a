package org.komar.intake;

/** The intake request the API tests send: invented, realistic, in Khmer. */
public final class SampleIntakes {

  public static final String CHILD_NAME = "ស្រីពៅ ចាន់ធីតា";

  private SampleIntakes() {
  }

  /** A 13-year-old girl in Siem Reap reports sextortion and asks for a female officer. */
  public static String intake(String narrative) {
    return """
        {"hotlineId": "hotline-1280", "channel": "HOTLINE_PHONE", "reporterRelationship": "SELF",
         "child": {"ageBand": "AGE_13_TO_15", "gender": "GIRL", "province": "SIEM_REAP", "language": "KHMER",
                   "identity": {"name": "%s", "dateOfBirth": "2013-04-02", "phone": "+855 97 555 0142"}},
         "preferences": {"femaleOfficer": true, "contactChannel": "PHONE_CALL", "language": "KHMER"},
         "consents": [{"purpose": "POLICE_REFERRAL", "granted": true, "givenBy": "CHILD_AND_GUARDIAN"},
                      {"purpose": "PSYCHOSOCIAL_SUPPORT", "granted": true, "givenBy": "CHILD"}],
         "incidentCategories": ["SEXTORTION"], "platforms": ["FACEBOOK"], "riskLevel": "HIGH",
         "narrative": "%s",
         "contentUrls": ["https://www.facebook.com/profile.php?id=100093555014201", "https://t.me/+example"],
         "reporterContact": {"phone": "+855 12 555 0199"}}""".formatted(CHILD_NAME, narrative);
  }

}
