-- The claim of due deliveries (Deliveries.DUE) finds each lane with pending rows by skipping through this index,
-- and reads each lane's oldest due rows from it: its cost no longer grows with the backlog (the window query it
-- replaces ranked every pending row on every poll).
CREATE INDEX IF NOT EXISTS deliveries_pending_by_lane ON deliveries (lane, next_attempt_at, created_at)
    WHERE status = 'PENDING';
