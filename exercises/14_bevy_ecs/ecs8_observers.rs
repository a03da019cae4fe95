// ecs8_observers — observers: react to an event the moment it is triggered.
//
// Messages (ecs8) wait in a queue until a reader system runs, a frame
// later if need be. Since Bevy 0.17 an `Event` is the other kind:
// `world.trigger(event)` runs every *observer* of that event at once, before
// it returns (`commands.trigger(event)` does, when the commands are applied).
// An observer is a system whose first parameter is `On<E>` (it derefs to the
// event), and the world must know about it: `world.add_observer(system)`.
// No schedule runs it: it runs when the event happens. roadmap.md §10

use bevy_ecs::prelude::*;
use bevy_ecs_chapter::strict_schedule;

#[derive(Event)]
struct Explosion {
    damage: u32,
}

#[derive(Resource)]
struct Shield(u32);

/// The shield absorbs the damage of each explosion, as it happens.
fn absorb(explosion: On<Explosion>, mut shield: ResMut<Shield>) {
    shield.0 = shield.0.saturating_sub(explosion.damage);
}

/// A mine goes off: an explosion of 25.
fn detonate(mut commands: Commands) {
    commands.trigger(Explosion { damage: 25 });
}

/// What the shield's display showed, frame after frame.
#[derive(Resource, Default)]
struct Display(Vec<u32>);

fn show_shield(shield: Res<Shield>, mut display: ResMut<Display>) {
    display.0.push(shield.0);
}

fn new_game() -> World {
    let mut world = World::new();
    world.insert_resource(Shield(100));
    world.init_resource::<Display>();
    // TODO: `absorb` is written, but nothing tells the world to run it when
    // an `Explosion` is triggered, so every explosion goes unnoticed.
    world
}

fn main() {
    let mut world = new_game();
    world.trigger(Explosion { damage: 10 });
    println!(
        "after a blast of 10: shield {}",
        world.resource::<Shield>().0
    );
    let mut schedule = strict_schedule();
    schedule.add_systems((detonate, show_shield).chain());
    for _ in 0..2 {
        schedule.run(&mut world);
    }
    println!("after two mines: {:?}", world.resource::<Display>().0);
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explosion_is_absorbed_at_once() {
        let mut world = new_game();
        world.trigger(Explosion { damage: 30 });
        assert_eq!(
            world.resource::<Shield>().0,
            70,
            "no schedule ran, no frame passed"
        );
        world.trigger(Explosion { damage: 80 });
        assert_eq!(world.resource::<Shield>().0, 0, "the shield stops at 0");
    }

    #[test]
    fn a_system_triggers_and_the_next_one_sees_the_result() {
        let mut world = new_game();
        let mut schedule = strict_schedule();
        schedule.add_systems((detonate, show_shield).chain());
        for _ in 0..3 {
            schedule.run(&mut world);
        }
        assert_eq!(world.resource::<Display>().0, [75, 50, 25]);
    }
}
