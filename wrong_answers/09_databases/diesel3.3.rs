// wrong: `like(word)` without `%`: LIKE then matches only a title that is exactly the word
// diesel3 — queries in Rust: Diesel's query builder (the DSL).
//
// In Diesel a query is a chain of method calls on the table:
// `.filter(...)` (WHERE), `.order(...)` (ORDER BY), `.limit(n)`,
// `.select(...)`. Conditions are built from the columns: `posts::published
// .eq(true)`, `posts::likes.gt(10)`, `posts::title.like("Rust%")` (in
// SQL's LIKE, `%` is any run of characters), combined with `.and(...)` /
// `.or(...)` or by calling `.filter` twice. Each method checks its
// argument against the column's type: comparing `posts::likes` with a
// string does not compile.
//
// roadmap.md §9.2

use databases_chapter::diesel_memory_with;
use diesel::prelude::*;

diesel::table! {
    posts (id) {
        id -> Integer,
        title -> Text,
        published -> Bool,
        likes -> Integer,
    }
}

const SCHEMA: &str = "
    CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT NOT NULL,
                        published BOOLEAN NOT NULL, likes INTEGER NOT NULL);
    INSERT INTO posts (title, published, likes) VALUES
        ('Rust in 2026', 1, 40), ('Cooking with Rust', 1, 5),
        ('Draft: Rust async', 0, 99), ('Why Rust', 1, 12), ('Gardening', 1, 70);";

/// Titles of the *published* posts whose title contains `word`, most liked
/// first.
fn popular_about(conn: &mut SqliteConnection, word: &str) -> QueryResult<Vec<String>> {
    posts::table
        .filter(posts::published.eq(true))
        .filter(posts::title.like(word))
        .order(posts::likes.desc())
        .select(posts::title)
        .load(conn)
}

fn main() -> QueryResult<()> {
    let mut conn = diesel_memory_with(SCHEMA);
    for word in ["Rust", "Garden", "Python"] {
        println!("{word}: {:?}", popular_about(&mut conn, word)?);
    }
    Ok(())
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use diesel::connection::InstrumentationEvent;

    use super::*;

    #[test]
    fn published_posts_about_rust_most_liked_first() {
        let mut conn = diesel_memory_with(SCHEMA);
        let titles = popular_about(&mut conn, "Rust").unwrap();
        assert_eq!(titles, ["Rust in 2026", "Why Rust", "Cooking with Rust"]);
    }

    #[test]
    fn drafts_are_never_listed() {
        let mut conn = diesel_memory_with(SCHEMA);
        let titles = popular_about(&mut conn, "async").unwrap();
        assert!(titles.is_empty(), "a draft was listed: {titles:?}");
    }

    #[test]
    fn no_match_is_an_empty_list() {
        let mut conn = diesel_memory_with(SCHEMA);
        assert!(popular_about(&mut conn, "Python").unwrap().is_empty());
        let garden = popular_about(&mut conn, "Garden").unwrap();
        assert_eq!(garden, ["Gardening"]);
    }

    #[test]
    fn the_database_does_the_filtering() {
        let mut conn = diesel_memory_with(SCHEMA);
        let log = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&log);
        conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
            if let InstrumentationEvent::StartQuery { query, .. } = event {
                sink.lock().unwrap().push(query.to_string());
            }
        });
        popular_about(&mut conn, "Rust").unwrap();
        let log = log.lock().unwrap();
        let [sql] = log.as_slice() else {
            panic!("expected one query, got {log:?}");
        };
        let sql = sql.split(" -- binds").next().unwrap_or_default();
        let condition = sql.split_once(" WHERE ").map_or("", |(_, rest)| rest);
        assert!(
            condition.contains("published") && condition.contains("title"),
            "posts were filtered in Rust after loading them all: \
             the WHERE clause of `{sql}` should do it"
        );
    }
}
