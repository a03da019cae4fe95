// wrong: emits only the title, not the payload (title and word count) the listeners read
// Events: Rust tells the front end something happened.
//
// A command answers the window that called it. To tell *every* window (or
// Rust code) that something changed, emit an event: `Emitter::emit(name,
// payload)` on the `AppHandle` sends a `Serialize` payload to all listeners,
// and a page subscribes with `listen("note-added", (event) => ...)` from
// `@tauri-apps/api/event`. Tauri 1's `emit_all` is gone: in Tauri 2 `emit`
// goes to everyone and `emit_to(label, ...)` to one window; the methods come
// from the `Emitter` trait, which must be in scope. A command gets the
// `AppHandle` by asking for it as a parameter (generic over the `Runtime`, so
// the same command runs on the real webview runtime and on the mock one).
// roadmap.md §11.

use serde::Serialize;
use serde_json::json;
use tauri::test::{MockRuntime, mock_builder, mock_context, noop_assets};
use tauri::{App, AppHandle, Emitter, Runtime};
use tauri_chapter::{invoke, open_window, show};

/// The event every window listens to, to refresh its list of notes.
const NOTE_ADDED: &str = "note-added";

#[derive(Clone, Serialize)]
struct NoteAdded {
    title: String,
    words: usize,
}

#[tauri::command]
fn add_note<R: Runtime>(app: AppHandle<R>, title: String) -> Result<(), String> {
    let words = title.split_whitespace().count();
    let note = NoteAdded { title, words };
    app.emit(NOTE_ADDED, note.title).map_err(|e| e.to_string())
}

fn app() -> App<MockRuntime> {
    mock_builder()
        .invoke_handler(tauri::generate_handler![add_note])
        .build(mock_context(noop_assets()))
        .expect("the app builds")
}

fn main() {
    // Rust code can listen too (the `Listener` trait): here it plays the page.
    use tauri::Listener;
    let app = app();
    app.listen_any(NOTE_ADDED, |event| {
        println!("{NOTE_ADDED}: {}", event.payload())
    });
    let window = open_window(&app, "main");
    println!(
        "{}",
        show(&invoke(&window, "add_note", json!({ "title": "Call Ada" })))
    );
}

// Tests: do not edit below this line.
#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};
    use tauri::Listener;

    #[test]
    fn every_listener_hears_about_each_new_note() {
        let app = app();
        let heard = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&heard);
        app.listen_any(NOTE_ADDED, move |event| {
            let payload: serde_json::Value = serde_json::from_str(event.payload()).unwrap();
            sink.lock().unwrap().push(payload);
        });
        let editor = open_window(&app, "editor");
        invoke(&editor, "add_note", json!({ "title": "Call Ada" })).expect("added");
        invoke(&editor, "add_note", json!({ "title": "Buy milk and eggs" })).expect("added");
        assert_eq!(
            *heard.lock().unwrap(),
            [
                json!({ "title": "Call Ada", "words": 2 }),
                json!({ "title": "Buy milk and eggs", "words": 4 }),
            ],
            "listeners of \"note-added\" should get one event per note, with its payload"
        );
    }

    #[test]
    fn the_other_windows_hear_it_too() {
        let app = app();
        let list = open_window(&app, "list");
        let heard = Arc::new(Mutex::new(0));
        let sink = Arc::clone(&heard);
        list.listen(NOTE_ADDED, move |_event| *sink.lock().unwrap() += 1);
        let editor = open_window(&app, "editor");
        invoke(&editor, "add_note", json!({ "title": "Call Ada" })).expect("added");
        assert_eq!(
            *heard.lock().unwrap(),
            1,
            "the \"list\" window should hear about a note added in the \"editor\" window"
        );
    }
}
