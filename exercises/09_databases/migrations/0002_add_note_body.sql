-- A later change: notes get a body. Existing rows get an empty one.
ALTER TABLE notes ADD COLUMN body TEXT NOT NULL DEFAULT '';
