package org.komar.routing.units;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.komar.events.AgencyUnit;
import org.komar.events.IntakeReceived;
import org.komar.events.Province;
import org.komar.events.Service;

/**
 * Picks the agency unit for a referral. The child's request for a female officer is a hard rule for every
 * service that meets the child (police, counselling, follow-up): only a unit with a female officer available
 * will do; if the child's province has none, the nearest province that has one is chosen and a supervisor is
 * told; if no province has one, no unit is chosen and a supervisor must act. It is never silently dropped.
 * Among suitable units: the child's province first, then a unit that speaks the child's language, then the
 * most spare capacity. Units that are inactive or full are left out.
 */
public final class UnitSelector {

  /** How a unit was found. */
  public enum Match {
    /** A suitable unit in the child's province. */
    IN_PROVINCE,
    /** No unit with a female officer in the child's province: the nearest province that has one; supervisor told. */
    NEAREST_FEMALE_OFFICER,
    /** No unit covers the child's province: the nearest province that has a unit; supervisor told. */
    NEAREST_UNIT,
    /** No suitable unit anywhere: a supervisor must act. */
    NONE
  }

  /** The unit chosen (empty for {@link Match#NONE}) and how it was found. */
  public record Choice(Optional<String> unitId, Match match, Optional<Province> province) {

    /** Whether a supervisor must be told of this choice. */
    public boolean tellsSupervisor() {
      return match != Match.IN_PROVINCE;
    }
  }

  private static final Set<Service> MEET_THE_CHILD = Set.of(Service.POLICE, Service.PSYCHOSOCIAL, Service.FOLLOW_UP);

  private UnitSelector() {
  }

  /**
   * @param openReferrals open referrals per unit id, to weigh each unit's capacity
   */
  public static Choice choose(Service service, IntakeReceived intake, Collection<AgencyUnit> directory,
      Map<String, Integer> openReferrals) {
    boolean femaleOfficer = MEET_THE_CHILD.contains(service) && Boolean.TRUE.equals(
        intake.getPreferences().getFemaleOfficer());
    List<AgencyUnit> suitable = directory.stream()
        .filter(unit -> unit.getService() == service && Boolean.TRUE.equals(unit.getActive()))
        .filter(unit -> openReferrals.getOrDefault(unit.getUnitId(), 0) < unit.getCapacity())
        .filter(unit -> !femaleOfficer || unit.getFemaleOfficersAvailable() > 0)
        .toList();
    Province province = intake.getProvince();
    Comparator<AgencyUnit> preference = Comparator
        .comparing((AgencyUnit unit) -> !unit.getLanguages().contains(intake.getLanguage()))
        .thenComparing(unit -> -(unit.getCapacity() - openReferrals.getOrDefault(unit.getUnitId(), 0)))
        .thenComparing(AgencyUnit::getUnitId);
    Optional<AgencyUnit> inProvince = suitable.stream()
        .filter(unit -> unit.getProvinces().contains(province)).min(preference);
    if (inProvince.isPresent()) {
      return new Choice(Optional.of(inProvince.get().getUnitId()), Match.IN_PROVINCE, Optional.of(province));
    }
    // The nearest province that a suitable unit covers.
    Comparator<AgencyUnit> nearest = Comparator.comparingDouble((AgencyUnit unit) -> unit.getProvinces().stream()
        .mapToDouble(covered -> ProvinceDistances.kilometres(province, covered)).min().orElse(Double.MAX_VALUE))
        .thenComparing(preference);
    return suitable.stream().min(nearest)
        .map(unit -> new Choice(Optional.of(unit.getUnitId()),
            femaleOfficer ? Match.NEAREST_FEMALE_OFFICER : Match.NEAREST_UNIT,
            unit.getProvinces().stream().min(Comparator.comparingDouble(
                covered -> ProvinceDistances.kilometres(province, covered)))))
        .orElse(new Choice(Optional.empty(), Match.NONE, Optional.empty()));
  }

  /** For tests: whether every province has a capital to measure from. */
  static boolean knowsEveryProvince() {
    return java.util.Arrays.stream(Province.values()).allMatch(ProvinceDistances::knows);
  }
}
