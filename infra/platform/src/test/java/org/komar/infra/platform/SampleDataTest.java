package org.komar.infra.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.komar.events.AgencyUnit;
import org.komar.events.Service;

class SampleDataTest {

  private final List<AgencyUnit> directory = SampleData.directory();

  @Test
  void shouldCoverEveryServiceWithAndWithoutFemaleOfficers() {
    assertThat(directory.stream().map(AgencyUnit::getService).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(Service.values());
    List<AgencyUnit> police = directory.stream().filter(unit -> unit.getService() == Service.POLICE).toList();
    assertThat(police).anyMatch(unit -> unit.getFemaleOfficersAvailable() > 0);
    assertThat(police).anyMatch(unit -> unit.getFemaleOfficersAvailable() == 0);
  }

  @Test
  void shouldHaveUniqueUnitsWhoseSupervisorsExist() {
    Set<String> ids = directory.stream().map(AgencyUnit::getUnitId).collect(Collectors.toSet());
    assertThat(ids).hasSameSizeAs(directory);
    assertThat(directory).allSatisfy(unit -> {
      if (unit.getSupervisorUnitId() != null) {
        assertThat(ids).contains(unit.getSupervisorUnitId());
      }
    });
  }

  @Test
  void shouldUseOnlyInventedContacts() {
    assertThat(directory).allSatisfy(unit -> {
      if (unit.getEmail() != null) {
        assertThat(unit.getEmail()).endsWith(".example.org");
      }
      if (unit.getWebhookUrl() != null) {
        assertThat(unit.getWebhookUrl()).startsWith("http://127.0.0.1:");
      }
    });
  }
}
