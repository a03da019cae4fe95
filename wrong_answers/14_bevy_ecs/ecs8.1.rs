// wrong: a new cursor every frame starts at the oldest message kept, so each hit is counted twice
// ecs8 — messages: one system tells others that something happened.
//
// A `#[derive(Message)]` type is sent with a `MessageWriter<T>` parameter
// (`writer.write(msg)`) and received with a `MessageReader<T>`
// (`for msg in reader.read()`). Each reader has its own cursor, so every
// reading system sees every message once. Messages are kept for two frames
// and then dropped (this chapter's `step` does that, as `App` would).
//
// Bevy 0.17 renamed these: before, they were `Event`, `EventWriter` and
// `EventReader`. "Event" now means something sent with `trigger` to
// observers, which react at once. roadmap.md §10

use bevy_ecs::message::MessageRegistry;
use bevy_ecs::prelude::*;
use bevy_ecs_chapter::{step, strict_schedule};

#[derive(Message)]
struct Hit {
    damage: u32,
}

#[derive(Component)]
struct Turret {
    damage: u32,
}

#[derive(Resource)]
struct BossHealth(u32);

/// Every turret hits the boss once per frame.
fn fire(turrets: Query<&Turret>, mut hits: MessageWriter<Hit>) {
    for turret in &turrets {
        hits.write(Hit {
            damage: turret.damage,
        });
    }
}

/// The boss loses the damage of each hit.
fn take_hits(hits: Res<Messages<Hit>>, mut boss: ResMut<BossHealth>) {
    for hit in hits.get_cursor().read(&hits) {
        boss.0 = boss.0.saturating_sub(hit.damage);
    }
}

fn new_game() -> (World, Schedule) {
    let mut world = World::new();
    MessageRegistry::register_message::<Hit>(&mut world);
    world.insert_resource(BossHealth(100));
    world.spawn(Turret { damage: 3 });
    world.spawn(Turret { damage: 4 });
    let mut schedule = strict_schedule();
    schedule.add_systems((fire, take_hits).chain());
    (world, schedule)
}

fn main() {
    let (mut world, mut schedule) = new_game();
    for frame in 1..=3 {
        step(&mut world, &mut schedule);
        println!(
            "frame {frame}: boss health {}",
            world.resource::<BossHealth>().0
        );
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hit_counts_once() {
        let (mut world, mut schedule) = new_game();
        for _ in 0..5 {
            step(&mut world, &mut schedule);
        }
        let health = world.resource::<BossHealth>().0;
        assert_eq!(health, 100 - 5 * (3 + 4), "5 frames of 3 + 4 damage");
    }

    #[test]
    fn a_hit_from_elsewhere_counts_too() {
        let (mut world, mut schedule) = new_game();
        world.write_message(Hit { damage: 50 });
        step(&mut world, &mut schedule);
        step(&mut world, &mut schedule);
        assert_eq!(
            world.resource::<BossHealth>().0,
            100 - 50 - 2 * 7,
            "a hit of 50 sent before the first frame, then 2 frames of turret fire"
        );
    }
}
