// wrong: filters on the author's name without joining the author table: SQLite answers `no such column`
// seaorm2 — SeaORM relations and filters: whose posts are these?
//
// In SeaORM 2's entity format a relation is a field of the `Model`: a post
// `belongs_to` its author (`from = "author_id", to = "id"`), an author
// `has_many` posts. The derive then knows how the tables join, so a query
// can follow the relation: `author_model.find_related(post::Entity)`, or
// `post::Entity::find().inner_join(author::Entity)` and a filter on the
// author's columns. Filters are built from columns, as in the roadmap:
// `.filter(author::Column::Name.eq("ada"))`, `.contains("a")`, `.gt(3)`.
// `.all(db)` gives a `Vec`, `.one(db)` an `Option`.
//
// roadmap.md §9.3

use databases_chapter::seaorm_memory;
use sea_orm::{DatabaseConnection, DbErr, QueryOrder, entity::prelude::*};

mod author {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "author")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub name: String,
        #[sea_orm(has_many)]
        pub posts: HasMany<super::post::Entity>,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

mod post {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "post")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub author_id: i32,
        pub title: String,
        #[sea_orm(belongs_to, from = "author_id", to = "id")]
        pub author: BelongsTo<super::author::Entity>,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

/// A new database with two authors and their posts.
async fn open() -> DatabaseConnection {
    let db = seaorm_memory().await;
    let schema = db
        .get_schema_builder()
        .register(author::Entity)
        .register(post::Entity);
    schema.apply(&db).await.expect("creating the tables");
    db.execute_unprepared(
        "INSERT INTO author (id, name) VALUES (1, 'ada'), (2, 'grace');
         INSERT INTO post (author_id, title) VALUES (1, 'Engines'), (2, 'Compilers'),
             (1, 'Analytical notes'), (2, 'Bugs'), (1, 'Bernoulli numbers');",
    )
    .await
    .expect("inserting the sample rows");
    db
}

/// Titles of the posts written by the author called `name`, A to Z.
async fn titles_by(db: &DatabaseConnection, name: &str) -> Result<Vec<String>, DbErr> {
    let posts = post::Entity::find()
        .filter(author::Column::Name.eq(name))
        .order_by_asc(post::Column::Title)
        .all(db)
        .await?;
    Ok(posts.into_iter().map(|post| post.title).collect())
}

#[tokio::main]
async fn main() -> Result<(), DbErr> {
    let db = open().await;
    for name in ["ada", "grace", "linus"] {
        println!("{name}: {:?}", titles_by(&db, name).await?);
    }
    Ok(())
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use sea_orm::metric::Info;

    use super::*;

    #[tokio::test]
    async fn only_the_authors_posts() {
        let db = open().await;
        let ada = titles_by(&db, "ada").await.unwrap();
        assert_eq!(ada, ["Analytical notes", "Bernoulli numbers", "Engines"]);
        let grace = titles_by(&db, "grace").await.unwrap();
        assert_eq!(grace, ["Bugs", "Compilers"]);
    }

    #[tokio::test]
    async fn an_unknown_author_has_no_posts() {
        let db = open().await;
        assert!(titles_by(&db, "linus").await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn the_database_does_the_filtering() {
        let mut db = open().await;
        let log = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&log);
        db.set_metric_callback(move |info: &Info<'_>| {
            sink.lock().unwrap().push(info.statement.sql.clone());
        });
        titles_by(&db, "grace").await.unwrap();
        let log = log.lock().unwrap();
        assert!(!log.is_empty(), "no query reached the database");
        for sql in log.iter() {
            let why = "posts were filtered in Rust after loading them all";
            assert!(sql.contains(" WHERE "), "{why}: `{sql}` has no WHERE");
        }
    }
}
