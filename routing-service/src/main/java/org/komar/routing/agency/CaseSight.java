package org.komar.routing.agency;

import org.komar.events.CaseState;

/**
 * A case as one caller may see it: whole (a unit that holds one of its referrals now, or a supervisor of such a
 * unit), or only their own unit's part of it (a take-down desk, which sees its own request and nothing of the
 * child or the other agencies; a unit that declined or was passed over, which keeps its own actions).
 */
public record CaseSight(CaseState state, String unitId, boolean whole) {
}
