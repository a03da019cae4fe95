// wrong: `With<Enemy>` keeps only the enemies: the filter is the wrong way round
// ecs3 — systems and query filters: `With<T>` and `Without<T>`.
//
// A *system* is an ordinary function whose parameters say what data it
// needs, e.g. `Query<&mut Health>`: every entity that has a `Health`.
// Systems are added to a `Schedule`, and `schedule.run(&mut world)` runs
// each of them once (one frame). Bevy fetches the data; you never call a
// system yourself.
//
// A query's second type parameter filters which entities match without
// fetching anything: `With<Player>` keeps entities that have a `Player`
// component, `Without<Enemy>` those that do not. Empty "marker" components
// like `Player` exist only to be filtered on. roadmap.md §10

use bevy_ecs::prelude::*;
use bevy_ecs_chapter::strict_schedule;

#[derive(Component, Debug)]
struct Health(u32);

#[derive(Component)]
struct Enemy;

/// A healing aura: +10 health per frame to everyone who is not an enemy.
fn heal_allies(mut query: Query<&mut Health, With<Enemy>>) {
    for mut health in &mut query {
        health.0 += 10;
    }
}

fn main() {
    let mut world = World::new();
    let knight = world.spawn(Health(50)).id();
    let goblin = world.spawn((Health(50), Enemy)).id();
    let mut schedule = strict_schedule();
    schedule.add_systems(heal_allies);
    for _ in 0..3 {
        schedule.run(&mut world);
    }
    println!("knight: {:?}", world.get::<Health>(knight));
    println!("goblin: {:?}", world.get::<Health>(goblin));
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Component)]
    struct Player;

    fn health(world: &World, entity: Entity) -> u32 {
        world.get::<Health>(entity).unwrap().0
    }

    #[test]
    fn allies_are_healed_enemies_are_not() {
        let mut world = World::new();
        let player = world.spawn((Health(10), Player)).id();
        let villager = world.spawn(Health(20)).id();
        let enemy = world.spawn((Health(30), Enemy)).id();
        let mut schedule = strict_schedule();
        schedule.add_systems(heal_allies);
        schedule.run(&mut world);
        schedule.run(&mut world);
        assert_eq!(health(&world, player), 30, "the player is an ally");
        assert_eq!(health(&world, villager), 40, "a villager is an ally too");
        assert_eq!(health(&world, enemy), 30, "the aura must not heal enemies");
    }
}
