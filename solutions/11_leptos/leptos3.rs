// leptos3 — an effect runs later, on the executor, and again when what it read changes.
//
// An effect is how reactive state reaches the outside world (a log line, the
// page title, local storage). Creating one does not call its closure: it
// spawns a task, which runs the closure the next time the executor gets to
// it, notes which signals it read, and runs it again after any of them
// changes. Several changes before the executor's next turn give one run.
//
// In browser code you write `Effect::new`; a server build (feature `ssr`, as
// here) compiles it to nothing. On the host we use `Effect::new_isomorphic`,
// the same effect that runs everywhere. Effects are tasks, so something must
// run them: `support::init_executor()` installs an executor that runs queued
// tasks only when `any_spawner::Executor::poll_local()` is called.
//
// roadmap.md §7

use any_spawner::Executor;
use leptos::prelude::*;
use leptos_chapter::init_executor;
use std::sync::{Arc, Mutex};

type Log = Arc<Mutex<Vec<String>>>;

/// Writes the page title to `log` whenever `name` changes.
fn watch_title(name: ReadSignal<String>, log: Log) {
    Effect::new_isomorphic(move |_| {
        log.lock()
            .unwrap()
            .push(format!("title: Hello, {}", name.get()));
    });
}

/// Lets the executor run whatever tasks are waiting.
fn let_effects_run() {
    Executor::poll_local();
}

fn main() {
    init_executor();
    let log = Log::default();
    let (name, set_name) = signal("Ada".to_string());
    watch_title(name, Arc::clone(&log));
    println!("right after creating the effect: {:?}", log.lock().unwrap());
    let_effects_run();
    set_name.set("Grace".to_string());
    let_effects_run();
    println!("after two turns of the executor: {:?}", log.lock().unwrap());
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (Log, WriteSignal<String>) {
        init_executor();
        let log = Log::default();
        let (name, set_name) = signal("Ada".to_string());
        watch_title(name, Arc::clone(&log));
        (log, set_name)
    }

    #[test]
    fn the_effect_waits_for_the_executor() {
        let (log, _) = setup();
        assert!(
            log.lock().unwrap().is_empty(),
            "an effect must not run at once"
        );
        let_effects_run();
        assert_eq!(
            *log.lock().unwrap(),
            ["title: Hello, Ada"],
            "after a turn of the executor the effect should have run once"
        );
    }

    #[test]
    fn it_runs_again_after_a_change() {
        let (log, set_name) = setup();
        let_effects_run();
        set_name.set("Grace".to_string());
        let_effects_run();
        assert_eq!(
            *log.lock().unwrap(),
            ["title: Hello, Ada", "title: Hello, Grace"]
        );
    }

    #[test]
    fn two_changes_between_turns_give_one_run() {
        let (log, set_name) = setup();
        let_effects_run();
        set_name.set("Grace".to_string());
        set_name.set("Linus".to_string());
        let_effects_run();
        assert_eq!(
            *log.lock().unwrap(),
            ["title: Hello, Ada", "title: Hello, Linus"]
        );
    }
}
