-- Allocation (issue 12): a round may limit its whole awards (a total beside the areas' budgets) and
-- allow an over-allocation tolerance, in whole percent, where underspend is expected.
ALTER TABLE rounds ADD COLUMN total_pence INTEGER;
ALTER TABLE rounds ADD COLUMN tolerance_percent INTEGER NOT NULL DEFAULT 0;
