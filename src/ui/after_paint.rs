//! Values that follow their source one frame late, for parts of the page the room is not looking
//! at when an edit lands.

use std::time::Duration;

use leptos::prelude::*;

/// `source`, taken again once the frame that shows its change has been painted (changes made in
/// between are taken once). For what may follow an edit a frame late, such as the findings list
/// beside the grid: the edit's own frame then carries only the cell, its marks and the counts.
///
/// The new value comes in the task after the paint, not when the page is next idle: idle time
/// may come only after the next key press (measured: the list's work then lands in that key's
/// frame).
pub fn after_paint<T>(source: Memo<T>) -> ReadSignal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let shown = RwSignal::new(source.get_untracked());
    let waiting = StoredValue::new(false);
    Effect::new(move |first: Option<()>| {
        source.track();
        if first.is_none() || waiting.get_value() {
            return;
        }
        waiting.set_value(true);
        // A task queued from the frame's callback runs once the frame is drawn.
        request_animation_frame(move || {
            set_timeout(
                move || {
                    waiting.try_set_value(false);
                    if let Some(now) = source.try_get_untracked() {
                        shown.try_set(now);
                    }
                },
                Duration::ZERO,
            );
        });
    });
    shown.read_only()
}
