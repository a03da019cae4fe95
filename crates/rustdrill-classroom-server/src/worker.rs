//! The database on a thread of its own. Every commit waits for fsync
//! (`synchronous = FULL`): done inside an async handler, under a mutex,
//! that stalls a runtime worker and every request queued behind it. Here
//! the handlers send a closure and await its answer; the runtime's
//! workers stay free for the dashboards' streams and for reading bodies.
//! One thread is also SQLite's own order for writes: nothing is lost to
//! running them one at a time.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;

use anyhow::{Context, Result, anyhow};
use tokio::sync::oneshot;

use super::db::Db;

type Job = Box<dyn FnOnce(&mut Db) + Send>;

#[derive(Clone)]
pub struct DbWorker {
    jobs: mpsc::Sender<Job>,
}

impl DbWorker {
    /// Moves `db` to a new thread, which runs until every handle is dropped.
    pub fn start(mut db: Db) -> Result<DbWorker> {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("classroom-db".into())
            .spawn(move || {
                for job in queue {
                    // A bug in one request must not take the room down:
                    // its caller gets an error (its answer is dropped).
                    let _ = catch_unwind(AssertUnwindSafe(|| job(&mut db)));
                }
            })
            .context("cannot start the database thread")?;
        Ok(DbWorker { jobs })
    }

    /// Runs `f` on the database thread and returns its result.
    pub async fn run<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Db) -> Result<R> + Send + 'static,
    ) -> Result<R> {
        let (tx, rx) = oneshot::channel();
        self.jobs
            .send(Box::new(move |db| {
                let _ = tx.send(f(db));
            }))
            .map_err(|_| anyhow!("the database thread stopped"))?;
        rx.await
            .map_err(|_| anyhow!("the database request failed (a bug in rustdrill)"))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_request_fails_alone() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("room.sqlite3")).unwrap();
        let worker = DbWorker::start(db).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        rt.block_on(async {
            let failed = worker.run(|_| -> Result<()> { panic!("a bug") }).await;
            assert!(failed.is_err());
            let code = worker
                .run(|db| Ok(db.secrets(false)?.join_code))
                .await
                .unwrap();
            assert_eq!(code.len(), 6);
        });
    }
}
