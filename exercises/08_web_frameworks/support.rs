//! Shared set-up for the web frameworks chapter: the users the API serves,
//! an in-memory store, and the helpers that send one request to an app of
//! each framework without a socket. Not an exercise: nothing to change here.
//!
//! The helpers panic when a reply is JSON but not labelled
//! `Content-Type: application/json` (see `check_json_label`).

use std::{collections::BTreeMap, sync::Mutex};

use rocket::http::Status;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A user as the API returns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: u32,
    pub name: String,
}

/// The body of `POST /users`.
#[derive(Debug, Deserialize)]
pub struct NewUser {
    pub name: String,
}

/// An in-memory user store. It locks inside, so `&Store` is all a handler
/// needs: Actix hands out `web::Data<Store>` (an `Arc`), Rocket `&State<Store>`.
#[derive(Debug, Default)]
pub struct Store {
    users: Mutex<BTreeMap<u32, User>>,
}

impl Store {
    /// A store holding Ferris (id 1) and Corro (id 2).
    pub fn seeded() -> Self {
        let store = Store::default();
        store.insert("Ferris");
        store.insert("Corro");
        store
    }

    /// Adds a user with the next free id and returns it.
    pub fn insert(&self, name: &str) -> User {
        let mut users = self.users.lock().unwrap();
        let id = users.keys().next_back().map_or(1, |last| last + 1);
        let user = User {
            id,
            name: name.to_string(),
        };
        users.insert(id, user.clone());
        user
    }

    pub fn get(&self, id: u32) -> Option<User> {
        self.users.lock().unwrap().get(&id).cloned()
    }

    pub fn list(&self) -> Vec<User> {
        self.users.lock().unwrap().values().cloned().collect()
    }
}

/// Sends `GET uri` to an axum router (no socket) on a fresh Tokio runtime.
/// Returns the status code and the body text.
pub fn axum_get(app: axum::Router, uri: &str) -> (u16, String) {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(async {
        let request = axum::http::Request::get(uri)
            .body(axum::body::Body::empty())
            .unwrap();
        let response = app.oneshot(request).await.unwrap();
        let status = response.status().as_u16();
        let content_type = response.headers().get("content-type").cloned();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let body = String::from_utf8_lossy(&bytes).into_owned();
        check_json_label(&body, content_type.as_ref().and_then(|v| v.to_str().ok()));
        (status, body)
    })
}

/// Builds an Actix app from `config`, sends it `request` (no socket) and
/// returns the status code and the body text. This is what
/// `actix_web::test` is for: `init_service` builds the app, `call_service`
/// sends one request, `read_body` collects the answer.
pub async fn actix_call(
    config: impl FnOnce(&mut actix_web::web::ServiceConfig) + 'static,
    request: actix_web::test::TestRequest,
) -> (u16, String) {
    use actix_web::{App, test};
    let app = test::init_service(App::new().configure(config)).await;
    let response = test::call_service(&app, request.to_request()).await;
    let status = response.status().as_u16();
    let content_type = response.headers().get("content-type").cloned();
    let bytes = test::read_body(response).await;
    let body = String::from_utf8_lossy(&bytes).into_owned();
    check_json_label(&body, content_type.as_ref().and_then(|v| v.to_str().ok()));
    (status, body)
}

/// Like [`actix_call`], for a JSON API: returns the status and the reply
/// parsed as JSON (`Null` if the body is not JSON). Panics if a JSON reply
/// is not labelled `Content-Type: application/json`: a client reads the
/// header, not the bytes, to know what it got.
pub async fn actix_json(
    config: impl FnOnce(&mut actix_web::web::ServiceConfig) + 'static,
    request: actix_web::test::TestRequest,
) -> (actix_web::http::StatusCode, Value) {
    let (status, body) = actix_call(config, request).await;
    let status = actix_web::http::StatusCode::from_u16(status).unwrap();
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

/// Sends `GET uri` to an Actix app made of `config` (no socket) on a fresh
/// Actix runtime. Returns the status code and the body text.
pub fn actix_get(
    config: impl FnOnce(&mut actix_web::web::ServiceConfig) + 'static,
    uri: &str,
) -> (u16, String) {
    let request = actix_web::test::TestRequest::get().uri(uri);
    actix_web::rt::System::new().block_on(actix_call(config, request))
}

/// Reads a response of Rocket's blocking local client as JSON: returns the
/// status and the body parsed as JSON (`Null` if it is not JSON). Panics if
/// a JSON reply is not labelled `Content-Type: application/json`.
pub fn rocket_json(response: rocket::local::blocking::LocalResponse<'_>) -> (Status, Value) {
    let (status, content_type) = (response.status(), response.content_type());
    let body = response.into_string().unwrap_or_default();
    check_json_label(&body, content_type.map(|c| c.to_string()).as_deref());
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

/// Sends `GET uri` to a Rocket (no socket) with the blocking local client.
/// Returns the status code and the body text.
pub fn rocket_get(rocket: rocket::Rocket<rocket::Build>, uri: &str) -> (u16, String) {
    let rocket = rocket.configure(quiet());
    let client = rocket::local::blocking::Client::untracked(rocket).expect("a valid Rocket");
    let response = client.get(uri).dispatch();
    let (status, content_type) = (response.status().code, response.content_type());
    let body = response.into_string().unwrap_or_default();
    check_json_label(&body, content_type.map(|c| c.to_string()).as_deref());
    (status, body)
}

/// Every helper here checks what a client relies on: a body that is JSON
/// says so in its `Content-Type`. A body that only looks like JSON is text
/// to a client (`fetch(..).json()` and friends go by the header).
fn check_json_label(body: &str, content_type: Option<&str>) {
    if serde_json::from_str::<Value>(body).is_ok() {
        assert_eq!(
            content_type,
            Some("application/json"),
            "a JSON reply ({body}) labelled as something else: let the \
             framework's `Json` (actix: `web::Json`, `HttpResponse::json`) \
             write the body and its Content-Type"
        );
    }
}

/// For tests of per-request state: mounts two routes on `rocket`, starts
/// `GET /first`, and while its handler waits, sends `GET /second`; /first is
/// answered once /second has been. Returns the value of `header` in the
/// response to /first and in the response to /second.
pub fn overlapping_requests(
    rocket: rocket::Rocket<rocket::Build>,
    header: &str,
) -> [Option<String>; 2] {
    use rocket::{get, local::asynchronous::Client, routes, tokio::sync::Notify};
    static FIRST_STARTED: Notify = Notify::const_new();
    static SECOND_DONE: Notify = Notify::const_new();

    #[get("/first")]
    async fn first() -> &'static str {
        FIRST_STARTED.notify_one();
        SECOND_DONE.notified().await;
        "first"
    }

    #[get("/second")]
    fn second() -> &'static str {
        SECOND_DONE.notify_one();
        "second"
    }

    let rocket = rocket.configure(quiet()).mount("/", routes![first, second]);
    rocket::execute(async {
        let client = Client::tracked(rocket).await.expect("a valid Rocket");
        let first = client.get("/first").dispatch();
        let second = async {
            FIRST_STARTED.notified().await;
            client.get("/second").dispatch().await
        };
        let (first, second) = rocket::tokio::join!(first, second);
        [first, second].map(|response| response.headers().get_one(header).map(str::to_owned))
    })
}

/// Rocket's configuration for the exercises: the debug defaults, with the
/// log limited to critical messages, so a run shows your program's output
/// rather than Rocket's launch banner. Use it as
/// `rocket::build().configure(quiet())`.
pub fn quiet() -> rocket::Config {
    rocket::Config {
        log_level: rocket::config::LogLevel::Critical,
        ..rocket::Config::debug_default()
    }
}
