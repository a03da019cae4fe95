// wrong (compile): the attribute is there but `main` is no longer async, and the macro needs an async fn
// embassy1 — Embassy's executor, running on your PC.
//
// Embassy is an async runtime for microcontrollers: no RTOS, no threads, no
// heap. Its executor polls tasks and, when none can progress, sleeps the CPU
// until an interrupt (a timer, a pin, a finished DMA transfer) wakes one up.
// Its `platform-std` feature runs the same executor on a PC: no board needed.
//
// `#[embassy_executor::main]` turns `async fn main(spawner: Spawner)` into a
// real `fn main` that creates the executor and runs your `main` as its first
// task. Time is simulated (embassy-time's mock driver): `simulated`, from the
// chapter's support file `support.rs`, plays the hardware timer.
// roadmap.md §13

use embassy_chapter::simulated;
use embassy_executor::Spawner;
use embassy_time::{Duration, Instant, Timer};

/// Counts down from `from` to 1, one number per second, and returns when (in milliseconds
/// since start) each number was announced.
async fn countdown(from: u32) -> Vec<(u64, u32)> {
    let mut announced = Vec::new();
    for n in (1..=from).rev() {
        announced.push((Instant::now().as_millis(), n));
        Timer::after(Duration::from_secs(1)).await;
    }
    announced
}

#[embassy_executor::main]
fn main(_spawner: Spawner) {
    for (at_ms, n) in embassy_futures::block_on(simulated(countdown(3))) {
        println!("t = {at_ms:>4} ms: {n}");
    }
    println!("t = {:>4} ms: lift-off!", Instant::now().as_millis());
    // On a board `main` never returns. On a PC we end the process once the demo is done.
    std::process::exit(0);
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use embassy_chapter::run_simulated;

    #[test]
    fn counts_down_once_per_second() {
        let announced = run_simulated(countdown(3));
        assert_eq!(
            announced,
            vec![(0, 3), (1000, 2), (2000, 1)],
            "each number should come one second after the previous one: is every timer awaited?"
        );
    }

    #[test]
    fn the_whole_countdown_takes_its_time() {
        let finished_at = run_simulated(async {
            countdown(2).await;
            Instant::now().as_millis()
        });
        assert_eq!(finished_at, 2000, "counting down from 2 takes two seconds");
    }
}
