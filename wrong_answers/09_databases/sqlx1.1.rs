// wrong: escapes quotes by hand inside AssertSqlSafe(format!(..)): a NUL cannot be escaped, and every name makes a new statement
// sqlx1 — raw SQL with sqlx: a pool, `sqlx::query`, and bind parameters.
//
// sqlx runs SQL that you write yourself, asynchronously, on connections
// borrowed from a pool (`SqlitePool`; `memory_pool_with` in this chapter's
// support.rs opens one on a fresh in-memory SQLite database). Each `?` in
// the SQL is a placeholder; `.bind(value)` fills them in order, and the
// values travel to SQLite apart from the SQL text, so no input can change
// what the statement does. And since the SQL text is the same for every
// value, sqlx prepares it once per connection and reuses it. sqlx 0.9 even
// refuses a `String` as SQL unless you wrap it in `AssertSqlSafe`, a speed
// bump against `format!` queries.
//
// roadmap.md §9.1

use databases_chapter::memory_pool_with;
use sqlx::{AssertSqlSafe, Row, SqlitePool};

const SCHEMA: &str = "CREATE TABLE guests (id INTEGER PRIMARY KEY, name TEXT NOT NULL)";

/// Adds a guest and returns the id SQLite gave the new row.
async fn add_guest(pool: &SqlitePool, name: &str) -> Result<i64, sqlx::Error> {
    let escaped = name.replace('\'', "''");
    let sql = format!("INSERT INTO guests (name) VALUES ('{escaped}')");
    let result = sqlx::query(AssertSqlSafe(sql)).execute(pool).await?;
    Ok(result.last_insert_rowid())
}

/// All guest names, in the order they were added.
async fn guest_names(pool: &SqlitePool) -> Result<Vec<String>, sqlx::Error> {
    let rows = sqlx::query("SELECT name FROM guests ORDER BY id")
        .fetch_all(pool)
        .await?;
    Ok(rows.iter().map(|row| row.get("name")).collect())
}

#[tokio::main]
async fn main() -> Result<(), sqlx::Error> {
    let pool = memory_pool_with(SCHEMA).await;
    for name in ["Ada", "Grace", "Miles O'Brien"] {
        let id = add_guest(&pool, name).await?;
        println!("added guest #{id}: {name}");
    }
    println!("guest list: {:?}", guest_names(&pool).await?);
    Ok(())
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use sqlx::Connection;

    use super::*;

    #[tokio::test]
    async fn plain_names_are_stored() {
        let pool = memory_pool_with(SCHEMA).await;
        assert_eq!(add_guest(&pool, "Ada").await.unwrap(), 1);
        assert_eq!(add_guest(&pool, "Grace").await.unwrap(), 2);
        assert_eq!(guest_names(&pool).await.unwrap(), ["Ada", "Grace"]);
    }

    #[tokio::test]
    async fn names_are_data_not_sql() {
        let pool = memory_pool_with(SCHEMA).await;
        let tricky = [
            "Miles O'Brien",
            "x'), ('intruder",
            "it''s",
            "Robert'); DROP TABLE guests; --",
            "nul\0byte", // no SQL string literal can hold this character
        ];
        for name in tricky {
            let result = add_guest(&pool, name).await;
            assert!(result.is_ok(), "adding {name:?} failed: {result:?}");
        }
        assert_eq!(
            guest_names(&pool).await.unwrap(),
            tricky,
            "every name must be stored exactly as given, one row each"
        );
    }

    #[tokio::test]
    async fn one_statement_serves_every_name() {
        let pool = memory_pool_with(SCHEMA).await;
        for name in ["Ada", "Grace", "Linus"] {
            add_guest(&pool, name).await.unwrap();
        }
        let cached = pool.acquire().await.unwrap().cached_statements_size();
        let why = "the INSERT's text must not change with the name: \
                   sqlx prepares it once and binds each name";
        assert_eq!(cached, 1, "{cached} statements prepared for 3 names: {why}");
    }
}
