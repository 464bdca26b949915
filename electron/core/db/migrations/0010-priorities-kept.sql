-- A priority taken out of its plan stays for the applications that chose it: their meaning must
-- not change. Its row is kept, marked as no longer in the plan, so it is not offered for new
-- applications but still shows (and filters) on the applications that name it. Kept in the
-- projection, not refused there, because another laptop may have chosen it for an application
-- before it heard of the change.
ALTER TABLE priorities ADD COLUMN in_plan INTEGER NOT NULL DEFAULT 1;
