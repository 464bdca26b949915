-- Letter templates (issue 12): each fund's offer and decline wording, conditions of grant, payment
-- schedule and monitoring, as its latest field-by-field changes left it. A fund with no row here
-- uses the default template (shared/domain/letters.ts).
CREATE TABLE letter_templates (
  fund_id TEXT PRIMARY KEY,
  template TEXT NOT NULL CHECK (json_valid(template))
) WITHOUT ROWID;
