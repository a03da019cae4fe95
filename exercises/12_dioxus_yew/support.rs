//! Shared set-up for the Dioxus and Yew chapter (not an exercise).
//!
//! A Dioxus renderer (web, desktop) turns the platform's native events into
//! Dioxus event data through an `HtmlEventConverter`. There is no platform in
//! a test, so `Page` below stands in for one: its `click` installs a converter
//! that knows only mouse clicks and delivers a click to an element.

use dioxus::dioxus_core::{ElementId, Event, Mutation, NoOpMutations, VirtualDom};
use dioxus::html::geometry::{ClientPoint, ElementPoint, PagePoint, ScreenPoint};
use dioxus::html::input_data::{MouseButton, MouseButtonSet};
use dioxus::html::point_interaction::{
    InteractionElementOffset, InteractionLocation, ModifiersInteraction, PointerInteraction,
};
use dioxus::html::*;
use dioxus::prelude::Element;
use std::any::Any;
use std::rc::Rc;

/// A left click at the origin with no modifier keys.
struct Click;

impl InteractionLocation for Click {
    fn client_coordinates(&self) -> ClientPoint {
        ClientPoint::zero()
    }
    fn screen_coordinates(&self) -> ScreenPoint {
        ScreenPoint::zero()
    }
    fn page_coordinates(&self) -> PagePoint {
        PagePoint::zero()
    }
}
impl InteractionElementOffset for Click {
    fn element_coordinates(&self) -> ElementPoint {
        ElementPoint::zero()
    }
}
impl ModifiersInteraction for Click {
    fn modifiers(&self) -> Modifiers {
        Modifiers::empty()
    }
}
impl PointerInteraction for Click {
    fn trigger_button(&self) -> Option<MouseButton> {
        Some(MouseButton::Primary)
    }
    fn held_buttons(&self) -> MouseButtonSet {
        MouseButtonSet::empty()
    }
}
impl HasMouseData for Click {
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Converts our stand-in platform's events: clicks only.
struct ClicksOnly;

macro_rules! only_clicks {
    ($($method:ident -> $data:ident),* $(,)?) => {
        $(fn $method(&self, _: &PlatformEventData) -> $data {
            unreachable!("these tests only click")
        })*
    };
}

impl HtmlEventConverter for ClicksOnly {
    fn convert_mouse_data(&self, _: &PlatformEventData) -> MouseData {
        MouseData::new(Click)
    }
    only_clicks! {
        convert_animation_data -> AnimationData, convert_cancel_data -> CancelData,
        convert_clipboard_data -> ClipboardData, convert_composition_data -> CompositionData,
        convert_drag_data -> DragData, convert_focus_data -> FocusData,
        convert_form_data -> FormData, convert_image_data -> ImageData,
        convert_keyboard_data -> KeyboardData, convert_media_data -> MediaData,
        convert_mounted_data -> MountedData, convert_pointer_data -> PointerData,
        convert_resize_data -> ResizeData, convert_scroll_data -> ScrollData,
        convert_selection_data -> SelectionData, convert_toggle_data -> ToggleData,
        convert_touch_data -> TouchData, convert_transition_data -> TransitionData,
        convert_visible_data -> VisibleData, convert_wheel_data -> WheelData,
    }
}

/// An app in a `VirtualDom`, held the way a renderer holds it.
pub struct Page {
    dom: VirtualDom,
    /// Elements with an `onclick`, in the order the first render created them.
    clickable: Vec<ElementId>,
}

impl Page {
    /// Builds and renders `app` once, noting which elements listen for clicks.
    pub fn mount(app: fn() -> Element) -> Page {
        let mut dom = VirtualDom::new(app);
        let clickable = dom
            .rebuild_to_vec()
            .edits
            .into_iter()
            .filter_map(|edit| match edit {
                Mutation::NewEventListener { name, id } if name == "click" => Some(id),
                _ => None,
            })
            .collect();
        Page { dom, clickable }
    }

    /// Clicks the `n`th element that has an `onclick` (the first is 0), then
    /// lets the `VirtualDom` re-render what the click changed, as a renderer
    /// does before the next frame.
    pub fn click(&mut self, n: usize) {
        set_event_converter(Box::new(ClicksOnly));
        let data = PlatformEventData::new(Box::new(()));
        let event = Event::new(Rc::new(data) as Rc<dyn Any>, true);
        self.dom
            .runtime()
            .handle_event("click", event, self.clickable[n]);
        // The handler's signal writes queued the components that read them.
        self.dom.process_events();
        self.dom.render_immediate(&mut NoOpMutations);
    }

    /// The page as HTML, via `dioxus_ssr::render`.
    pub fn html(&self) -> String {
        dioxus_ssr::render(&self.dom)
    }
}
