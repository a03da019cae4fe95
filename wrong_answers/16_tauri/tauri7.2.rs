// wrong: only the settings window gets a capability, so the other windows may not even list the notes
// Capabilities: which window may call which command.
//
// Tauri 2 replaced v1's `allowlist` with an access-control list. A
// *permission* names commands (`allow-delete-all-notes`); a *capability*
// grants permissions to windows (by label) and, by default, only to pages
// served from the app itself, not remote sites. Once an app declares its
// commands in an ACL manifest (`build.rs`, see the README), a command that
// no capability grants to the calling window is rejected before it runs.
// Capabilities are JSON (or TOML) files in `src-tauri/capabilities/`; the
// same text can be added at run time with `Manager::add_capability`, as here.
// roadmap.md §11.

use serde_json::json;
use tauri::test::{MockRuntime, mock_builder};
use tauri::{App, Manager};
use tauri_chapter::{context_with_app_manifest, invoke, open_window, show};

#[tauri::command]
fn list_notes() -> Vec<&'static str> {
    vec!["Groceries", "Call Ada"]
}

#[tauri::command]
fn delete_all_notes() -> &'static str {
    "all notes deleted"
}

const CAPABILITIES: &str = r#"[
  {
    "identifier": "notes",
    "description": "What the windows of the app may call.",
    "windows": ["settings"],
    "permissions": ["allow-list-notes", "allow-delete-all-notes"]
  }
]"#;

/// What `build.rs` would declare with `AppManifest::new().commands(&COMMANDS)`.
const COMMANDS: [&str; 2] = ["list_notes", "delete_all_notes"];

fn app() -> App<MockRuntime> {
    let app = mock_builder()
        .invoke_handler(tauri::generate_handler![list_notes, delete_all_notes])
        .build(context_with_app_manifest(&COMMANDS))
        .expect("the app builds");
    app.add_capability(CAPABILITIES)
        .expect("valid capabilities");
    app
}

fn main() {
    let app = app();
    for label in ["main", "settings"] {
        let window = open_window(&app, label);
        for command in COMMANDS {
            let outcome = invoke(&window, command, json!({}));
            println!("window {label:?}: {command} {}", show(&outcome));
        }
    }
}

// Tests: do not edit below this line.
#[cfg(test)]
mod tests {
    use super::*;
    use tauri_chapter::invoke_from;

    #[test]
    fn every_window_may_list_the_notes() {
        let app = app();
        for label in ["main", "settings", "about"] {
            let window = open_window(&app, label);
            assert_eq!(
                invoke(&window, "list_notes", json!({})),
                Ok(json!(["Groceries", "Call Ada"])),
                "window {label:?} should be allowed to list the notes"
            );
        }
    }

    #[test]
    fn only_the_settings_window_may_delete_everything() {
        let app = app();
        let settings = open_window(&app, "settings");
        assert_eq!(
            invoke(&settings, "delete_all_notes", json!({})),
            Ok(json!("all notes deleted"))
        );
        for label in ["main", "about"] {
            let window = open_window(&app, label);
            let result = invoke(&window, "delete_all_notes", json!({}));
            assert!(result.is_err(), "{label:?} must not delete all: {result:?}");
        }
    }

    #[test]
    fn a_remote_page_may_call_nothing() {
        let app = app();
        let settings = open_window(&app, "settings");
        let page = "https://evil.example";
        let result = invoke_from(&settings, page, "delete_all_notes", json!({}));
        assert!(result.is_err(), "a remote page must be refused: {result:?}");
    }
}
