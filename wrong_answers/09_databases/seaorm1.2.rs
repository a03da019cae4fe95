// wrong: updates with `update_many().col_expr(..)`, a bulk UPDATE that bypasses the ActiveModel and its before_save
// seaorm1 — SeaORM: an entity, and changes saved through an `ActiveModel`.
//
// SeaORM is an async ORM built on sqlx (so it runs on Tokio here). A table
// is an *entity*: a module whose `Model` struct is one row, from which the
// derive generates `Entity` (the table: `Entity::find()`), `Column` and
// `ActiveModel`. A `Model` is plain data, a copy of the row in memory.
// Writes go through an `ActiveModel`, whose every field is an `ActiveValue`:
// `Set(v)` (write this), `Unchanged(v)` (as loaded) or `NotSet`.
// `.insert(db)` and `.update(db)` write the `Set` fields and return the
// stored `Model`. `let active: task::ActiveModel = model.into();` turns a
// loaded row into an `ActiveModel` with every field `Unchanged`. Rules for
// every write live in the entity's `ActiveModelBehavior` (here `before_save`
// counts revisions); they run when you write through an `ActiveModel`, and
// SQL written by hand skips them.
//
// roadmap.md §9.3

use databases_chapter::seaorm_memory;
use sea_orm::{ActiveValue::Set, DatabaseConnection, DbErr, entity::prelude::*};

mod task {
    use sea_orm::{ActiveValue::Set, entity::prelude::*};

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "task")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub title: String,
        pub done: bool,
        pub revision: i32,
    }

    #[async_trait::async_trait]
    impl ActiveModelBehavior for ActiveModel {
        /// Every save counts: a new task is revision 0, each update adds one.
        async fn before_save<C>(mut self, _db: &C, insert: bool) -> Result<Self, DbErr>
        where
            C: ConnectionTrait,
        {
            let revision = match self.revision.try_as_ref() {
                Some(revision) if !insert => revision + 1,
                _ => 0,
            };
            self.revision = Set(revision);
            Ok(self)
        }
    }
}

/// A new database with the `task` table, created from the entity.
async fn open() -> DatabaseConnection {
    let db = seaorm_memory().await;
    let schema = db.get_schema_builder().register(task::Entity);
    schema.apply(&db).await.expect("creating the task table");
    db
}

async fn add_task(db: &DatabaseConnection, title: &str) -> Result<task::Model, DbErr> {
    let task = task::ActiveModel {
        title: Set(title.to_owned()),
        done: Set(false),
        ..Default::default() // `id` stays NotSet: SQLite numbers the row
    };
    task.insert(db).await
}

/// Marks the task done in the database and returns it as stored.
async fn complete(db: &DatabaseConnection, id: i32) -> Result<task::Model, DbErr> {
    let found = task::Entity::find_by_id(id).one(db).await?;
    let row = found.ok_or_else(|| DbErr::RecordNotFound(format!("task {id}")))?;
    task::Entity::update_many()
        .col_expr(task::Column::Done, Expr::value(true))
        .filter(task::Column::Id.eq(row.id))
        .exec(db)
        .await?;
    task::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("task {id}")))
}

#[tokio::main]
async fn main() -> Result<(), DbErr> {
    let db = open().await;
    for title in ["write the chapter", "test it", "ship it"] {
        println!("added {:?}", add_task(&db, title).await?);
    }
    complete(&db, 2).await?;
    for task in task::Entity::find().all(&db).await? {
        println!("[{}] {}", if task.done { "x" } else { " " }, task.title);
    }
    Ok(())
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn completing_a_task_is_saved() {
        let db = open().await;
        for title in ["a", "b", "c"] {
            add_task(&db, title).await.unwrap();
        }
        let returned = complete(&db, 2).await.expect("task 2 exists");
        assert!(returned.done);
        let done: Vec<bool> = task::Entity::find()
            .all(&db)
            .await
            .unwrap()
            .iter()
            .map(|t| t.done)
            .collect();
        assert_eq!(done, [false, true, false], "reloaded from the database");
    }

    #[tokio::test]
    async fn completing_a_task_goes_through_the_model() {
        let db = open().await;
        add_task(&db, "a").await.unwrap();
        complete(&db, 1).await.expect("task 1 exists");
        let stored = task::Entity::find_by_id(1).one(&db).await.unwrap().unwrap();
        let why = "the entity's before_save never ran: write through the ActiveModel";
        assert_eq!((stored.done, stored.revision), (true, 1), "{why}");
    }

    #[tokio::test]
    async fn an_unknown_task_is_an_error() {
        let db = open().await;
        assert!(matches!(
            complete(&db, 9).await,
            Err(DbErr::RecordNotFound(_))
        ));
    }
}
