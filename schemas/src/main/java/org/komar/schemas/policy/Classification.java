package org.komar.schemas.policy;

/**
 * How harmful a field is if it leaks, in increasing order. Every field of every Komar schema states one in its
 * {@code "classification"} property; SENSITIVE and IDENTIFYING fields exist only as sealed values.
 */
public enum Classification {
  /** May be published: unit names, suppressed indicators. */
  PUBLIC,
  /** Operational and not identifying: ids, times, province, age band, category. Routing decides on these. */
  INTERNAL,
  /** Harmful if leaked: narrative, URLs, offender handles, free-text notes. Sealed. */
  SENSITIVE,
  /** Identifies a child or reporter: names, birth date, phone, address, school, exact location. Sealed. */
  IDENTIFYING;

  public boolean mustBeSealed() {
    return this == SENSITIVE || this == IDENTIFYING;
  }
}
