// wrong: `Option<ResMut<Gold>>` stops the panic by skipping the mining, but the world still has no gold
// ecs4 — resources: data that belongs to the world, not to an entity.
//
// Some data exists once per game: the score, the settings, the clock. A
// type with `#[derive(Resource)]` is stored in the world by type, at most
// one of each. A system reads it with `Res<T>` and writes it with
// `ResMut<T>`; many systems may read a resource at once, only one may
// write it.
//
// The world must hold the resource before a system asks for it.
// `world.insert_resource(value)` puts one in; `world.init_resource::<T>()`
// builds it with `Default` (or `FromWorld`). roadmap.md §10

use bevy_ecs::prelude::*;
use bevy_ecs_chapter::strict_schedule;

/// A gold mine: yields this much gold per frame.
#[derive(Component)]
struct Mine(u32);

/// The player's gold. Starts at 0.
#[derive(Resource, Default, Debug)]
struct Gold(u32);

/// A game setting: every yield is multiplied by this.
#[derive(Resource)]
struct Bonus(u32);

fn mine_gold(mines: Query<&Mine>, bonus: Res<Bonus>, gold: Option<ResMut<Gold>>) {
    let Some(mut gold) = gold else {
        return;
    };
    for mine in &mines {
        gold.0 += mine.0 * bonus.0;
    }
}

/// A new game: two mines and a bonus of 2.
fn new_game() -> World {
    let mut world = World::new();
    world.spawn(Mine(1));
    world.spawn(Mine(4));
    world.insert_resource(Bonus(2));
    world
}

fn main() {
    let mut world = new_game();
    let mut schedule = strict_schedule();
    schedule.add_systems(mine_gold);
    for frame in 1..=3 {
        schedule.run(&mut world);
        println!("after frame {frame}: {:?}", world.resource::<Gold>());
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_game_starts_with_no_gold() {
        let world = new_game();
        let gold = world.get_resource::<Gold>().map(|g| g.0);
        assert_eq!(gold, Some(0), "the world needs a `Gold` resource");
    }

    #[test]
    fn mines_yield_gold_every_frame() {
        let mut world = new_game();
        let mut schedule = strict_schedule();
        schedule.add_systems(mine_gold);
        for _ in 0..10 {
            schedule.run(&mut world);
        }
        // (1 + 4) gold per frame, doubled, for 10 frames.
        assert_eq!(world.resource::<Gold>().0, 100);
    }
}
