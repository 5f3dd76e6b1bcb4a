package org.komar.routing.casefile;

import java.time.Instant;
import org.komar.events.ReferralState;
import org.komar.events.ReferralSummary;
import org.komar.events.Service;

/** A referral while the case file decides on it; {@link ReferralSummary} is immutable. */
final class Referral {

  private final String referralId;
  private final Service service;
  private final int priority;
  private String unitId;
  private ReferralState state;
  private Instant deadline;
  private Instant updatedAt;

  Referral(ReferralSummary summary) {
    referralId = summary.getReferralId();
    service = summary.getService();
    priority = summary.getPriority();
    unitId = summary.getUnitId();
    state = summary.getState();
    deadline = summary.getDeadline();
    updatedAt = summary.getUpdatedAt();
  }

  ReferralSummary summary() {
    return new ReferralSummary(referralId, service, unitId, state, priority, deadline, updatedAt);
  }

  String getReferralId() {
    return referralId;
  }

  Service getService() {
    return service;
  }

  int getPriority() {
    return priority;
  }

  String getUnitId() {
    return unitId;
  }

  void setUnitId(String unitId) {
    this.unitId = unitId;
  }

  ReferralState getState() {
    return state;
  }

  void setState(ReferralState state) {
    this.state = state;
  }

  Instant getDeadline() {
    return deadline;
  }

  void setDeadline(Instant deadline) {
    this.deadline = deadline;
  }

  void setUpdatedAt(Instant updatedAt) {
    this.updatedAt = updatedAt;
  }
}
