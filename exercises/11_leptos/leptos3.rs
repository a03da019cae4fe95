// leptos3 — an effect runs later, on the executor, and again when what it read changes.
//
// An effect is how reactive state reaches the outside world (a log line, the
// page title, local storage). Creating one does not call its closure: it
// spawns a task, which runs the closure when the executor next gets to it,
// notes which signals the closure read, and runs it again after any of them
// changes. Several changes before that turn give one run. Only a read inside
// the closure is followed: a value read before it, or with
// `.get_untracked()`, is a snapshot.
//
// In browser code you write `Effect::new`; a server build (feature `ssr`, as
// here) compiles that to nothing, so host code uses `Effect::new_isomorphic`,
// the same effect in every build. An app's executor (Tokio, the browser) runs
// tasks by itself; these tests give it a turn with `let_effects_run()`.
//
// roadmap.md §7

use leptos::prelude::*;
use leptos_chapter::{init_executor, let_effects_run};
use std::sync::{Arc, Mutex};

type Log = Arc<Mutex<Vec<String>>>;

/// Writes the page title to `log` now and whenever `name` changes.
fn watch_title(name: ReadSignal<String>, log: Log) {
    // TODO: this writes the title once, right away, and never again: a later
    // change of `name` reaches nobody.
    let title = format!("title: Hello, {}", name.get_untracked());
    log.lock().unwrap().push(title);
}

fn main() {
    init_executor();
    let log = Log::default();
    let (name, set_name) = signal("Ada".to_string());
    watch_title(name, Arc::clone(&log));
    println!("right after watch_title: {:?}", log.lock().unwrap());
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
