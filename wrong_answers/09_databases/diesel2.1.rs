// wrong: picks the next id itself (number of rows + 1): after a delete it hands out an id twice
// diesel2 — inserting rows: `#[derive(Insertable)]` and `insert_into`.
//
// `diesel::insert_into(posts::table).values(&row)` inserts any struct that
// derives `Insertable` for the table, each field into the column of the
// same name. A column the struct leaves out gets its default — for an
// `INTEGER PRIMARY KEY`, the next free id, chosen by SQLite. So Diesel code
// usually has two structs per table: one to read rows (with the id) and one
// to insert them (without). `.returning(Post::as_returning())` with
// `.get_result(conn)` hands back the row as stored (SQLite 3.35 or later,
// Diesel feature `returning_clauses_for_sqlite_3_35`).
//
// roadmap.md §9.2

use databases_chapter::diesel_memory_with;
use diesel::prelude::*;

diesel::table! {
    posts (id) {
        id -> Integer,
        title -> Text,
        body -> Text,
    }
}

const SCHEMA: &str =
    "CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL)";

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = posts)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite))]
struct Post {
    id: i32,
    title: String,
    body: String,
}

/// Stores a new post and returns it with the id the database gave it.
fn add_post(conn: &mut SqliteConnection, title: &str, body: &str) -> QueryResult<Post> {
    let count: i64 = posts::table.count().get_result(conn)?;
    let row = Post {
        id: count as i32 + 1,
        title: title.to_owned(),
        body: body.to_owned(),
    };
    diesel::insert_into(posts::table)
        .values(&row)
        .returning(Post::as_returning())
        .get_result(conn)
}

fn main() -> QueryResult<()> {
    let mut conn = diesel_memory_with(SCHEMA);
    for (title, body) in [("Hello", "My first post."), ("Again", "A second one.")] {
        let post = add_post(&mut conn, title, body)?;
        println!("stored #{}: {:?}, {:?}", post.id, post.title, post.body);
    }
    Ok(())
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_numbers_the_posts() {
        let mut conn = diesel_memory_with(SCHEMA);
        let first = add_post(&mut conn, "Hello", "My first post.").expect("first insert");
        assert_eq!(first.id, 1, "SQLite numbers rows from 1");
        let second = add_post(&mut conn, "Again", "A second one.").expect("second insert");
        assert_eq!((second.id, second.title.as_str()), (2, "Again"));
    }

    #[test]
    fn every_post_is_stored() {
        let mut conn = diesel_memory_with(SCHEMA);
        for title in ["a", "b", "c"] {
            add_post(&mut conn, title, "text").expect("insert");
        }
        let stored: Vec<(i32, String)> = posts::table
            .select((posts::id, posts::title))
            .order(posts::id)
            .load(&mut conn)
            .unwrap();
        assert_eq!(stored, [(1, "a".into()), (2, "b".into()), (3, "c".into())]);
    }

    #[test]
    fn the_database_never_hands_out_an_id_twice() {
        // With AUTOINCREMENT, SQLite never reuses the id of a deleted row.
        let schema = SCHEMA.replace("PRIMARY KEY", "PRIMARY KEY AUTOINCREMENT");
        let mut conn = diesel_memory_with(&schema);
        add_post(&mut conn, "kept", "text").expect("insert");
        let gone = add_post(&mut conn, "deleted", "text").expect("insert");
        diesel::delete(posts::table.find(gone.id))
            .execute(&mut conn)
            .unwrap();
        let next = add_post(&mut conn, "new", "text").expect("insert after a delete");
        assert_eq!(next.id, 3, "only the database knows which ids it gave out");
    }
}
