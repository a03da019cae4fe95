// wrong: renames only `id`; the title parameter still does not match the page's `newTitle` key
// Command arguments: a JSON object matched by name, in camelCase.
//
// `invoke("rename_note", { noteId: 7, newTitle: "Groceries" })` sends ONE JSON
// object. Tauri does not look at argument positions: each parameter of the
// command is looked up in that object by its name, and Tauri expects the
// front end's JavaScript style, camelCase — a Rust parameter `note_id` is read
// from the key `noteId`. Any `Deserialize` type can be a parameter, and a
// missing or mistyped key rejects the call before your function runs.
// (`#[tauri::command(rename_all = "snake_case")]` switches a command to
// snake_case keys.) roadmap.md §11.

use serde_json::json;
use tauri::App;
use tauri::test::{MockRuntime, mock_builder, mock_context, noop_assets};
use tauri_chapter::{invoke, open_window, show};

#[tauri::command]
fn rename_note(note_id: u32, title: String) -> String {
    format!("note {note_id} is now called \"{}\"", title.trim())
}

fn app() -> App<MockRuntime> {
    mock_builder()
        .invoke_handler(tauri::generate_handler![rename_note])
        .build(mock_context(noop_assets()))
        .expect("the app builds")
}

fn main() {
    let app = app();
    let window = open_window(&app, "main");
    // What `await invoke("rename_note", { noteId: 7, newTitle: "Groceries" })` sends:
    let args = json!({ "noteId": 7, "newTitle": "Groceries" });
    println!("{}", show(&invoke(&window, "rename_note", args)));
}

// Tests: do not edit below this line.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_front_end_renames_a_note() {
        let app = app();
        let window = open_window(&app, "main");
        let args = json!({ "noteId": 7, "newTitle": "  Groceries " });
        assert_eq!(
            invoke(&window, "rename_note", args),
            Ok(json!("note 7 is now called \"Groceries\""))
        );
    }

    #[test]
    fn a_wrong_type_is_rejected_before_the_command_runs() {
        let app = app();
        let window = open_window(&app, "main");
        let args = json!({ "noteId": "seven", "newTitle": "Groceries" });
        let error = invoke(&window, "rename_note", args).expect_err("\"seven\" is not a u32");
        assert!(
            error.to_string().contains("noteId"),
            "the rejection names the key: {error}"
        );
    }
}
