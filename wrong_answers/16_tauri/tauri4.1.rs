// wrong: pushes to a clone of the list, so the managed state never changes
// App state: `State<T>`, shared by every command and every window.
//
// `Builder::manage(value)` hands Tauri one value of each type; a command asks
// for it with a parameter `State<'_, T>` (the front end does not send it, and
// it is not one of the JSON arguments). Commands may run at the same time on
// different threads, so `State` only gives out a shared `&T`, like an `Arc`:
// data that commands change needs interior mutability, typically a `Mutex`.
// Forgetting `.manage(...)` is caught at run time: "state not managed for
// field ...". roadmap.md §11.

use serde_json::json;
use tauri::test::{MockRuntime, mock_builder, mock_context, noop_assets};
use tauri::{App, State};
use tauri_chapter::{invoke, open_window, show};

#[derive(Default)]
struct Notes {
    titles: Vec<String>,
}

#[tauri::command]
fn add_note(title: String, notes: State<'_, Notes>) -> usize {
    let mut titles = notes.titles.clone();
    titles.push(title);
    titles.len()
}

#[tauri::command]
fn list_notes(notes: State<'_, Notes>) -> Vec<String> {
    notes.titles.clone()
}

fn app() -> App<MockRuntime> {
    mock_builder()
        .manage(Notes::default())
        .invoke_handler(tauri::generate_handler![add_note, list_notes])
        .build(mock_context(noop_assets()))
        .expect("the app builds")
}

fn main() {
    let app = app();
    let window = open_window(&app, "main");
    for title in ["Groceries", "Call Ada"] {
        let count = invoke(&window, "add_note", json!({ "title": title }));
        println!("add_note({title:?}) {}", show(&count));
    }
    println!(
        "list_notes {}",
        show(&invoke(&window, "list_notes", json!({})))
    );
}

// Tests: do not edit below this line.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_kept_between_calls() {
        let app = app();
        let window = open_window(&app, "main");
        assert_eq!(
            invoke(&window, "add_note", json!({ "title": "Groceries" })),
            Ok(json!(1))
        );
        assert_eq!(
            invoke(&window, "add_note", json!({ "title": "Call Ada" })),
            Ok(json!(2))
        );
        assert_eq!(
            invoke(&window, "list_notes", json!({})),
            Ok(json!(["Groceries", "Call Ada"]))
        );
    }

    #[test]
    fn every_window_sees_the_same_state() {
        let app = app();
        let main = open_window(&app, "main");
        let other = open_window(&app, "second");
        invoke(&main, "add_note", json!({ "title": "Groceries" })).expect("added");
        assert_eq!(
            invoke(&other, "list_notes", json!({})),
            Ok(json!(["Groceries"]))
        );
    }

    #[test]
    fn each_app_has_its_own_state() {
        let first = app();
        let window = open_window(&first, "main");
        invoke(
            &window,
            "add_note",
            json!({ "title": "only in the first app" }),
        )
        .expect("added");
        let second = app();
        let window = open_window(&second, "main");
        assert_eq!(invoke(&window, "list_notes", json!({})), Ok(json!([])));
    }
}
