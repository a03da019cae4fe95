// wrong: spawns when the countdown is reset, outside the `if`: an asteroid every frame
// ecs7 — `Commands`: spawning and despawning from inside a system.
//
// Changing the world's *structure* (spawn, despawn, insert or remove
// components) moves entities other systems may be reading. A system *can*
// take `&mut World` (an "exclusive system"), but then nothing may run beside
// it: the schedule counts it as conflicting with every other system. The
// usual way is a `Commands` parameter that queues the changes:
// `commands.spawn(bundle)`, `commands.entity(id).despawn()`.
//
// Queued commands are applied later, at a sync point: at the end of the
// schedule, or between two systems ordered one after the other (Bevy
// inserts the sync point for you). roadmap.md §10

use bevy_ecs::prelude::*;
use bevy_ecs_chapter::strict_schedule;

const SPAWN_EVERY: u32 = 3;

#[derive(Component)]
struct Asteroid;

/// Frames left until the next asteroid appears.
#[derive(Resource)]
struct SpawnCountdown(u32);

/// How many asteroids the radar saw on each frame.
#[derive(Resource, Default)]
struct Radar(Vec<usize>);

/// Every `SPAWN_EVERY` frames, a new asteroid appears.
fn spawn_asteroids(mut commands: Commands, mut countdown: ResMut<SpawnCountdown>) {
    countdown.0 -= 1;
    if countdown.0 == 0 {
        countdown.0 = SPAWN_EVERY;
    }
    commands.spawn(Asteroid);
}

fn radar(asteroids: Query<(), With<Asteroid>>, mut radar: ResMut<Radar>) {
    radar.0.push(asteroids.iter().count());
}

fn new_game() -> (World, Schedule) {
    let mut world = World::new();
    world.insert_resource(SpawnCountdown(SPAWN_EVERY));
    world.init_resource::<Radar>();
    let mut schedule = strict_schedule();
    schedule.add_systems((spawn_asteroids, radar).chain());
    (world, schedule)
}

fn main() {
    let (mut world, mut schedule) = new_game();
    for _ in 0..7 {
        schedule.run(&mut world);
    }
    println!(
        "asteroids seen per frame: {:?}",
        world.resource::<Radar>().0
    );
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_asteroid_every_third_frame() {
        let (mut world, mut schedule) = new_game();
        for _ in 0..9 {
            schedule.run(&mut world);
        }
        let count = world
            .query_filtered::<(), With<Asteroid>>()
            .iter(&world)
            .count();
        assert_eq!(count, 3, "9 frames, one asteroid every 3 frames");
        assert_eq!(
            world.resource::<Radar>().0,
            [0, 0, 1, 1, 1, 2, 2, 2, 3],
            "the radar runs after the spawner, so it sees a new asteroid on the frame it appears"
        );
    }

    fn count_frames(mut frames: Local<u32>) {
        *frames += 1;
    }

    #[test]
    fn the_spawner_does_not_stop_other_systems() {
        // `count_frames` shares no data with the spawner, so nothing needs to
        // order the two; only an exclusive (`&mut World`) system conflicts.
        let (mut world, _) = new_game();
        let mut schedule = strict_schedule();
        schedule.add_systems((spawn_asteroids, count_frames));
        if let Err(error) = schedule.initialize(&mut world) {
            panic!(
                "`spawn_asteroids` conflicts with a system that shares no data with it: \
                 with `&mut World` nothing may run beside it. Queue the spawn instead. {error}"
            );
        }
    }
}
