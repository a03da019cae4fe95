// wrong: a second `invoke_handler` replaces the first, so `word_count` stops answering
// Tauri commands: the Rust half of `invoke()`.
//
// A Tauri app is a web page (the front end) shown in the system's webview,
// plus a Rust process. The page calls Rust with
// `await invoke("greet", { name: "Ada" })`; on the Rust side that lands in a
// function marked `#[tauri::command]`, which turns the JSON arguments into
// Rust values and the return value back into JSON. `tauri::generate_handler!`
// lists every command the app answers; the tests play the front end through
// Tauri's mock runtime (`tauri::test`): a real app, but no window and no display.
// roadmap.md §11 (its `greet` example).

use serde_json::json;
use tauri::App;
use tauri::test::{MockRuntime, mock_builder, mock_context, noop_assets};
use tauri_chapter::{invoke, open_window, show};

#[tauri::command]
fn greet(name: &str) -> String {
    format!("Hello, {name}! You've been greeted from Rust.")
}

#[tauri::command]
fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

fn app() -> App<MockRuntime> {
    mock_builder()
        .invoke_handler(tauri::generate_handler![word_count])
        .invoke_handler(tauri::generate_handler![greet])
        .build(mock_context(noop_assets()))
        .expect("the app builds")
}

fn main() {
    let app = app();
    let window = open_window(&app, "main");
    println!(
        "{}",
        show(&invoke(&window, "greet", json!({ "name": "Ada" })))
    );
    println!(
        "{}",
        show(&invoke(
            &window,
            "word_count",
            json!({ "text": "one two three" })
        ))
    );
}

// Tests: do not edit below this line.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_front_end_can_greet() {
        let app = app();
        let window = open_window(&app, "main");
        assert_eq!(
            invoke(&window, "greet", json!({ "name": "Ada" })),
            Ok(json!("Hello, Ada! You've been greeted from Rust.")),
            "invoke(\"greet\", {{ name: \"Ada\" }}) should resolve to the greeting"
        );
    }

    #[test]
    fn word_count_still_answers() {
        let app = app();
        let window = open_window(&app, "main");
        assert_eq!(
            invoke(&window, "word_count", json!({ "text": "one two  three" })),
            Ok(json!(3)),
            "word_count stopped answering: an app has ONE invoke handler"
        );
    }

    #[test]
    fn an_unknown_command_is_rejected() {
        let app = app();
        let window = open_window(&app, "main");
        assert_eq!(
            invoke(&window, "format_disk", json!({})),
            Err(json!("Command format_disk not found"))
        );
    }
}
