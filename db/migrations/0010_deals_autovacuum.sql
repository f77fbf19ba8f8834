-- Board column counts and sums are index-only scans; they stay fast only while the visibility
-- map is fresh. Vacuum deals after 2% of its rows changed (the default waits for 20%: 200,000
-- dead rows at a million deals, which tripled the board's SQL time after a few bulk changes).
ALTER TABLE "deals" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
