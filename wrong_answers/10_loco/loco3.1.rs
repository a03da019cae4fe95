// wrong: runs the worker's `perform` right in the handler: the job is the worker's, but the client still waits for the mail server
// loco3 — background workers: answer now, do the slow part later.
//
// Some work does not belong in a request: a welcome mail waits on a mail
// server, and the client should not wait with it. Loco's answer is a
// *worker*: a type implementing `BackgroundWorker<Args>` (`build` from the
// `AppContext`, `async fn perform(&self, args)`), and handlers that enqueue
// a job with `Worker::perform_later(&ctx, args).await?` and answer at once
// (202 Accepted). Where jobs run is configuration, `workers.mode`: a queue
// (Redis, Postgres or SQLite) that `cargo loco start --worker` serves, a
// task of the same process (`BackgroundAsync`, used here), or inline
// (`ForegroundBlocking`). `loco generate worker` writes the skeleton; it is
// what the roadmap calls Sidekiq.
//
// roadmap.md §6

use axum::http::StatusCode;
use loco_chapter::{MailServer, Users};
use loco_rs::{
    app::{AppContext, Hooks},
    boot::{BootResult, StartMode, create_app},
    config::{Config, WorkerMode},
    controller::AppRoutes,
    environment::Environment,
    prelude::*,
    testing::request::request,
};
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Serialize)]
struct WelcomeArgs {
    name: String,
}

struct WelcomeWorker {
    mail: MailServer,
}

#[async_trait]
impl BackgroundWorker<WelcomeArgs> for WelcomeWorker {
    fn build(ctx: &AppContext) -> Self {
        let mail = ctx.shared_store.get::<MailServer>();
        WelcomeWorker {
            mail: mail.expect("after_context stores the mail server"),
        }
    }

    async fn perform(&self, args: WelcomeArgs) -> Result<()> {
        self.mail.deliver(format!("Welcome, {}!", args.name)).await;
        Ok(())
    }
}

async fn welcome(
    State(ctx): State<AppContext>,
    SharedStore(users): SharedStore<Users>,
    Path(id): Path<u32>,
) -> Result<Response> {
    let user = users.get(id).ok_or(Error::NotFound)?;
    let worker = WelcomeWorker::build(&ctx);
    worker.perform(WelcomeArgs { name: user.name }).await?;
    Ok(StatusCode::ACCEPTED.into_response())
}

struct App;

#[async_trait]
impl Hooks for App {
    fn app_name() -> &'static str {
        "loco3"
    }

    async fn boot(
        mode: StartMode,
        environment: &Environment,
        config: Config,
    ) -> Result<BootResult> {
        create_app::<Self>(mode, environment, config).await
    }

    async fn load_config(_environment: &Environment) -> Result<Config> {
        let mut config = loco_chapter::config()?;
        config.workers.mode = WorkerMode::BackgroundAsync;
        Ok(config)
    }

    async fn after_context(ctx: AppContext) -> Result<AppContext> {
        ctx.shared_store.insert(Users::seeded());
        ctx.shared_store.insert(MailServer::closed());
        Ok(ctx)
    }

    fn routes(_ctx: &AppContext) -> AppRoutes {
        let users = Routes::new()
            .prefix("users")
            .add("/{id}/welcome", post(welcome));
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
    request::<App, _, _>(|client, ctx| async move {
        let mail = ctx.shared_store.get::<MailServer>().unwrap();
        let response = client.post("/api/users/1/welcome").await;
        println!("POST /api/users/1/welcome -> {}", response.status_code());
        println!("mail sent so far: {:?}", mail.sent());
        mail.open();
        while mail.sent().is_empty() {
            tokio::task::yield_now().await;
        }
        println!("once the mail server opens: {:?}", mail.sent());
    })
    .await;
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use std::{future::IntoFuture, time::Duration};

    use tokio::time::timeout;

    use super::*;

    #[tokio::test]
    async fn the_client_does_not_wait_for_the_mail_server() {
        request::<App, _, _>(|client, ctx| async move {
            let mail = ctx.shared_store.get::<MailServer>().unwrap();
            let post = client.post("/api/users/1/welcome").into_future();
            let response = timeout(Duration::from_secs(2), post).await;
            let response = response.expect("the request waited for the mail server");
            response.assert_status(StatusCode::ACCEPTED);
            assert_eq!(mail.sent(), Vec::<String>::new());
            mail.open();
            let delivered = async {
                while mail.sent().is_empty() {
                    tokio::task::yield_now().await;
                }
            };
            let delivered = timeout(Duration::from_secs(2), delivered).await;
            delivered.expect("the mail was never sent: was the job enqueued?");
            assert_eq!(mail.sent(), ["Welcome, Ferris!"]);
        })
        .await;
    }

    #[tokio::test]
    async fn an_unknown_user_is_not_found_and_gets_no_mail() {
        request::<App, _, _>(|client, ctx| async move {
            let mail = ctx.shared_store.get::<MailServer>().unwrap();
            mail.open();
            let response = client.post("/api/users/42/welcome").await;
            response.assert_status_not_found();
            assert_eq!(mail.sent(), Vec::<String>::new());
        })
        .await;
    }
}
