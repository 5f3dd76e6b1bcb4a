package org.komar.intake.api;

/** Why a case is crypto-shredded. A code, for the same reason as {@link org.komar.schemas.sealing.OpeningPurpose}. */
public enum ErasureReason {
  /** The retention period ended. */
  RETENTION_ENDED,
  /** The child asked for the case to be deleted. */
  CHILD_REQUEST,
  /** A parent or guardian asked for the case to be deleted. */
  GUARDIAN_REQUEST,
  /** The case duplicates another one. */
  DUPLICATE_CASE,
  /** A court ordered the deletion. */
  COURT_ORDER
}
