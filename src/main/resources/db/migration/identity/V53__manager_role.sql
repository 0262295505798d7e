-- A manager (chef) of a unit sees the management figures of the unit and its sections.
ALTER TABLE identity.staff_role DROP CONSTRAINT staff_role_role_check;
ALTER TABLE identity.staff_role ADD CONSTRAINT staff_role_role_check
    CHECK (role IN ('CASE_OFFICER', 'REGISTRAR', 'ARCHIVIST', 'ADMINISTRATOR', 'MANAGER'));
