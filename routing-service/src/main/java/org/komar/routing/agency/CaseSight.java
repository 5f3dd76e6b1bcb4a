package org.komar.routing.agency;

import org.komar.events.CaseState;

import java.util.Set;

/**
 * A case as one caller may see it: whole (a unit that holds one of its referrals now, or a supervisor of such a
 * unit), or only the part of some units (a take-down desk, which sees its own request and nothing of the child or
 * the other agencies, and its supervisor, who sees its desks' requests; a unit that declined or was passed over,
 * which keeps its own actions).
 *
 * @param units whose referrals and actions a partial view shows
 */
public record CaseSight(CaseState state, Set<String> units, boolean whole) {
}
