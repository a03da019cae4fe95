//! Shared set-up for the Loco chapter. Not an exercise: nothing to change here.
//!
//! A generated Loco app reads `config/<environment>.yaml` from its folder.
//! A single-file exercise has no such folder, so its `Hooks::load_config`
//! returns [`config`] instead: the same settings, written in code.

use std::{
    collections::BTreeMap,
    sync::{Arc, Mutex},
};

use loco_rs::{Result, config::Config};
use serde::Serialize;
use serde_json::json;
use tokio::sync::Semaphore;

/// What a generated app's `config/test.yaml` would hold, minus the
/// database: logging off, the address `cargo loco start` would serve on
/// (the tests do not use it: Loco's test helper picks a free port of
/// 127.0.0.1), and background jobs run inline
/// (the default mode, `BackgroundQueue`, needs a Redis/Postgres/SQLite queue).
pub fn config() -> Result<Config> {
    let settings = json!({
        "logger": { "enable": false, "level": "off", "format": "compact" },
        "server": { "port": 5150, "host": "http://localhost" },
        "workers": { "mode": "ForegroundBlocking" },
    });
    Ok(serde_json::from_value(settings)?)
}

/// A user as the API returns it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct User {
    pub id: u32,
    pub name: String,
}

/// A read-only user directory, cheap to clone (Loco's `SharedStore`
/// extractor hands each request a clone).
#[derive(Clone, Debug)]
pub struct Users(Arc<BTreeMap<u32, User>>);

impl Users {
    /// Ferris (id 1) and Corro (id 2).
    pub fn seeded() -> Self {
        let users = [(1, "Ferris"), (2, "Corro")].map(|(id, name)| {
            let user = User {
                id,
                name: name.to_string(),
            };
            (id, user)
        });
        Users(Arc::new(BTreeMap::from(users)))
    }

    pub fn get(&self, id: u32) -> Option<User> {
        self.0.get(&id).cloned()
    }
}

/// A stand-in for a slow mail server (loco3): it takes mail only once it is
/// `open`, and keeps what it was given. Cheap to clone: clones share it.
#[derive(Clone)]
pub struct MailServer {
    open: Arc<Semaphore>,
    sent: Arc<Mutex<Vec<String>>>,
}

impl MailServer {
    /// A mail server that is not taking mail yet.
    pub fn closed() -> Self {
        MailServer {
            open: Arc::new(Semaphore::new(0)),
            sent: Arc::default(),
        }
    }

    /// From now on, every delivery goes through.
    pub fn open(&self) {
        self.open.add_permits(1); // each delivery gives it back
    }

    /// Waits until the server is open, then takes the mail.
    pub async fn deliver(&self, mail: String) {
        let _open = self.open.acquire().await;
        self.sent.lock().unwrap().push(mail);
    }

    /// The mail taken so far, oldest first.
    pub fn sent(&self) -> Vec<String> {
        self.sent.lock().unwrap().clone()
    }
}
