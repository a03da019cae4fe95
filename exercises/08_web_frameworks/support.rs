//! Shared set-up for the web frameworks chapter: the users the API serves,
//! an in-memory store, and one-request helpers for the side-by-side exercise.
//! Not an exercise: nothing to change here.

use std::{collections::BTreeMap, sync::Mutex};

use serde::{Deserialize, Serialize};

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
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8_lossy(&bytes).into_owned())
    })
}

/// Sends `GET uri` to an Actix app made of `config` (no socket) on a fresh
/// Actix runtime. Returns the status code and the body text.
pub fn actix_get(
    config: impl FnOnce(&mut actix_web::web::ServiceConfig) + 'static,
    uri: &str,
) -> (u16, String) {
    use actix_web::{App, test};
    actix_web::rt::System::new().block_on(async {
        let app = test::init_service(App::new().configure(config)).await;
        let response =
            test::call_service(&app, test::TestRequest::get().uri(uri).to_request()).await;
        let status = response.status().as_u16();
        let bytes = test::read_body(response).await;
        (status, String::from_utf8_lossy(&bytes).into_owned())
    })
}

/// Sends `GET uri` to a Rocket (no socket) with the blocking local client.
/// Returns the status code and the body text.
pub fn rocket_get(rocket: rocket::Rocket<rocket::Build>, uri: &str) -> (u16, String) {
    let rocket = rocket.configure(quiet());
    let client = rocket::local::blocking::Client::untracked(rocket).expect("a valid Rocket");
    let response = client.get(uri).dispatch();
    let status = response.status().code;
    (status, response.into_string().unwrap_or_default())
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
