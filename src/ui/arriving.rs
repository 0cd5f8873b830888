//! Code that may still be on its way (src/ui/on_demand.rs): use it at once when it is here.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// What a split point brings (src/main.rs): its part's code, or why it could not be fetched.
pub type Arriving<T> = Pin<Box<dyn Future<Output = Result<T, NotLoaded>>>>;

/// A part's code could not be fetched: the connection failed before this browser kept a copy.
/// Asking again fetches it again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotLoaded;

impl NotLoaded {
    /// Why, for the user, after "could not be fetched, because".
    pub const WHY: &'static str =
        "the connection failed before this browser kept a copy. Try again when online.";
}

/// Calls `then` with what `arriving` brings: before returning when it is ready at once (its
/// code already loaded), else from a task once it is. So a part the page already has is drawn
/// in the same frame as the click that asked for it.
pub fn when_here<T: 'static>(
    mut arriving: Pin<Box<dyn Future<Output = T>>>,
    then: impl FnOnce(T) + 'static,
) {
    match arriving
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(value) => then(value),
        Poll::Pending => leptos::task::spawn_local(async move { then(arriving.await) }),
    }
}
