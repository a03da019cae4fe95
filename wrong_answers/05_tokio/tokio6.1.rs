// wrong: `rx.close()` instead of dropping the spare sender: closing stops the sensors from sending, so readings are lost
// tokio6 — mpsc: a bounded queue, backpressure, and knowing when it is over.
//
// `tokio::sync::mpsc::channel(capacity)` is a queue with many senders and one
// receiver. Its capacity is a promise about memory: when the queue is full,
// `send(..).await` waits until the receiver makes room. That wait is
// backpressure: fast producers slow down to the consumer's pace instead of
// piling up an unbounded backlog. (`unbounded_channel` exists, but it removes
// exactly that protection.) The receiver's `recv()` returns `None` only when
// the queue is empty AND every `Sender` (every clone) has been dropped: that
// is how a consumer learns there is no more work. (roadmap.md §3)

use tokio::sync::mpsc;

const QUEUE_CAPACITY: usize = 4;

/// Sends `count` readings from one sensor, then hangs up (drops `tx`).
async fn sensor(id: u32, count: u32, tx: mpsc::Sender<(u32, u32)>) {
    for n in 0..count {
        // Waits while the queue is full; fails only if the receiver is gone.
        if tx.send((id, n)).await.is_err() {
            return;
        }
    }
}

/// Runs `sensors` sensors at once and collects every reading, sorted.
async fn collect_readings(sensors: u32, per_sensor: u32) -> Vec<(u32, u32)> {
    let (tx, mut rx) = mpsc::channel(QUEUE_CAPACITY);
    for id in 0..sensors {
        tokio::spawn(sensor(id, per_sensor, tx.clone()));
    }
    rx.close();

    let mut readings = Vec::new();
    while let Some(reading) = rx.recv().await {
        readings.push(reading);
    }
    readings.sort_unstable();
    readings
}

#[tokio::main]
async fn main() {
    let readings = collect_readings(3, 4).await;
    println!(
        "{} readings through a queue of {QUEUE_CAPACITY}:",
        readings.len()
    );
    println!("{readings:?}");
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tokio::time::{sleep, timeout};

    #[tokio::test(start_paused = true)]
    async fn collects_every_reading_and_finishes() {
        let readings = timeout(Duration::from_secs(60), collect_readings(3, 5))
            .await
            .expect(
                "collect_readings never finished: recv() returns None only after \
                 every Sender, including the original one, has been dropped",
            );
        let expected: Vec<(u32, u32)> =
            (0..3).flat_map(|id| (0..5).map(move |n| (id, n))).collect();
        assert_eq!(readings, expected);
    }

    // Backpressure, shown: a producer stops at the capacity until someone reads.
    #[tokio::test(start_paused = true)]
    async fn a_full_queue_makes_the_sender_wait() {
        let (tx, mut rx) = mpsc::channel(QUEUE_CAPACITY);
        let producer = tokio::spawn(sensor(7, 10, tx));
        sleep(Duration::from_secs(1)).await;
        assert_eq!(
            rx.len(),
            QUEUE_CAPACITY,
            "the queue holds at most its capacity"
        );
        assert!(!producer.is_finished(), "the producer waits for room");
        let mut received = 0;
        while rx.recv().await.is_some() {
            received += 1;
        }
        assert_eq!(received, 10);
    }
}
