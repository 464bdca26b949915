-- An application's priorities are replaced whenever it is written: found by application, they need
-- an index of their own (the primary key leads with the priority, for the register's filter).
-- Without it every application written scanned the whole table: a 20,000-row import took 130×
-- the raw insert where it had taken 21×.
CREATE INDEX application_priorities_by_application ON application_priorities (application_id);
