// wrong: announces the start and the end but no progress per note
// Channels: a stream of messages from one command to the page that called it.
//
// An event goes to every listener; a `tauri::ipc::Channel<T>` is private to
// one call. The page creates `const onEvent = new Channel()`, sets
// `onEvent.onmessage = (message) => ...` and passes it as an argument:
// `invoke("export_notes", { notes, onEvent })`. The command receives a
// `Channel<T>` parameter and calls `send(value)` as often as it likes, while
// it runs; Tauri delivers the messages to the page in order. Use it for
// progress reports and streamed results. roadmap.md §11.

use serde::Serialize;
use serde_json::json;
use tauri::App;
use tauri::ipc::Channel;
use tauri::test::{MockRuntime, mock_builder, mock_context, noop_assets};
use tauri_chapter::{ChannelLog, invoke, js_channel, open_window, record_channels, show};

#[derive(Clone, Serialize)]
#[serde(tag = "event", content = "data", rename_all = "camelCase")]
enum ExportEvent {
    Started { total: usize },
    Exported { title: String },
    Finished,
}

#[tauri::command]
fn export_notes(notes: Vec<String>, on_event: Channel<ExportEvent>) -> Result<String, String> {
    let send = |event| on_event.send(event).map_err(|e| e.to_string());
    send(ExportEvent::Started { total: notes.len() })?;
    let mut markdown = String::new();
    for title in notes {
        markdown.push_str(&format!("- {title}\n"));
    }
    send(ExportEvent::Finished)?;
    Ok(markdown)
}

fn app() -> (App<MockRuntime>, ChannelLog) {
    let (builder, log) = record_channels(mock_builder());
    let app = builder
        .invoke_handler(tauri::generate_handler![export_notes])
        .build(mock_context(noop_assets()))
        .expect("the app builds");
    (app, log)
}

fn main() {
    let (app, log) = app();
    let window = open_window(&app, "main");
    let args = json!({ "notes": ["Groceries", "Call Ada"], "onEvent": js_channel(1) });
    println!("{}", show(&invoke(&window, "export_notes", args)));
    for message in log.lock().expect("not poisoned").iter() {
        println!("channel: {message}");
    }
}

// Tests: do not edit below this line.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_follows_the_export_step_by_step() {
        let (app, log) = app();
        let window = open_window(&app, "main");
        let args = json!({ "notes": ["Groceries", "Call Ada"], "onEvent": js_channel(7) });
        assert_eq!(
            invoke(&window, "export_notes", args),
            Ok(json!("- Groceries\n- Call Ada\n"))
        );
        assert_eq!(
            *log.lock().unwrap(),
            [
                json!({ "event": "started", "data": { "total": 2 } }),
                json!({ "event": "exported", "data": { "title": "Groceries" } }),
                json!({ "event": "exported", "data": { "title": "Call Ada" } }),
                json!({ "event": "finished" }),
            ],
            "the page's onmessage should see: started, one `exported` per note, finished"
        );
    }

    #[test]
    fn an_empty_export_still_starts_and_finishes() {
        let (app, log) = app();
        let window = open_window(&app, "main");
        let args = json!({ "notes": [], "onEvent": js_channel(8) });
        assert_eq!(invoke(&window, "export_notes", args), Ok(json!("")));
        assert_eq!(
            *log.lock().unwrap(),
            [
                json!({ "event": "started", "data": { "total": 0 } }),
                json!({ "event": "finished" })
            ]
        );
    }
}
