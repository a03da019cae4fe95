// wrong: serialises the error with `#[derive(Serialize)]`, so the page gets the variant's name, not the message
// A `Result` return: the front end's promise resolves or rejects.
//
// A command that can fail returns `Result<T, E>`: `Ok` resolves the page's
// `invoke()` promise with `T`, `Err` rejects it with `E` (the page's
// `catch` gets it). Both travel as JSON, so `E` must implement
// `serde::Serialize`, like `T`. Error types made for Rust (`Display`,
// `std::error::Error`, `thiserror`) usually don't; Tauri's guide serialises
// such an error as its message. roadmap.md §11.

use std::fmt;

use serde::Serialize;
use serde_json::json;
use tauri::App;
use tauri::test::{MockRuntime, mock_builder, mock_context, noop_assets};
use tauri_chapter::{invoke, open_window, show};

const MAX_TITLE: usize = 20;

#[derive(Debug, Serialize)]
enum NoteError {
    EmptyTitle,
    TitleTooLong(usize),
}

impl fmt::Display for NoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoteError::EmptyTitle => write!(f, "a note needs a title"),
            NoteError::TitleTooLong(len) => {
                write!(
                    f,
                    "a title has at most {MAX_TITLE} characters, this one has {len}"
                )
            }
        }
    }
}

impl std::error::Error for NoteError {}

#[derive(Serialize)]
struct Note {
    title: String,
}

#[tauri::command]
fn add_note(title: String) -> Result<Note, NoteError> {
    let title = title.trim().to_string();
    match title.chars().count() {
        0 => Err(NoteError::EmptyTitle),
        len if len > MAX_TITLE => Err(NoteError::TitleTooLong(len)),
        _ => Ok(Note { title }),
    }
}

fn app() -> App<MockRuntime> {
    mock_builder()
        .invoke_handler(tauri::generate_handler![add_note])
        .build(mock_context(noop_assets()))
        .expect("the app builds")
}

fn main() {
    let app = app();
    let window = open_window(&app, "main");
    for title in ["Groceries", "   ", "Everything I must do before Monday"] {
        let outcome = invoke(&window, "add_note", json!({ "title": title }));
        println!("add_note({title:?}) {}", show(&outcome));
    }
}

// Tests: do not edit below this line.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ok_resolves_with_the_note() {
        let app = app();
        let window = open_window(&app, "main");
        let note = invoke(&window, "add_note", json!({ "title": " Groceries " }));
        assert_eq!(note, Ok(json!({ "title": "Groceries" })));
    }

    #[test]
    fn err_rejects_with_the_message_a_user_can_read() {
        let app = app();
        let window = open_window(&app, "main");
        assert_eq!(
            invoke(&window, "add_note", json!({ "title": "  " })),
            Err(json!("a note needs a title")),
            "the page shows the rejection to the user: send the error's Display message"
        );
        assert_eq!(
            invoke(&window, "add_note", json!({ "title": "x".repeat(25) })),
            Err(json!("a title has at most 20 characters, this one has 25"))
        );
    }
}
