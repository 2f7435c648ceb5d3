-- Up Migration

-- Budget vs actual sums the journal lines on budget lines (journal_line.budget_line_id) per entry period. For a whole
-- fiscal year or organisation that is every such line, and reading them through journal_line_budget_line_idx meant
-- one heap visit per line. This index holds what the sums read (entry, currency, debit, credit), so they come from
-- the index alone, and leaves out the lines on no budget line (VAT, payables, bank: most of a journal). It answers
-- every lookup of the old index, which always named a budget line.
CREATE INDEX journal_line_budget_actual_idx ON journal_line (organisation_id, budget_line_id)
  INCLUDE (entry_id, currency, debit, credit) WHERE budget_line_id IS NOT NULL;
DROP INDEX journal_line_budget_line_idx;

-- Down Migration
CREATE INDEX journal_line_budget_line_idx ON journal_line (organisation_id, budget_line_id);
DROP INDEX journal_line_budget_actual_idx;
