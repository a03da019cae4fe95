// Async commands: slow work without freezing the window.
//
// A plain `fn` command runs on the app's main thread, the one that also
// draws the window: while it waits for a disk or the network, the app
// freezes. An `async fn` command runs on Tauri's async runtime instead (Tokio,
// `tauri::async_runtime`), and the window stays responsive while it awaits.
// One rule comes with it: the command's future must own what it borrows, so
// an async command that takes a reference (`&str`, or `State<'_, T>`, which
// borrows the app's state) must return a `Result`; the macro says so.
// roadmap.md §11.

use serde_json::json;
use std::sync::Mutex;
use tauri::test::{MockRuntime, mock_builder, mock_context, noop_assets};
use tauri::{App, State};
use tauri_chapter::{invoke, open_window, show};

#[derive(Default)]
struct Notes {
    titles: Mutex<Vec<String>>,
}

/// Writes a note to its file, named after the title: slow, and it can fail.
async fn save_to_disk(title: String) -> Result<(), String> {
    let write = move || {
        if title.contains('/') {
            Err(format!("cannot save {title:?}: a file name has no '/'"))
        } else {
            Ok(())
        }
    };
    // Blocking file I/O goes to a thread of its own; the command awaits it.
    tauri::async_runtime::spawn_blocking(write)
        .await
        .map_err(|e| e.to_string())?
}

#[tauri::command]
async fn add_note(title: String, notes: State<'_, Notes>) -> Result<usize, String> {
    save_to_disk(title.clone()).await?;
    let mut titles = notes.titles.lock().expect("no command panicked");
    titles.push(title);
    Ok(titles.len())
}

#[tauri::command]
fn list_notes(notes: State<'_, Notes>) -> Vec<String> {
    notes.titles.lock().expect("no command panicked").clone()
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
    for title in ["Groceries", "Q1/Q2 plans", "Call Ada"] {
        let outcome = invoke(&window, "add_note", json!({ "title": title }));
        println!("add_note({title:?}) {}", show(&outcome));
    }
    let list = invoke(&window, "list_notes", json!({}));
    println!("list_notes {}", show(&list));
}

// Tests: do not edit below this line.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_notes_are_counted_and_listed() {
        let app = app();
        let window = open_window(&app, "main");
        let add = |title: &str| invoke(&window, "add_note", json!({ "title": title }));
        assert_eq!(add("Groceries"), Ok(json!(1)));
        assert_eq!(add("Call Ada"), Ok(json!(2)));
        assert_eq!(
            invoke(&window, "list_notes", json!({})),
            Ok(json!(["Groceries", "Call Ada"]))
        );
    }

    #[test]
    fn a_failed_save_rejects_with_its_message_and_lists_nothing() {
        let app = app();
        let window = open_window(&app, "main");
        assert_eq!(
            invoke(&window, "add_note", json!({ "title": "Q1/Q2 plans" })),
            Err(json!("cannot save \"Q1/Q2 plans\": a file name has no '/'")),
            "the page should hear why the note was not saved"
        );
        assert_eq!(
            invoke(&window, "list_notes", json!({})),
            Ok(json!([])),
            "a note that was not saved must not be listed"
        );
    }
}
