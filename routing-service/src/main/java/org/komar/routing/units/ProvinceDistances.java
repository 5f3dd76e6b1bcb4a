package org.komar.routing.units;

import java.util.EnumMap;
import java.util.Map;
import org.komar.events.Province;

/**
 * How far apart Cambodia's provinces are, by the great-circle distance between their capitals (coordinates
 * rounded to a hundredth of a degree): enough to find the nearest province that has a female officer.
 */
final class ProvinceDistances {

  private record Place(double latitude, double longitude) {
  }

  private static final Map<Province, Place> CAPITALS = new EnumMap<>(Province.class);

  static {
    CAPITALS.put(Province.BANTEAY_MEANCHEY, new Place(13.59, 102.97));
    CAPITALS.put(Province.BATTAMBANG, new Place(13.10, 103.20));
    CAPITALS.put(Province.KAMPONG_CHAM, new Place(12.00, 105.46));
    CAPITALS.put(Province.KAMPONG_CHHNANG, new Place(12.25, 104.67));
    CAPITALS.put(Province.KAMPONG_SPEU, new Place(11.45, 104.52));
    CAPITALS.put(Province.KAMPONG_THOM, new Place(12.71, 104.89));
    CAPITALS.put(Province.KAMPOT, new Place(10.61, 104.18));
    CAPITALS.put(Province.KANDAL, new Place(11.48, 104.95));
    CAPITALS.put(Province.KEP, new Place(10.48, 104.32));
    CAPITALS.put(Province.KOH_KONG, new Place(11.62, 102.98));
    CAPITALS.put(Province.KRATIE, new Place(12.49, 106.02));
    CAPITALS.put(Province.MONDULKIRI, new Place(12.45, 107.19));
    CAPITALS.put(Province.ODDAR_MEANCHEY, new Place(14.18, 103.52));
    CAPITALS.put(Province.PAILIN, new Place(12.85, 102.61));
    CAPITALS.put(Province.PHNOM_PENH, new Place(11.56, 104.92));
    CAPITALS.put(Province.PREAH_SIHANOUK, new Place(10.63, 103.52));
    CAPITALS.put(Province.PREAH_VIHEAR, new Place(13.81, 104.98));
    CAPITALS.put(Province.PREY_VENG, new Place(11.49, 105.33));
    CAPITALS.put(Province.PURSAT, new Place(12.54, 103.92));
    CAPITALS.put(Province.RATANAKIRI, new Place(13.74, 106.99));
    CAPITALS.put(Province.SIEM_REAP, new Place(13.36, 103.86));
    CAPITALS.put(Province.STUNG_TRENG, new Place(13.52, 105.97));
    CAPITALS.put(Province.SVAY_RIENG, new Place(11.09, 105.80));
    CAPITALS.put(Province.TAKEO, new Place(10.99, 104.78));
    CAPITALS.put(Province.TBONG_KHMUM, new Place(11.91, 105.65));
  }

  private ProvinceDistances() {
  }

  /** Kilometres between two provinces' capitals; 0 for the same province. */
  static double kilometres(Province from, Province to) {
    Place a = CAPITALS.get(from);
    Place b = CAPITALS.get(to);
    double dLat = Math.toRadians(b.latitude() - a.latitude());
    double dLon = Math.toRadians(b.longitude() - a.longitude());
    double h = Math.pow(Math.sin(dLat / 2), 2)
        + Math.cos(Math.toRadians(a.latitude())) * Math.cos(Math.toRadians(b.latitude())) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * 6371 * Math.asin(Math.sqrt(h));
  }

  static boolean knows(Province province) {
    return CAPITALS.containsKey(province);
  }
}
