-- The first version of the schema: a note has a title.
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL
);
