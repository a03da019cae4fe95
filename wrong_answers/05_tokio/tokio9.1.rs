// wrong: `send_if_modified` with a closure that only compares and never stores the new value: the health never changes
// tokio9 — watch: everyone sees the latest value, nobody sees the history.
//
// `tokio::sync::watch` holds ONE value. Receivers `borrow()` the current one
// at any time, and `changed().await` (or `wait_for(condition)`) wakes them
// when it is replaced; values replaced in between are simply skipped. That
// fits state rather than events: configuration, a health flag, "shutting
// down". A new receiver (`Sender::subscribe`) starts with the current value.
// One trap: `Sender::send` refuses and throws the value away when no receiver
// exists at that moment, so a later subscriber would still see the old value.
// `send_replace` and `send_modify` always store it. (roadmap.md §3)

use tokio::sync::watch;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Health {
    Starting,
    Ready,
    Draining,
}

struct Service {
    health: watch::Sender<Health>,
}

impl Service {
    fn new() -> Self {
        let (health, _) = watch::channel(Health::Starting);
        Self { health }
    }

    fn set_health(&self, health: Health) {
        self.health.send_if_modified(|current| *current != health);

    }

    fn watch_health(&self) -> watch::Receiver<Health> {
        self.health.subscribe()
    }
}

/// What a load balancer does: wait until the service can take traffic.
async fn wait_until_ready(mut health: watch::Receiver<Health>) -> Health {
    let ready = health
        .wait_for(|state| *state == Health::Ready)
        .await
        .expect("the service went away");
    *ready
}

#[tokio::main]
async fn main() {
    let service = Service::new();
    let balancer = tokio::spawn(wait_until_ready(service.watch_health()));
    service.set_health(Health::Ready);
    println!(
        "load balancer saw: {:?}",
        balancer.await.expect("balancer panicked")
    );
    service.set_health(Health::Draining);
    println!(
        "a dashboard opened now sees: {:?}",
        *service.watch_health().borrow()
    );
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_late_watcher_sees_the_current_state() {
        let service = Service::new();
        service.set_health(Health::Ready);
        assert_eq!(
            *service.watch_health().borrow(),
            Health::Ready,
            "set_health ran while nobody watched; watch::Sender::send drops the value then"
        );
    }

    // Paused time: a wait that would never end fails at once, after
    // `TIME_LIMIT` of Tokio's clock, instead of hanging the test.
    const TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(1);

    #[tokio::test(start_paused = true)]
    async fn a_waiter_wakes_when_the_service_is_ready() {
        let service = Service::new();
        let waiter = tokio::spawn(wait_until_ready(service.watch_health()));
        tokio::task::yield_now().await;
        assert!(!waiter.is_finished(), "still starting");
        service.set_health(Health::Ready);
        let woken = tokio::time::timeout(TIME_LIMIT, waiter).await;
        let woken = woken.expect("the waiter never saw Ready");
        assert_eq!(woken.unwrap(), Health::Ready);
    }

    #[tokio::test(start_paused = true)]
    async fn watchers_see_the_latest_value_not_every_value() {
        let service = Service::new();
        let mut health = service.watch_health();
        service.set_health(Health::Ready);
        service.set_health(Health::Draining);
        let changed = tokio::time::timeout(TIME_LIMIT, health.changed()).await;
        changed.expect("no change was seen").unwrap();

        assert_eq!(*health.borrow_and_update(), Health::Draining);
        assert!(
            !health.has_changed().unwrap(),
            "Ready was replaced before anyone looked"
        );
    }
}
