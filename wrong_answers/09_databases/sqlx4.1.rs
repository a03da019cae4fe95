// wrong: runs the migration files by hand and fakes sqlx's `_sqlx_migrations` table: the migrator does not recognise it (no checksums)
// sqlx4 — the schema under version control: `sqlx::migrate!`.
//
// A database outlives every version of the program, so its schema changes
// in numbered steps, *migrations*: this chapter's are the .sql files in
// `09_databases/migrations/` (read them). `sqlx::migrate!()` embeds that
// folder (`./migrations`, next to Cargo.toml) into the program at compile
// time and gives a `Migrator`; `.run(&pool).await` applies, in order, each
// migration the database has not seen yet and records it in the table
// `_sqlx_migrations`, so running it again at every start-up is safe.
// (The macro does not notice a new .sql file by itself: sqlx's docs suggest
// a build.rs with `cargo:rerun-if-changed=migrations`.)
//
// roadmap.md §9.1

use databases_chapter::memory_pool;
use sqlx::{SqlitePool, migrate::MigrateError};

/// Opens the notes database with the schema the migrations describe.
async fn open_database() -> Result<SqlitePool, MigrateError> {
    let pool = memory_pool().await;
    sqlx::raw_sql(include_str!("migrations/0001_create_notes.sql"))
        .execute(&pool)
        .await?;
    sqlx::raw_sql(include_str!("migrations/0002_add_note_body.sql"))
        .execute(&pool)
        .await?;
    sqlx::raw_sql(
        "CREATE TABLE _sqlx_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL);
         INSERT INTO _sqlx_migrations VALUES (1, 'create notes'), (2, 'add note body');",
    )
    .execute(&pool)
    .await?;
    Ok(pool)
}

async fn add_note(pool: &SqlitePool, title: &str, body: &str) -> Result<i64, sqlx::Error> {
    let done = sqlx::query("INSERT INTO notes (title, body) VALUES (?, ?)")
        .bind(title)
        .bind(body)
        .execute(pool)
        .await?;
    Ok(done.last_insert_rowid())
}

/// The applied migrations, as (version, description), oldest first.
async fn applied(pool: &SqlitePool) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT version, description FROM _sqlx_migrations ORDER BY version")
        .fetch_all(pool)
        .await
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let pool = open_database().await?;
    for (version, description) in applied(&pool).await? {
        println!("migration {version}: {description}");
    }
    let id = add_note(&pool, "groceries", "milk, eggs").await?;
    println!("note #{id} saved");
    Ok(())
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use std::path::Path;

    use sqlx::migrate::Migrator;

    use super::*;

    #[tokio::test]
    async fn notes_have_a_body() {
        let pool = open_database().await.expect("opening the database");
        let id = add_note(&pool, "groceries", "milk, eggs").await;
        assert_eq!(id.expect("inserting a note with a body"), 1);
    }

    #[tokio::test]
    async fn both_migrations_are_recorded() {
        let pool = open_database().await.expect("opening the database");
        let done = applied(&pool)
            .await
            .expect("no migrations table: were migrations run?");
        let expected = [(1, "create notes"), (2, "add note body")];
        let expected: Vec<(i64, String)> = expected.map(|(v, d)| (v, d.to_string())).into();
        assert_eq!(done, expected);
    }

    #[tokio::test]
    async fn running_the_migrations_again_changes_nothing() {
        let pool = open_database().await.expect("opening the database");
        // sqlx's migrator, reading the folder at run time: it must find
        // every migration applied, with the checksum of its file.
        let migrator = Migrator::new(Path::new("migrations")).await.unwrap();
        let again = migrator.run(&pool).await;
        let why = "the database must be migrated by sqlx, not made to look migrated";
        assert!(again.is_ok(), "migrating again failed: {again:?}; {why}");
        assert_eq!(applied(&pool).await.unwrap().len(), 2);
    }
}
