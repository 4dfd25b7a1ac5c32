"""Prospect insights, CRM import and recommendations.

- prospects: the CRM id they were matched on (unique when set), deal amount and close date.
- insights: review state of segment research and the prospect insight it was promoted from.
- crm_stage_map: the user's edits to the built-in CRM-stage → funnel-stage table.
- recommend_weights: the user's edits to the built-in recommendation weights.
Built-in defaults live in the code (enabler.domain), so a newer version's defaults reach
libraries that never changed them; these tables hold only what a user set.
"""

SCHEMA = """
ALTER TABLE prospects ADD COLUMN crm_id TEXT;
ALTER TABLE prospects ADD COLUMN deal_amount REAL;
ALTER TABLE prospects ADD COLUMN close_date TEXT;
CREATE UNIQUE INDEX prospects_crm_id ON prospects(crm_id) WHERE crm_id IS NOT NULL;
CREATE INDEX prospects_domain ON prospects(domain);
ALTER TABLE insights ADD COLUMN review_state TEXT NOT NULL DEFAULT ''
    CHECK (review_state IN ('', 'pending', 'approved', 'rejected'));
ALTER TABLE insights ADD COLUMN promoted_from INTEGER
    REFERENCES insights(id) ON DELETE SET NULL;
CREATE INDEX insights_segment ON insights(industry, persona) WHERE prospect_id IS NULL;
CREATE TABLE crm_stage_map (
    key TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    stage TEXT CHECK (stage IS NULL
        OR stage IN ('awareness', 'consideration', 'decision', 'post_sale')),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT ''
);
CREATE TABLE recommend_weights (
    factor TEXT PRIMARY KEY,
    weight REAL NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT ''
)
"""


def apply(db):
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
