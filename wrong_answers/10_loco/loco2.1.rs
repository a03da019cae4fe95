// wrong: builds the 404 and its JSON body by hand instead of returning Loco's Error::NotFound
// loco2 — Loco controllers: `Result<Response>`, `Error`, and the shared store.
//
// A Loco handler is an axum handler with conventions: it returns
// `loco_rs::Result<Response>`, builds answers with `format::json` (or
// `text`, `html`, `view`), and fails with `loco_rs::Error`, which Loco
// turns into a status plus a JSON body the same way in every app:
// `Error::NotFound` is 404 `{"error": "not_found", "description": ..}`,
// `Error::BadRequest(msg)` is 400 (and Loco logs each as a controller
// error). App-wide values go in the `AppContext`
// (every handler's state): a hook such as `after_context` puts them in its
// `shared_store`, and the `SharedStore<T>` extractor takes them out.
//
// roadmap.md §6

use loco_chapter::Users;
use loco_rs::{
    app::{AppContext, Hooks},
    bgworker::Queue,
    boot::{BootResult, StartMode, create_app},
    config::Config,
    controller::AppRoutes,
    environment::Environment,
    prelude::*,
    testing::request::request,
};

async fn show(SharedStore(users): SharedStore<Users>, Path(id): Path<u32>) -> Result<Response> {
    match users.get(id) {
        Some(user) => format::json(user),
        None => format::render()
            .status(404)
            .json(data!({ "error": "not_found", "description": "Resource was not found" })),
    }
}

struct App;

#[async_trait]
impl Hooks for App {
    fn app_name() -> &'static str {
        "loco2"
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

    async fn after_context(ctx: AppContext) -> Result<AppContext> {
        ctx.shared_store.insert(Users::seeded());
        Ok(ctx)
    }

    fn routes(_ctx: &AppContext) -> AppRoutes {
        let users = Routes::new().prefix("users").add("/{id}", get(show));
        AppRoutes::with_default_routes()
            .prefix("/api")
            .add_route(users)
    }

    async fn connect_workers(_ctx: &AppContext, _queue: &Queue) -> Result<()> {
        Ok(())
    }

    fn register_tasks(_tasks: &mut task::Tasks) {}
}

#[tokio::main]
async fn main() {
    request::<App, _, _>(|client, _ctx| async move {
        for uri in ["/api/users/2", "/api/users/42", "/api/users/abc"] {
            let response = client.get(uri).await;
            println!(
                "GET {uri:<14} -> {} {}",
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
    async fn a_known_user_is_json() {
        request::<App, _, _>(|client, _ctx| async move {
            let response = client.get("/api/users/2").await;
            response.assert_status_ok();
            response.assert_json(&json!({ "id": 2, "name": "Corro" }));
        })
        .await;
    }

    #[tokio::test]
    async fn an_unknown_user_is_loco_not_found() {
        request::<App, _, _>(|client, _ctx| async move {
            let response = client.get("/api/users/42").await;
            response.assert_status_not_found();
            let expected = json!({ "error": "not_found", "description": "Resource was not found" });
            response.assert_json(&expected);
        })
        .await;
    }

    #[tokio::test]
    async fn the_handler_fails_with_loco_not_found() {
        // A handler is a plain async fn: call it with its extractors.
        let answer = show(SharedStore(Users::seeded()), Path(42)).await;
        let why = "a 404 built by hand is not Loco's error: return Error::NotFound";
        assert!(matches!(answer, Err(Error::NotFound)), "{why}");
    }
}
