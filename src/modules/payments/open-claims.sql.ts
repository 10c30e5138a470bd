/**
 * Every payment claim still open (CPR art. 74(1)(b)): a submitted report whose verification has not yet led to a
 * validated payment or a recovery order, on an operation in progress, with the dates its 80-day clock needs (submission,
 * contradictory pause) and the staff member who follows it (the verifier, else the dossier's instructor). Read by the
 * payment clock list and by the scheduled reminders.
 */
export const OPEN_CLAIMS_SQL = `SELECT r.id AS "reportId", a.id AS "applicationId", a.number, o.legal_name AS "organisationName", r.kind AS "reportKind",
              (r.submitted_at AT TIME ZONE 'Europe/Paris')::date::text AS "submittedOn", v.status AS "verificationStatus",
              (v.contradictory_sent_at AT TIME ZONE 'Europe/Paris')::date::text AS "pauseFrom",
              (v.contradictory_answered_at AT TIME ZONE 'Europe/Paris')::date::text AS "pauseTo",
              r.seq, a.title, coalesce(v.instructor_id, a.instructor_id) AS "staffId"
         FROM execution_report r
         JOIN application a ON a.id = r.application_id
         JOIN organisation o ON o.id = a.organisation_id
         LEFT JOIN verification v ON v.report_id = r.id
        WHERE r.status = 'SUBMITTED' AND a.status = 'IN_PROGRESS'
          AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.verification_id = v.id AND p.status = 'VALIDATED')
          AND NOT EXISTS (SELECT 1 FROM recovery_order ro WHERE ro.verification_id = v.id)
        ORDER BY r.submitted_at`;
