// wrong (compile): `pages: i64`: an SQLite INTEGER column is Diesel's `Integer`, which is read into an i32 (i64 is `BigInt`)
// diesel4 — the lesson of Diesel: a type that does not fit is a compile error.
//
// sqlx compares a row with your struct only when the row arrives, and its
// SQLite driver even reads NULL into a `String` as "" (sqlx2). Diesel
// checks when the program is built: each column in `table!` has an SQL
// type, which maps to Rust types — `Integer` to `i32` (`BigInt` to `i64`),
// `Text` to `String`, `Bool` to `bool`, `Nullable<T>` to `Option<_>`.
// `#[diesel(check_for_backend(Sqlite))]` on a `Selectable` struct makes the
// compiler compare each field with its column and name the one that does
// not fit. Read the first error: which SQL type cannot become which type.
//
// roadmap.md §9.2

use databases_chapter::diesel_memory_with;
use diesel::prelude::*;

diesel::table! {
    books (id) {
        id -> Integer,
        title -> Text,
        pages -> Integer,
        isbn -> Nullable<Text>,
    }
}

const SCHEMA: &str = "
    CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL,
                        pages INTEGER NOT NULL, isbn TEXT);
    INSERT INTO books (title, pages, isbn) VALUES
        ('The Rust Programming Language', 560, '978-1718503106'),
        ('Notes from a Workshop', 48, NULL);";

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = books)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite))]
struct Book {
    id: i32,
    title: String,
    pages: i64,
    isbn: Option<String>,
}

fn all_books(conn: &mut SqliteConnection) -> QueryResult<Vec<Book>> {
    books::table
        .order(books::id)
        .select(Book::as_select())
        .load(conn)
}

fn main() -> QueryResult<()> {
    let mut conn = diesel_memory_with(SCHEMA);
    for book in all_books(&mut conn)? {
        let (id, title, pages, isbn) = (book.id, book.title, book.pages, book.isbn);
        println!("#{id} {title:?}: {pages} pages, ISBN {isbn:?}");
    }
    Ok(())
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn books_are_read_with_their_real_types() {
        let mut conn = diesel_memory_with(SCHEMA);
        let books = all_books(&mut conn).expect("loading the books");
        let first = format!("{:?}", (&books[0].pages, &books[0].isbn));
        assert_eq!(first, r#"(560, Some("978-1718503106"))"#);
        let second = format!("{:?}", (&books[1].pages, &books[1].isbn));
        assert_eq!(second, "(48, None)");
        assert_eq!(books[1].id, 2);
    }
}
