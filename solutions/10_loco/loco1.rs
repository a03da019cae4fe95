// loco1 — a Loco app is a `Hooks` impl: the framework calls you.
//
// Loco ("Rails for Rust", roadmap.md §6) is built on axum. What it adds is
// structure: `loco new` generates an app whose `src/app.rs` implements the
// `Hooks` trait, and Loco's runtime calls those hooks to boot the app (load
// the config for the environment, build the `AppContext`, mount routes,
// start workers). Controllers are `Routes` values — a prefix plus axum
// handlers — collected by `Hooks::routes` into an `AppRoutes`. Loco's own
// monitoring routes (`/_ping`, `/_health`, `/_readiness`) are in it only
// when it starts from `AppRoutes::with_default_routes()`, not `empty()`.
// `loco_rs::testing::request::request::<App, ..>` boots the app for a test
// and hands you a client (axum-test's `TestServer`, serving on a free
// port of 127.0.0.1).
//
// roadmap.md §6

use loco_chapter::Users;
use loco_rs::{
    app::{AppContext, Hooks},
    bgworker::Queue,
    boot::{BootResult, StartMode, create_app},
    config::Config,
    controller::{AppRoutes, Routes, format},
    environment::Environment,
    prelude::*,
    testing::request::request,
};

/// The users controller: what `loco generate controller users` would start.
mod users {
    use super::*;

    async fn show(Path(id): Path<u32>) -> Result<Response> {
        format::json(Users::seeded().get(id))
    }

    pub fn routes() -> Routes {
        Routes::new().prefix("users").add("/{id}", get(show))
    }
}

struct App;

#[async_trait]
impl Hooks for App {
    fn app_name() -> &'static str {
        "loco1"
    }

    async fn boot(
        mode: StartMode,
        environment: &Environment,
        config: Config,
    ) -> Result<BootResult> {
        create_app::<Self>(mode, environment, config).await
    }

    async fn load_config(_environment: &Environment) -> Result<Config> {
        loco_chapter::config()
    }

    fn routes(_ctx: &AppContext) -> AppRoutes {
        AppRoutes::with_default_routes()
            .prefix("/api")
            .add_route(users::routes())
    }

    async fn connect_workers(_ctx: &AppContext, _queue: &Queue) -> Result<()> {
        Ok(())
    }

    fn register_tasks(_tasks: &mut task::Tasks) {}
}

#[tokio::main]
async fn main() {
    request::<App, _, _>(|client, _ctx| async move {
        for uri in ["/_ping", "/api/users/1", "/users/1"] {
            let response = client.get(uri).await;
            println!(
                "GET {uri:<13} -> {} {}",
                response.status_code(),
                response.text()
            );
        }
    })
    .await;
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[tokio::test]
    async fn loco_default_routes_answer() {
        request::<App, _, _>(|client, _ctx| async move {
            client
                .get("/_ping")
                .await
                .assert_json(&json!({ "ok": true }));
            client.get("/_health").await.assert_status_ok();
        })
        .await;
    }

    #[tokio::test]
    async fn users_live_under_api() {
        request::<App, _, _>(|client, _ctx| async move {
            let response = client.get("/api/users/1").await;
            response.assert_status_ok();
            response.assert_json(&json!({ "id": 1, "name": "Ferris" }));
            client.get("/users/1").await.assert_status_not_found();
        })
        .await;
    }
}
