//! Shared set-up for the Tauri chapter (not an exercise).
//!
//! A Tauri front end calls Rust with `await invoke("cmd", { ...args })`. These
//! helpers do what that call does, through Tauri's mock runtime (`tauri::test`,
//! feature `test`): no window, no webview, no display. A "window" here is a
//! mock webview window with a label, like the ones `tauri.conf.json` declares.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use serde_json::Value;
use tauri::ipc::{CallbackFn, RuntimeAuthority};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_context, noop_assets};
use tauri::utils::acl::resolved::Resolved;
use tauri::utils::acl::{APP_ACL_KEY, Commands, Permission, manifest::Manifest};
use tauri::utils::platform::Target;
use tauri::webview::InvokeRequest;
use tauri::{App, Builder, Context, WebviewWindow, WebviewWindowBuilder};

/// The URL a bundled front end is served from on Linux and macOS: a local origin.
pub const LOCAL_ORIGIN: &str = "tauri://localhost";

/// Opens a (mock) webview window with this label.
pub fn open_window(app: &App<MockRuntime>, label: &str) -> WebviewWindow<MockRuntime> {
    WebviewWindowBuilder::new(app, label, Default::default())
        .build()
        .expect("the mock runtime opens a window")
}

/// What `await invoke(cmd, args)` gives the page in `window`: `Ok` with the
/// value the promise resolves to, or `Err` with the value it rejects with.
pub fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    invoke_from(window, LOCAL_ORIGIN, cmd, args)
}

/// The same call, made by a page that was loaded from `origin` (for example a
/// remote web site shown in the window).
pub fn invoke_from(
    window: &WebviewWindow<MockRuntime>,
    origin: &str,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: origin.parse().expect("a valid URL"),
        body: args.into(),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request)
        .map(|body| body.deserialize::<Value>().expect("a JSON response"))
}

/// What the front end passes for a `Channel` argument: `new Channel()` in
/// JavaScript serialises itself as `"__CHANNEL__:<id>"`.
pub fn js_channel(id: u32) -> Value {
    Value::String(format!("__CHANNEL__:{id}"))
}

/// Everything Rust sent through front-end channels, in the order sent.
pub type ChannelLog = Arc<Mutex<Vec<Value>>>;

/// Installs a channel interceptor that records every message Rust sends
/// through a front-end channel (a real app would run the page's
/// `onmessage` handler instead).
pub fn record_channels(builder: Builder<MockRuntime>) -> (Builder<MockRuntime>, ChannelLog) {
    let log = ChannelLog::default();
    let sink = Arc::clone(&log);
    let builder = builder.channel_interceptor(move |_webview, _channel, _index, body| {
        let message = body.clone().deserialize::<Value>().expect("a JSON message");
        sink.lock().expect("not poisoned").push(message);
        true
    });
    (builder, log)
}

/// A test context whose app has an ACL manifest for `commands`.
///
/// A real app gets this at compile time: `build.rs` calls
/// `tauri_build::try_build(Attributes::new().app_manifest(AppManifest::new().commands(&[..])))`,
/// which writes an `allow-<command>` and a `deny-<command>` permission for each command
/// (underscores become dashes), and `tauri::generate_context!()` compiles them in together
/// with `capabilities/*.json`. `generate_context!` also needs `tauri.conf.json` and
/// `icons/icon.png`, so this chapter builds the same manifest by hand (with an API Tauri
/// marks unstable) and starts with no capability at all.
pub fn context_with_app_manifest(commands: &[&str]) -> Context<MockRuntime> {
    let mut manifest = Manifest::new(Vec::new(), None);
    for command in commands {
        let slug = command.replace('_', "-");
        for (verb, allow) in [("allow", true), ("deny", false)] {
            let identifier = format!("{verb}-{slug}");
            let list = vec![(*command).to_string()];
            let commands = if allow {
                Commands {
                    allow: list,
                    deny: Vec::new(),
                }
            } else {
                Commands {
                    allow: Vec::new(),
                    deny: list,
                }
            };
            let permission = Permission {
                identifier: identifier.clone(),
                description: Some(format!("{verb} the {command} command")),
                commands,
                ..Default::default()
            };
            manifest.permissions.insert(identifier, permission);
        }
    }
    let acl = BTreeMap::from([(APP_ACL_KEY.to_string(), manifest)]);
    let resolved = Resolved::resolve(&acl, BTreeMap::new(), Target::current())
        .expect("an ACL without capabilities resolves");

    let mut context = mock_context(noop_assets());
    *context.runtime_authority_mut() = RuntimeAuthority::new(acl, resolved);
    context
}

/// How `main` prints the outcome of an `invoke`.
pub fn show(outcome: &Result<Value, Value>) -> String {
    match outcome {
        Ok(value) => format!("resolved with {value}"),
        Err(value) => format!("rejected with {value}"),
    }
}
