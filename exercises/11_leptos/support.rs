//! Shared set-up for the Leptos chapter (not an exercise).
//!
//! Leptos's effects are async tasks. They are spawned through `any_spawner`,
//! which only forwards them to whatever executor the program installed: in a
//! browser that is `wasm-bindgen-futures`, on a Leptos server it is Tokio
//! (`Executor::init_tokio()`). These exercises install a tiny single-threaded
//! one so a test decides exactly when the queued tasks run: nothing runs until
//! someone calls `let_effects_run()`.

use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
use futures::executor::LocalPool;
use futures::task::LocalSpawnExt;
use std::cell::RefCell;

thread_local! {
    // One task queue per thread: every test runs on its own thread.
    static POOL: RefCell<LocalPool> = RefCell::new(LocalPool::new());
}

struct HostExecutor;

impl CustomExecutor for HostExecutor {
    fn spawn(&self, fut: PinnedFuture<()>) {
        self.spawn_local(fut);
    }

    fn spawn_local(&self, fut: PinnedLocalFuture<()>) {
        POOL.with(|pool| {
            let spawner = pool.borrow().spawner();
            spawner.spawn_local(fut).expect("the task queue is gone");
        });
    }

    fn poll_local(&self) {
        POOL.with(|pool| {
            // A task that calls poll_local again must not re-enter the pool.
            if let Ok(mut pool) = pool.try_borrow_mut() {
                pool.run_until_stalled();
            }
        });
    }
}

/// Installs the single-threaded executor (once per process; later calls do nothing).
pub fn init_executor() {
    let _ = Executor::init_custom_executor(HostExecutor);
}

/// Gives the executor one turn: runs every queued task until all of them wait.
///
/// A Leptos app never calls this: Tokio or the browser runs tasks by itself.
/// A test calls it to say "now the effects may run".
pub fn let_effects_run() {
    Executor::poll_local();
}
