-- Up Migration

-- A run's report is also stored as a standalone HTML page (libs/pipeline's renderReportHtml), next
-- to report.json: kind 'report-html', stage_index NULL, recorded once per run like the others.
ALTER TABLE artifacts DROP CONSTRAINT artifacts_kind_valid;
ALTER TABLE artifacts ADD CONSTRAINT artifacts_kind_valid CHECK (kind IN ('model', 'report', 'report-html'));

-- Down Migration
DELETE FROM artifacts WHERE kind = 'report-html';
ALTER TABLE artifacts DROP CONSTRAINT artifacts_kind_valid;
ALTER TABLE artifacts ADD CONSTRAINT artifacts_kind_valid CHECK (kind IN ('model', 'report'));
