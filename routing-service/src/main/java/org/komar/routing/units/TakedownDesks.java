package org.komar.routing.units;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import org.komar.events.AgencyUnit;
import org.komar.events.OnlinePlatform;
import org.komar.events.Service;

/**
 * Picks the take-down desk for content on one platform: an active desk of that platform with spare capacity, or
 * else a coordination desk (one that lists no platform, so takes any). Take-down requests carry no child data, so
 * the child's province and preferences play no part.
 */
public final class TakedownDesks {

  private TakedownDesks() {
  }

  public static Optional<String> choose(OnlinePlatform platform, Collection<AgencyUnit> directory,
      Map<String, Integer> openReferrals) {
    Comparator<AgencyUnit> preference = Comparator
        .comparing((AgencyUnit unit) -> unit.getPlatforms().isEmpty())
        .thenComparing(unit -> -(unit.getCapacity() - openReferrals.getOrDefault(unit.getUnitId(), 0)))
        .thenComparing(AgencyUnit::getUnitId);
    return directory.stream()
        .filter(unit -> unit.getService() == Service.TAKEDOWN && Boolean.TRUE.equals(unit.getActive()))
        .filter(unit -> openReferrals.getOrDefault(unit.getUnitId(), 0) < unit.getCapacity())
        .filter(unit -> unit.getPlatforms().isEmpty() || unit.getPlatforms().contains(platform))
        .min(preference)
        .map(AgencyUnit::getUnitId);
  }
}
