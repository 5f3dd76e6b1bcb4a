package org.komar.schemas.sealing;

/**
 * Why a sealed value is opened. A code, not free text: the purpose is written in clear to the audit trail,
 * which is kept forever and which crypto-shredding does not reach, so it must never be able to carry a name or
 * a phone number.
 */
public enum OpeningPurpose {
  /** Call or message the reporter back. */
  CONTACT_REPORTER,
  /** Arrange an interview or a visit with the child. */
  ARRANGE_MEETING,
  /** Check that the child is safe now. */
  SAFETY_CHECK,
  /** Prepare a court or prosecution file. */
  LEGAL_PROCEEDINGS,
  /** A supervisor's review of how the case was handled. */
  CASE_REVIEW,
  /** Have the harmful content taken down (a platform's desk opening the links). */
  REMOVE_CONTENT
}
