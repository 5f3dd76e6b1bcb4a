package org.komar.reporting;

import java.util.HashMap;
import java.util.Map;

/** A report form as a 13-year-old girl in Siem Reap fills it in: sextortion on Telegram, news by SMS. */
final class Answers {

  private Answers() {
  }

  /** Every question answered, a link given; a new map each time, for a test to change. */
  static Map<String, String> aGirlsReport() {
    Map<String, String> form = new HashMap<>();
    form.put("who", "SELF");
    form.put("ageBand", "AGE_13_TO_15");
    form.put("gender", "GIRL");
    form.put("province", "SIEM_REAP");
    form.put("what.SEXTORTION", "yes");
    form.put("platform.TELEGRAM", "yes");
    form.put("danger", "no");
    form.put("femaleOfficer", "yes");
    form.put("anonymous", "no");
    form.put("name", "សុខា");
    form.put("contact", "SMS");
    form.put("phone", "+855 12 345 678");
    form.put("consent.POLICE_REFERRAL", "yes");
    form.put("consent.REPORTER_UPDATES", "yes");
    form.put("link1", "https://t.me/example/42");
    return form;
  }
}
