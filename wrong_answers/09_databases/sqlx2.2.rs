// wrong: keeps `String` and marks the field #[sqlx(default)]: NULL still reads as "", never as absent
// sqlx2 — rows into structs: `query_as` and `#[derive(FromRow)]`.
//
// `sqlx::query_as(sql)` turns each row of the result into a type that
// implements `FromRow`. The derive matches struct fields to columns *by
// name* and decodes each value when the row arrives, at run time. Any
// column not declared `NOT NULL` may hold NULL, which belongs in an
// `Option` (`None`). Nothing forces you: sqlx's SQLite driver reads a NULL
// into a `String` as "" (Postgres' driver returns an error instead).
// `fetch_all` gives a `Vec`, `fetch_one` exactly one row (no row is an
// error), `fetch_optional` an `Option` (no row is `None`).
//
// roadmap.md §9.1

use databases_chapter::memory_pool_with;
use sqlx::{FromRow, SqlitePool};

const SCHEMA: &str = "
    CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL, subtitle TEXT);
    INSERT INTO books (title, subtitle) VALUES
        ('Dune', NULL),
        ('Rust in Action', 'Systems programming concepts'),
        ('Zero to Production', NULL);";

#[derive(Debug, FromRow)]
struct Book {
    id: i64,
    title: String,
    #[sqlx(default)]
    subtitle: String,
}

async fn all_books(pool: &SqlitePool) -> Result<Vec<Book>, sqlx::Error> {
    sqlx::query_as("SELECT id, title, subtitle FROM books ORDER BY id")
        .fetch_all(pool)
        .await
}

async fn book_by_id(pool: &SqlitePool, id: i64) -> Result<Option<Book>, sqlx::Error> {
    sqlx::query_as("SELECT id, title, subtitle FROM books WHERE id = ?")
        .bind(id)
        .fetch_optional(pool)
        .await
}

#[tokio::main]
async fn main() -> Result<(), sqlx::Error> {
    let pool = memory_pool_with(SCHEMA).await;
    for book in all_books(&pool).await? {
        println!(
            "#{} {:?}, subtitle {:?}",
            book.id, book.title, book.subtitle
        );
    }
    println!("book 42: {:?}", book_by_id(&pool, 42).await?);
    Ok(())
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_book_is_listed() {
        let pool = memory_pool_with(SCHEMA).await;
        let books = all_books(&pool).await.expect("listing the books failed");
        let titles: Vec<&str> = books.iter().map(|b| b.title.as_str()).collect();
        assert_eq!(titles, ["Dune", "Rust in Action", "Zero to Production"]);
    }

    #[tokio::test]
    async fn a_missing_subtitle_is_none_not_an_empty_string() {
        let pool = memory_pool_with(SCHEMA).await;
        let dune = book_by_id(&pool, 1).await.expect("reading book 1 failed");
        let dune = dune.expect("book 1 exists");
        assert_eq!(format!("{:?}", dune.subtitle), "None");
        let rust = book_by_id(&pool, 2).await.unwrap().unwrap();
        let subtitle = format!("{:?}", rust.subtitle);
        assert_eq!(subtitle, r#"Some("Systems programming concepts")"#);
    }

    #[tokio::test]
    async fn an_unknown_id_is_none() {
        let pool = memory_pool_with(SCHEMA).await;
        assert!(book_by_id(&pool, 42).await.unwrap().is_none());
    }
}
