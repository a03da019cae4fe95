// wrong: `max_blocking_threads(threads)` for the server: that sizes the pool for blocking calls, not the worker threads
// tokio2 — current-thread or multi-thread: pick the runtime for the job.
//
// Tokio has two schedulers. The multi-thread one (what `#[tokio::main]` picks
// by default) runs tasks on a pool of worker threads, one per core unless
// told otherwise, and moves work between them ("work stealing"): the right
// choice for a server juggling many connections. The current-thread one runs
// every task on the thread that called `block_on`: no thread pool, less
// overhead, and an order of events that is easy to follow. It fits tools,
// tests (`#[tokio::test]` uses it by default) and one-runtime-per-thread
// designs. Either way `tokio::spawn` needs `Send` futures; `LocalSet` and
// `LocalRuntime` are the escape hatches for `!Send` ones. (roadmap.md §3)

use std::collections::HashSet;
use std::thread::{self, ThreadId};

use tokio::runtime::{Builder, Runtime};

#[derive(Debug, Clone, Copy)]
enum Workload {
    /// A command-line tool: a handful of tasks, mostly waiting on I/O.
    Tool,
    /// A server: many connections, spread over `threads` worker threads.
    Server { threads: usize },
}

fn runtime_for(workload: Workload) -> Runtime {
    let built = match workload {
        Workload::Tool => Builder::new_current_thread().enable_all().build(),
        Workload::Server { threads } => Builder::new_multi_thread()
            .max_blocking_threads(threads)

            .enable_all()
            .build(),
    };
    built.expect("failed to build the runtime")
}

/// Spawns a few tasks on `runtime` and reports which threads ran them.
fn threads_used_by_tasks(runtime: &Runtime) -> HashSet<ThreadId> {
    runtime.block_on(async {
        let handles: Vec<_> = (0..16)
            .map(|_| tokio::spawn(async { thread::current().id() }))
            .collect();
        let mut ids = HashSet::new();
        for handle in handles {
            ids.insert(handle.await.expect("task panicked"));
        }
        ids
    })
}

fn main() {
    for workload in [Workload::Tool, Workload::Server { threads: 2 }] {
        let runtime = runtime_for(workload);
        let on_main = threads_used_by_tasks(&runtime).contains(&thread::current().id());
        println!(
            "{workload:?}: {:?} runtime, {} worker thread(s), tasks ran on main thread: {on_main}",
            runtime.handle().runtime_flavor(),
            runtime.metrics().num_workers(),
        );
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use tokio::runtime::RuntimeFlavor;

    #[test]
    fn a_tool_runs_every_task_on_the_calling_thread() {
        let runtime = runtime_for(Workload::Tool);
        assert_eq!(
            runtime.handle().runtime_flavor(),
            RuntimeFlavor::CurrentThread,
            "a tool should use the current-thread runtime"
        );
        assert_eq!(
            threads_used_by_tasks(&runtime),
            HashSet::from([thread::current().id()]),
            "on a current-thread runtime, tasks run on the thread that calls block_on"
        );
    }

    #[test]
    fn a_server_gets_the_worker_threads_it_asked_for() {
        let runtime = runtime_for(Workload::Server { threads: 3 });
        assert_eq!(
            runtime.handle().runtime_flavor(),
            RuntimeFlavor::MultiThread
        );
        assert_eq!(
            runtime.metrics().num_workers(),
            3,
            "Workload::Server {{ threads: 3 }} should build 3 worker threads"
        );
        assert!(
            !threads_used_by_tasks(&runtime).contains(&thread::current().id()),
            "on a multi-thread runtime, spawned tasks run on worker threads"
        );
    }
}
