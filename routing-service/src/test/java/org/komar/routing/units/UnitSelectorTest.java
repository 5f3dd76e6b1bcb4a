package org.komar.routing.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.komar.events.AgencyUnit;
import org.komar.events.ContactChannel;
import org.komar.events.IntakeReceived;
import org.komar.events.Language;
import org.komar.events.Preferences;
import org.komar.events.Province;
import org.komar.events.ReporterMessages;
import org.komar.events.Service;
import org.komar.routing.Intakes;

class UnitSelectorTest {

  private static IntakeReceived child(Province province, boolean femaleOfficer, Language language) {
    return Intakes.girlInSiemReap().setProvince(province).setLanguage(language)
        .setPreferences(new Preferences(femaleOfficer, ContactChannel.PHONE_CALL, language, ReporterMessages.DISCREET))
        .build();
  }

  private static AgencyUnit unit(String id, Service service, List<Province> provinces, int femaleOfficers,
      int capacity, Language... languages) {
    return AgencyUnit.newBuilder().setUnitId(id).setName(id).setService(service).setProvinces(provinces)
        .setLanguages(List.of(languages)).setFemaleOfficersAvailable(femaleOfficers).setCapacity(capacity)
        .setActive(true).setSupervisorUnitId(null).setWebhookUrl(null).setSmsNumber(null).setEmail(null).build();
  }

  private static final AgencyUnit ODDAR_MEANCHEY_NO_WOMAN = unit("police-oddar-meanchey", Service.POLICE,
      List.of(Province.ODDAR_MEANCHEY), 0, 6, Language.KHMER);
  private static final AgencyUnit SIEM_REAP_WITH_WOMAN = unit("police-siem-reap", Service.POLICE,
      List.of(Province.SIEM_REAP), 2, 12, Language.KHMER);
  private static final AgencyUnit PHNOM_PENH_WITH_WOMAN = unit("police-phnom-penh", Service.POLICE,
      List.of(Province.PHNOM_PENH), 3, 20, Language.KHMER);

  private static final List<AgencyUnit> DIRECTORY =
      List.of(ODDAR_MEANCHEY_NO_WOMAN, SIEM_REAP_WITH_WOMAN, PHNOM_PENH_WITH_WOMAN);

  @Test
  void shouldChooseAUnitWithAFemaleOfficerInTheChildsProvince() {
    UnitSelector.Choice choice = UnitSelector.choose(Service.POLICE, child(Province.SIEM_REAP, true, Language.KHMER),
        DIRECTORY, Map.of());

    assertThat(choice).isEqualTo(new UnitSelector.Choice(Optional.of("police-siem-reap"),
        UnitSelector.Match.IN_PROVINCE, Optional.of(Province.SIEM_REAP)));
    assertThat(choice.tellsSupervisor()).isFalse();
  }

  @Test
  void shouldGoToTheNearestProvinceWithAFemaleOfficerAndTellTheSupervisor() {
    UnitSelector.Choice choice = UnitSelector.choose(Service.POLICE,
        child(Province.ODDAR_MEANCHEY, true, Language.KHMER), DIRECTORY, Map.of());

    // Siem Reap is about 95 km from Samraong; Phnom Penh about 310 km.
    assertThat(choice.unitId()).contains("police-siem-reap");
    assertThat(choice.match()).isEqualTo(UnitSelector.Match.NEAREST_FEMALE_OFFICER);
    assertThat(choice.tellsSupervisor()).isTrue();
  }

  @Test
  void shouldKeepTheLocalUnitWhenTheChildDidNotAskForAFemaleOfficer() {
    assertThat(UnitSelector.choose(Service.POLICE, child(Province.ODDAR_MEANCHEY, false, Language.KHMER), DIRECTORY,
        Map.of()).unitId()).contains("police-oddar-meanchey");
  }

  @Test
  void shouldNeverDropTheRequestSilentlyWhenNoUnitHasAFemaleOfficer() {
    UnitSelector.Choice choice = UnitSelector.choose(Service.POLICE,
        child(Province.ODDAR_MEANCHEY, true, Language.KHMER), List.of(ODDAR_MEANCHEY_NO_WOMAN), Map.of());

    assertThat(choice).isEqualTo(new UnitSelector.Choice(Optional.empty(), UnitSelector.Match.NONE, Optional.empty()));
    assertThat(choice.tellsSupervisor()).isTrue();
  }

  @Test
  void shouldPassOverAFullUnitAndPreferTheChildsLanguage() {
    AgencyUnit englishOnly = unit("ngo-english", Service.PSYCHOSOCIAL, List.of(Province.PHNOM_PENH), 1, 50,
        Language.ENGLISH);
    AgencyUnit khmerFull = unit("ngo-khmer-full", Service.PSYCHOSOCIAL, List.of(Province.PHNOM_PENH), 1, 2,
        Language.KHMER);
    AgencyUnit khmer = unit("ngo-khmer", Service.PSYCHOSOCIAL, List.of(Province.PHNOM_PENH), 1, 5, Language.KHMER);

    UnitSelector.Choice choice = UnitSelector.choose(Service.PSYCHOSOCIAL,
        child(Province.PHNOM_PENH, false, Language.KHMER), List.of(englishOnly, khmerFull, khmer),
        Map.of("ngo-khmer-full", 2));

    assertThat(choice.unitId()).contains("ngo-khmer");
  }

  @Test
  void shouldIgnoreTheFemaleOfficerRuleForTakedownDesks() {
    AgencyUnit desk = unit("takedown-meta", Service.TAKEDOWN, List.of(Province.PHNOM_PENH), 0, 200, Language.ENGLISH);

    UnitSelector.Choice choice = UnitSelector.choose(Service.TAKEDOWN, child(Province.SIEM_REAP, true, Language.KHMER),
        List.of(desk), Map.of());

    assertThat(choice.unitId()).contains("takedown-meta");
    assertThat(choice.match()).isEqualTo(UnitSelector.Match.NEAREST_UNIT);
  }

  @Test
  void shouldKnowWhereEveryProvinceIs() {
    assertThat(UnitSelector.knowsEveryProvince()).isTrue();
    assertThat(ProvinceDistances.kilometres(Province.ODDAR_MEANCHEY, Province.SIEM_REAP)).isBetween(80.0, 110.0);
  }
}
