// wrong: derives Selectable but still loads without `.select(Post::as_select())`, so the fields are still filled by position
// diesel1 — Diesel's schema: `table!`, `Queryable` and `Selectable`.
//
// Diesel 2 is a synchronous ORM and query builder: no runtime, no `.await`.
// Each table is described once in Rust with `diesel::table!` — its columns
// and their SQL types (`diesel print-schema` writes it for you from a real
// database). Queries are then made of those Rust items, so the compiler
// checks them. `#[derive(Queryable)]` (the roadmap's example) fills a
// struct from a row *by position*: field 1 from column 1, and so on, only
// checking that the types fit. `#[derive(Selectable)]` knows each field's
// column *by name*, and `.select(Post::as_select())` asks for exactly those.
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

const SCHEMA: &str = "
    CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL);
    INSERT INTO posts (title, body) VALUES
        ('Hello', 'My first post.'),
        ('Diesel', 'Queries the compiler checks.');";

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = posts)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite))]
struct Post {
    id: i32,
    body: String,
    title: String,
}

fn all_posts(conn: &mut SqliteConnection) -> QueryResult<Vec<Post>> {
    posts::table.order(posts::id).load(conn)
}

fn main() -> QueryResult<()> {
    let mut conn = diesel_memory_with(SCHEMA);
    for post in all_posts(&mut conn)? {
        println!("#{} {:?}: {:?}", post.id, post.title, post.body);
    }
    Ok(())
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_bodies_land_in_the_right_fields() {
        let mut conn = diesel_memory_with(SCHEMA);
        let posts = all_posts(&mut conn).expect("loading the posts");
        let titles: Vec<&str> = posts.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["Hello", "Diesel"]);
        assert_eq!(posts[0].body, "My first post.");
        assert_eq!(posts[1].id, 2);
    }
}
